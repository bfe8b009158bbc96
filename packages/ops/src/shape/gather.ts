/**
 * Picking slices by index along an axis (the `Gather` primitive).
 */
import { checkArity, isInt, type DType, type NestedArray, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe, int32Indices } from '../operand.js';

/** Checks and normalises JS indices (negatives count from the end) against `dim`. */
function jsIndices(indices: NestedArray, dim: number, axis: number, shape: readonly number[]): NestedArray {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'number' || !Number.isInteger(node) || node < -dim || node >= dim) {
      throw new RangeError(
        `gather: index ${typeof node === 'number' ? node : describe(node)} is out of range for axis ${axis} of shape ${shapeString(shape)} (size ${dim}).`,
      );
    }
    return node < 0 ? node + dim : node;
  };
  return walk(indices) as NestedArray;
}

/**
 * The slices of `input` along `axis` (default 0) at `indices`; the output shape is
 * `input.shape[:axis] + indices.shape + input.shape[axis+1:]` (MindSpore `ops.gather`).
 * `indices` is an integer Tensor (cast to int32) or a (nested) array of numbers; array indices
 * are range-checked and may be negative. Tensor indices are not read back to be checked.
 * @example
 * ops.gather(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]); // [[5, 6], [1, 2]]
 * ops.gather(tensor([[1, 2], [3, 4]]), tensor([1]), 1); // [[2], [4]]
 */
export function gather<D extends DType>(input: Tensor<D>, indices: Tensor | NestedArray, axis = 0): Tensor<D> {
  checkArity(arguments.length, 3, 'gather');
  checkTensor(input, 'gather', 'input');
  if (input.rank === 0) throw new RangeError('gather: input is a scalar (shape []); it has no axis to gather from.');
  const ax = normalizeAxisOf(axis, input.rank, 'gather');
  if (Array.isArray(indices)) {
    const idx = tensor(jsIndices(indices, input.shape[ax] as number, ax, input.shape), 'int32');
    try {
      return runKernel('Gather', [input, idx], { axis: ax }) as Tensor<D>;
    } finally {
      idx.dispose();
    }
  }
  checkTensor(indices, 'gather', 'indices');
  const t = indices as Tensor;
  if (!isInt(t.dtype)) throw new TypeError(`gather: indices must be an integer Tensor, but got ${t.dtype}.`);
  return tidy(() =>
    runKernel('Gather', [input, int32Indices(t, input.shape[ax] as number, 'gather', 'indices')], { axis: ax }),
  ) as Tensor<D>;
}
