/**
 * The negative log-likelihood and cross-entropy losses (MindSpore `ops.nll_loss` and
 * `ops.cross_entropy`), after `nll_loss`, `_nll_loss`, `cross_entropy` and `_cross_entropy` in
 * mindspore/python/mindspore/ops/function/nn_func.py: with class indices, `weight` also scales the
 * label-smoothing term, and `'mean'` divides both terms by the summed weights of the labels that
 * are not `ignoreIndex`; with probabilities, `'mean'` divides by the number of samples.
 */
import { checkArity, checkOptions, fill, type FloatDType, isInt, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { isTracing, shapeString } from '@mindts/tensor/backend';
import { add, div, mul } from '../binary.js';
import { cast } from '../cast.js';
import { equal } from '../compare.js';
import { oneHot } from '../oneHot.js';
import { describe } from '../operand.js';
import { sum } from '../reduce.js';
import { reshape } from '../shape/reshape.js';
import { gather } from '../shape/gather.js';
import { logSoftmax } from '../softmax.js';
import { neg } from '../unary.js';
import { where } from '../where.js';
import { checkFloat, checkReduction, type LossReduction } from './reduction.js';

/**
 * Options of {@link nllLoss} and {@link crossEntropy}, in MindSpore's order.
 * @example
 * ops.crossEntropy(logits, labels, { ignoreIndex: -1, labelSmoothing: 0.1 });
 */
export interface NllLossOptions {
  /** A rescaling weight per class, shape `[C]`, float (default none). */
  weight?: Tensor | null;
  /** A class-index target that adds nothing to the loss nor to the mean's denominator (default -100). */
  ignoreIndex?: number;
  /** Default `'mean'`. */
  reduction?: LossReduction;
  /** In [0, 1]: mixes the target with the uniform distribution (default 0). */
  labelSmoothing?: number;
}
const NLL_KEYS: OptionKeys<NllLossOptions> = { weight: true, ignoreIndex: true, reduction: true, labelSmoothing: true };

interface Checked {
  weight: Tensor | null;
  ignoreIndex: number;
  reduction: LossReduction;
  labelSmoothing: number;
  classDim: number;
  classes: number;
}

function checkArgs(op: string, input: Tensor, options: unknown): Checked {
  const { weight = null, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 } = checkOptions<NllLossOptions>(options, op, NLL_KEYS);
  checkFloat(input, op, 'input');
  if (input.rank === 0) throw new RangeError(`${op}: input must have a class axis, but got a scalar (shape []).`);
  if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) {
    throw new TypeError(`${op}: ignoreIndex must be an integer, but got ${describe(ignoreIndex)}.`);
  }
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new RangeError(`${op}: labelSmoothing must be a number in [0, 1], but got ${describe(labelSmoothing)}.`);
  }
  const classDim = input.rank === 1 ? 0 : 1;
  const classes = input.shape[classDim] as number;
  if (weight !== null) {
    if (!(weight instanceof Tensor)) throw new TypeError(`${op}: weight must be a Tensor or null, but got ${describe(weight)}.`);
    checkFloat(weight, op, 'weight');
    if (weight.rank !== 1 || weight.shape[0] !== classes) {
      throw new RangeError(`${op}: weight must have shape [${classes}] (one per class), but got ${shapeString(weight.shape)}.`);
    }
  }
  return { weight, ignoreIndex, reduction: checkReduction(reduction, op), labelSmoothing, classDim, classes };
}

/** Class-index targets: int, the input's shape without the class axis, each in [0, C) or ignoreIndex. */
function checkIndices(op: string, input: Tensor, target: Tensor, c: Checked): void {
  if (!isInt(target.dtype)) throw new TypeError(`${op}: target must hold class indices (an integer Tensor), but got ${target.dtype}.`);
  const expected = input.rank === 1 ? [] : [input.shape[0] as number, ...input.shape.slice(2)];
  if (target.rank !== expected.length || expected.some((d, i) => d !== target.shape[i])) {
    throw new RangeError(
      `${op}: target ${shapeString(target.shape)} must have the shape of input ${shapeString(input.shape)} without its class axis, ${shapeString(expected)}.`,
    );
  }
  // The values can only be checked on the host: not inside a traced (jit) function, nor on a
  // backend that reads only asynchronously (WebGPU), where such a label adds 0 (its one-hot row).
  if (isTracing()) return;
  let values: ArrayLike<number | bigint>;
  try {
    values = target.dataSync();
  } catch {
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const label = Number(values[i]);
    if (label !== c.ignoreIndex && (label < 0 || label >= c.classes)) {
      throw new RangeError(
        `${op}: target holds the label ${label} (at flat index ${i}), out of range for ${c.classes} classes: labels must be in [0, ${c.classes - 1}] or ignoreIndex (${c.ignoreIndex}).`,
      );
    }
  }
}

