/**
 * MindSpore's other names for axis permutations: `permute` and `swapaxes` (the `Transpose`
 * primitive, through {@link transpose}).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe } from '../operand.js';
import { transpose } from './transpose.js';

/**
 * `input` with its axes reordered by `axis`, a permutation of them (MindSpore `ops.permute`;
 * `ops.transpose` with the permutation required).
 * @example
 * ops.permute(zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 */
export function permute<D extends DType>(input: Tensor<D>, axis: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 2, 'permute');
  checkTensor(input, 'permute', 'input');
  if (!Array.isArray(axis)) throw new TypeError(`permute: axis must be an array of integers, but got ${describe(axis)}.`);
  return transpose(input, axis);
}

/**
 * `input` with axes `axis0` and `axis1` exchanged (MindSpore `ops.swapaxes`).
 * @example
 * ops.swapaxes(zeros([2, 3, 4]), 0, -1).shape; // [4, 3, 2]
 */
export function swapaxes<D extends DType>(input: Tensor<D>, axis0: number, axis1: number): Tensor<D> {
  checkArity(arguments.length, 3, 'swapaxes');
  checkTensor(input, 'swapaxes', 'input');
  const rank = input.rank;
  const a = normalizeAxisOf(axis0, rank, 'swapaxes', 'axis0');
  const b = normalizeAxisOf(axis1, rank, 'swapaxes', 'axis1');
  const perm = Array.from({ length: rank }, (_, i) => (i === a ? b : i === b ? a : i));
  return transpose(input, perm);
}
