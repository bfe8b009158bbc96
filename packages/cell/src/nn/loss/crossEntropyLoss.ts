/**
 * `nn.CrossEntropyLoss`, after mindspore/python/mindspore/nn/loss/loss.py and `cross_entropy`,
 * `_cross_entropy`, `nll_loss`, `_nll_loss` in mindspore/python/mindspore/ops/function/nn_func.py
 * (MindSpore master, mindspore-ai/mindspore_test@000f242108c6cf156293023471bdc9bc041186a0). As there:
 * with class indices, `weight` also scales the label-smoothing term, and `'mean'` divides both
 * terms by the summed weights of the labels that are not `ignoreIndex`; with probabilities,
 * `'mean'` divides by the number of samples (`size / C`).
 */
import * as ops from '@mindts/ops';
import { fill, isFloat, isInt, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { positionalOptions } from '../checks.js';
import { typeName } from '../../cellState.js';
import { checkLabelRange } from './labelRange.js';
import { checkIsTensor, LossBase, type Reduction } from './lossBase.js';

/**
 * Options of {@link CrossEntropyLoss}, in MindSpore's order.
 * @example
 * new nn.CrossEntropyLoss({ weight: tensor([1, 2, 1], 'float32'), ignoreIndex: -1, labelSmoothing: 0.1 });
 */
export interface CrossEntropyLossOptions {
  /** A rescaling weight per class, shape `[C]`, float16 or float32 (default none). */
  weight?: Tensor | null;
  /** A class-index label that is ignored: it adds nothing to the loss nor to the mean's denominator (default -100). */
  ignoreIndex?: number;
  /** Default `'mean'`. */
  reduction?: Reduction;
  /** In [0, 1]: mixes the target with the uniform distribution (default 0). */
  labelSmoothing?: number;
}

const CROSS_ENTROPY_KEYS: OptionKeys<CrossEntropyLossOptions> = { weight: true, ignoreIndex: true, reduction: true, labelSmoothing: true };

/**
 * The cross entropy between `logits` (`[C]`, `[N, C]` or `[N, C, d1, …]`) and `labels`, which are
 * either class indices (int32, the logits' shape without the class axis) or probabilities (float,
 * the logits' shape), computed from `logSoftmax` over the class axis (MindSpore
 * `nn.CrossEntropyLoss`). A class index outside [0, C) that is not `ignoreIndex` is a RangeError
 * naming the label and the class count; checking reads the labels to the host each call, and is
 * skipped where they cannot be read synchronously (under `jit` tracing, WebGPU results).
 * @example
 * const loss = new nn.CrossEntropyLoss();
 * loss.call(tensor([[2, 0, 0]], 'float32'), tensor([0])); // log(1 + 2e⁻²) = 0.2395
 * loss.call(tensor([[2, 0, 0]], 'float32'), tensor([[1, 0, 0]], 'float32')); // the same
 */
export class CrossEntropyLoss extends LossBase {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  /** `new nn.CrossEntropyLoss(options?)`, or MindSpore's positional `(weight, ignoreIndex, reduction, labelSmoothing)`. */
  constructor(
    ...args:
      | [options?: CrossEntropyLossOptions]
      | [weight: Tensor | undefined, ignoreIndex?: number, reduction?: Reduction, labelSmoothing?: number]
  ) {
    const options = positionalOptions<CrossEntropyLossOptions>(
      args,
      ['weight', 'ignoreIndex', 'reduction', 'labelSmoothing'],
      'CrossEntropyLoss',
      CROSS_ENTROPY_KEYS,
    );
    super(options.reduction ?? 'mean');
    const { weight = null, ignoreIndex = -100, labelSmoothing = 0 } = options;
    if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) {
      throw new TypeError(`For 'CrossEntropyLoss', the type of 'ignoreIndex' should be int, but got ${typeName(ignoreIndex)}.`);
    }
    if (typeof labelSmoothing !== 'number') {
      throw new TypeError(`For 'CrossEntropyLoss', the type of 'labelSmoothing' should be float, but got ${typeName(labelSmoothing)}.`);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      // MindSpore: check_float_range(label_smoothing, 0.0, 1.0, INC_BOTH, 'label_smoothing', 'CrossEntropyLoss').
      throw new RangeError(
        `For 'CrossEntropyLoss', the 'labelSmoothing' must be in range of [0.0, 1.0], but got ${labelSmoothing} with type 'float'.`,
      );
    }
    if (weight !== null) {
      if (!(weight instanceof Tensor)) {
        throw new TypeError(`For 'CrossEntropyLoss', the type of 'weight' should be Tensor, but got ${typeName(weight)}.`);
      }
      if (weight.dtype !== 'float16' && weight.dtype !== 'float32') {
        throw new TypeError(
          `For 'CrossEntropyLoss', the type of 'weight' should be one of ['Float16', 'Float32'], but got ${weight.dtype}.`,
        );
      }
    }
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    checkIsTensor(logits, 'logits', 'CrossEntropyLoss');
    checkIsTensor(labels, 'labels', 'CrossEntropyLoss');
    const probabilities = checkInputs(logits, labels);
    if (!probabilities) checkLabelRange(labels, logits.shape[logits.rank === 1 ? 0 : 1] as number, 'CrossEntropyLoss', this.ignoreIndex);
    return tidy(() => (probabilities ? this.fromProbabilities(logits, labels) : this.fromIndices(logits, labels)));
  }

  /** The weight shaped to broadcast along the class axis (`[1, C, 1, …]`), or null. */
  private classWeight(logits: Tensor): Tensor | null {
    if (!this.weight) return null;
    if (logits.rank === 1) return this.weight;
    return ops.reshape(
      this.weight,
      logits.shape.map((d, i) => (i === 1 ? d : 1)),
    );
  }

  private fromProbabilities(logits: Tensor, labels: Tensor): Tensor {
    const classDim = logits.rank === 1 ? 0 : 1;
    const c = logits.shape[classDim] as number;
    const logp = ops.logSoftmax(logits, classDim);
    let target = labels;
    if (this.labelSmoothing > 0) target = ops.add(ops.mul(labels, 1 - this.labelSmoothing), this.labelSmoothing / c);
    let prod = ops.mul(logp, target);
    const w = this.classWeight(logits);
    if (w) prod = ops.mul(prod, w);
    if (this.reduction === 'mean') return ops.div(ops.neg(ops.sum(prod)), logits.size / c);
    if (this.reduction === 'sum') return ops.neg(ops.sum(prod));
    return ops.neg(ops.sum(prod, classDim));
  }

  private fromIndices(logits: Tensor, labels: Tensor): Tensor {
    const classDim = logits.rank === 1 ? 0 : 1;
    const c = logits.shape[classDim] as number;
    const logp = ops.logSoftmax(logits, classDim);
    const ignored = ops.equal(labels, this.ignoreIndex);
    const safe = ops.where(ignored, 0, labels);
    const w = this.classWeight(logits);
    const weighted = w ? ops.mul(logp, w) : logp;
    const onehot = ops.cast(ops.oneHot(safe, c, 1, 0, classDim), weighted.dtype);
    let loss = ops.where(ignored, 0, ops.neg(ops.sum(ops.mul(weighted, onehot), classDim)));
    let smooth = ops.where(ignored, 0, ops.neg(ops.sum(weighted, classDim)));
    if (this.reduction !== 'none') {
      loss = ops.sum(loss);
      smooth = ops.sum(smooth);
    }
    if (this.reduction === 'mean') {
      const labelWeights = this.weight ? ops.gather(this.weight, safe) : fill(safe.shape, 1, weighted.dtype);
      const total = ops.sum(ops.where(ignored, 0, labelWeights));
      loss = ops.div(loss, total);
      smooth = ops.div(smooth, total);
    }
    if (this.labelSmoothing === 0) return loss;
    return ops.add(ops.mul(loss, 1 - this.labelSmoothing), ops.mul(smooth, this.labelSmoothing / c));
  }
}

