/**
 * What the functional losses share: the `reduction` argument and its application.
 */
import { isFloat, type Tensor } from '@mindts/tensor';
import { checkTensor, describe } from '../operand.js';
import { mean, sum } from '../reduce.js';

/**
 * How a loss reduces its per-element values: `'mean'`, `'sum'` or `'none'` (no reduction).
 * @example
 * ops.mseLoss(x, y, { reduction: 'sum' });
 */
export type LossReduction = 'mean' | 'sum' | 'none';

/** Throws a RangeError naming `op` unless `reduction` is one of the three. */
export function checkReduction(reduction: unknown, op: string): LossReduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(`${op}: reduction must be 'mean', 'sum' or 'none', but got ${describe(reduction)}.`);
  }
  return reduction;
}

/** `x` reduced as `reduction` says (every axis). */
export function reduceLoss(x: Tensor, reduction: LossReduction): Tensor {
  if (reduction === 'mean') return mean(x);
  if (reduction === 'sum') return sum(x);
  return x;
}

/** Checks that `x` is a float Tensor (the losses' predictions and float targets). */
export function checkFloat(x: unknown, op: string, arg: string): Tensor {
  const t = checkTensor(x, op, arg);
  if (!isFloat(t.dtype)) throw new TypeError(`${op}: ${arg} must be a float Tensor, but got ${t.dtype}.`);
  return t;
}
