/**
 * Permuting axes (the `Transpose` primitive).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe } from '../operand.js';

/**
 * `input` with its axes permuted: output axis `i` is input axis `perm[i]` (negatives count from
 * the end). Without `perm` the axes are reversed (MindSpore `ops.transpose`).
 * @example
 * ops.transpose(zeros([2, 3, 4]), [0, 2, 1]).shape; // [2, 4, 3]
 */
export function transpose<D extends DType>(input: Tensor<D>, perm?: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 2, 'transpose');
  checkTensor(input, 'transpose', 'input');
  const rank = input.rank;
  let p: number[];
  if (perm === undefined) p = Array.from({ length: rank }, (_, i) => rank - 1 - i);
  else {
    if (!Array.isArray(perm)) throw new TypeError(`transpose: perm must be an array of integers, but got ${describe(perm)}.`);
    if (perm.length !== rank) {
      throw new RangeError(
        `transpose: perm ${shapeString(perm)} must have one entry per axis of the input of shape ${shapeString(input.shape)} (${rank}), but has ${perm.length}.`,
      );
    }
    p = perm.map((a) => normalizeAxisOf(a, rank, 'transpose', 'perm entry'));
    if (new Set(p).size !== rank) throw new RangeError(`transpose: perm ${shapeString(perm)} is not a permutation of the ${rank} axes.`);
  }
  return runKernel('Transpose', [input], { perm: p }) as Tensor<D>;
}
