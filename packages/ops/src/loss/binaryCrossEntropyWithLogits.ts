/**
 * Binary cross entropy on logits (MindSpore `ops.binary_cross_entropy_with_logits`), in the
 * stable form `(1 − y)·x + (1 + (p − 1)·y)·softplus(−x)`, composed from elementwise ops.
 */
import { checkArity, checkOptions, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { shapeString } from '@mindts/tensor/backend';
import { softplus } from '../activation.js';
import { add, mul, sub } from '../binary.js';
import { describe } from '../operand.js';
import { neg } from '../unary.js';
import { checkFloat, checkReduction, type LossReduction, reduceLoss } from './reduction.js';

/**
 * Options of {@link binaryCrossEntropyWithLogits}.
 * @example
 * ops.binaryCrossEntropyWithLogits(x, y, { posWeight: tensor([3], 'float32') });
 */
export interface BinaryCrossEntropyWithLogitsOptions {
  /** A weight per element, broadcast to the logits (default none). */
  weight?: Tensor | null;
  /** A weight for the positive term per class, broadcast to the logits (default none). */
  posWeight?: Tensor | null;
  /** Default `'mean'`. */
  reduction?: LossReduction;
}
const BCE_KEYS: OptionKeys<BinaryCrossEntropyWithLogitsOptions> = { weight: true, posWeight: true, reduction: true };

/**
 * `−w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))]` elementwise, computed without overflow for large
 * `|x|`, then the mean (default), the sum or nothing (MindSpore
 * `ops.binary_cross_entropy_with_logits(logits, label, weight, pos_weight, reduction)`). `label`
 * has the logits' shape; `weight` and `posWeight` broadcast to it.
 * @example
 * ops.binaryCrossEntropyWithLogits(tensor([0], 'float32'), tensor([1], 'float32')); // float32 0.6931
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, label: Tensor, options?: BinaryCrossEntropyWithLogitsOptions): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  checkArity(arguments.length, 3, op);
  const { weight = null, posWeight = null, reduction = 'mean' } = checkOptions<BinaryCrossEntropyWithLogitsOptions>(options, op, BCE_KEYS);
  checkFloat(logits, op, 'logits');
  checkFloat(label, op, 'label');
  if (label.shape.length !== logits.shape.length || label.shape.some((d, i) => d !== logits.shape[i])) {
    throw new RangeError(`${op}: label ${shapeString(label.shape)} must have the shape of logits ${shapeString(logits.shape)}.`);
  }
  for (const [name, w] of [
    ['weight', weight],
    ['posWeight', posWeight],
  ] as const) {
    if (w !== null && !(w instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor or null, but got ${describe(w)}.`);
  }
  const r = checkReduction(reduction, op);
  return tidy(() => {
    // log σ(x) = −softplus(−x) and log(1 − σ(x)) = −x − softplus(−x).
    const sp = softplus(neg(logits));
    const positive = posWeight ? mul(posWeight, label) : label;
    let loss = add(mul(sub(1, label), logits), mul(add(sub(positive, label), 1), sp));
    if (weight) loss = mul(loss, weight);
    return reduceLoss(loss, r);
  });
}