/** The weight shaped to broadcast along the class axis (`[1, C, 1, …]`), or null. */
function classWeight(input: Tensor, c: Checked): Tensor | null {
  if (!c.weight) return null;
  return input.rank === 1
    ? c.weight
    : reshape(
        c.weight,
        input.shape.map((d, i) => (i === 1 ? d : 1)),
      );
}

/** MindSpore's `_nll_loss` on log-probabilities `logp` and checked class indices. */
function nllFromIndices(logp: Tensor, target: Tensor, c: Checked): Tensor {
  const ignored = equal(target, c.ignoreIndex);
  const safe = where(ignored, 0, target);
  const w = classWeight(logp, c);
  const weighted = w ? mul(logp, w) : logp;
  const onehot = cast(oneHot(safe, c.classes, 1, 0, c.classDim), weighted.dtype);
  let loss = where(ignored, 0, neg(sum(mul(weighted, onehot), c.classDim)));
  let smooth = where(ignored, 0, neg(sum(weighted, c.classDim)));
  if (c.reduction !== 'none') {
    loss = sum(loss);
    smooth = sum(smooth);
  }
  if (c.reduction === 'mean') {
    const labelWeights = c.weight ? gather(c.weight, safe) : fill(safe.shape, 1, weighted.dtype);
    const total = sum(where(ignored, 0, labelWeights));
    loss = div(loss, total);
    smooth = div(smooth, total);
  }
  if (c.labelSmoothing === 0) return loss;
  return add(mul(loss, 1 - c.labelSmoothing), mul(smooth, c.labelSmoothing / c.classes));
}

/**
 * The negative log-likelihood of class-index `target` under log-probabilities `inputs`
 * (`[C]`, `[N, C]` or `[N, C, d1, …]`): `−w[t]·inputs[n, t]` per sample, then the weighted mean
 * (default), the sum or nothing (MindSpore `ops.nll_loss`). A target outside `[0, C)` that is not
 * `ignoreIndex` is a RangeError naming it (checked on the host: not under `jit`, nor where values
 * read back only asynchronously).
 * @example
 * ops.nllLoss(tensor([[-0.5, -1, -2]], 'float32'), tensor([1])); // float32 1
 */
export function nllLoss(inputs: Tensor, target: Tensor, options?: NllLossOptions): Tensor {
  checkArity(arguments.length, 3, 'nllLoss');
  const c = checkArgs('nllLoss', inputs, options);
  if (!(target instanceof Tensor)) throw new TypeError(`nllLoss: target must be a Tensor, but got ${describe(target)}.`);
  checkIndices('nllLoss', inputs, target, c);
  return tidy(() => nllFromIndices(inputs, target, c));
}

/**
 * The cross entropy between logits `input` (`[C]`, `[N, C]` or `[N, C, d1, …]`) and `target`:
 * class indices (an integer Tensor of the input's shape without the class axis) or class
 * probabilities (a float Tensor of the input's shape), computed through `logSoftmax` over the
 * class axis (MindSpore `ops.cross_entropy(input, target, weight, ignore_index, reduction,
 * label_smoothing)`). A class index outside `[0, C)` that is not `ignoreIndex` is a RangeError
 * naming the label and the class count.
 * @example
 * ops.crossEntropy(tensor([[2, 0, 0]], 'float32'), tensor([0])); // float32 0.2395
 */
export function crossEntropy(input: Tensor, target: Tensor, options?: NllLossOptions): Tensor<FloatDType> {
  checkArity(arguments.length, 3, 'crossEntropy');
  const c = checkArgs('crossEntropy', input, options);
  if (!(target instanceof Tensor)) throw new TypeError(`crossEntropy: target must be a Tensor, but got ${describe(target)}.`);
  const probabilities = target.rank === input.rank;
  if (probabilities) {
    checkFloat(target, 'crossEntropy', 'target');
    if (target.shape.some((d, i) => d !== input.shape[i])) {
      throw new RangeError(
        `crossEntropy: probability target ${shapeString(target.shape)} must have the shape of input ${shapeString(input.shape)}.`,
      );
    }
  } else checkIndices('crossEntropy', input, target, c);
  // A float result: the log-softmax of float logits.
  return tidy(() => {
    const logp = logSoftmax(input, c.classDim);
    if (!probabilities) return nllFromIndices(logp, target, c);
    const smoothed = c.labelSmoothing > 0 ? add(mul(target, 1 - c.labelSmoothing), c.labelSmoothing / c.classes) : target;
    const w = classWeight(input, c);
    const prod = w ? mul(mul(logp, smoothed), w) : mul(logp, smoothed);
    if (c.reduction === 'mean') return div(neg(sum(prod)), input.size / c.classes);
    if (c.reduction === 'sum') return neg(sum(prod));
    return neg(sum(prod, c.classDim));
  }) as Tensor<FloatDType>;
}