/** MindSpore's `_check_cross_entropy_inputs`; true when `labels` are probabilities. */
function checkInputs(logits: Tensor, labels: Tensor): boolean {
  const prefix = "For 'CrossEntropyLoss', the";
  if (!isFloat(logits.dtype))
    throw new TypeError(`${prefix} type of 'logits' should be one of ['Float16', 'Float32'], but got ${logits.dtype}.`);
  const ls = `[${logits.shape.join(', ')}]`;
  const ts = `[${labels.shape.join(', ')}]`;
  if (logits.rank === labels.rank) {
    if (!isFloat(labels.dtype))
      throw new TypeError(`${prefix} type of 'labels' should be one of ['Float16', 'Float32'], but got ${labels.dtype}.`);
    if (logits.shape.some((d, i) => d !== labels.shape[i])) {
      throw new RangeError(
        `${prefix} shape of 'logits' should be (N, C, d_0, d_1, ...), and the shape of 'labels' should be (N, C, d_0, d_1, ...), but get 'logits' shape: ${ls} and 'labels' shape: ${ts}.`,
      );
    }
    return true;
  }
  if (labels.rank === logits.rank - 1) {
    if (!isInt(labels.dtype)) throw new TypeError(`${prefix} type of 'labels' should be one of ['Int32'], but got ${labels.dtype}.`);
    const expected = logits.rank === 1 ? [] : [logits.shape[0], ...logits.shape.slice(2)];
    if (expected.some((d, i) => d !== labels.shape[i])) {
      throw new RangeError(
        `${prefix} shape of 'logits' should be (N, C, d_0, d_1, ...), and the shape of 'labels' should be (N, d_0, d_1, ...), but get 'logits' shape: ${ls} and 'labels' shape: ${ts}.`,
      );
    }
    return false;
  }
  throw new RangeError(
    `${prefix} rank of 'logits' and 'labels' should be:\n1. 'logits.ndim == labels.ndim' for probabilities, \n2. 'logits.ndim - 1 == labels.ndim' for class indices, \nbut get 'logits' rank: ${logits.rank} and 'labels' rank: ${labels.rank}.`,
  );
}
