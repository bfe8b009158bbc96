/**
 * Adding and removing size-1 axes (`Reshape`).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { shapeString } from '@mindts/tensor/backend';
import { normalizeAxes, normalizeAxisOf } from '../axes.js';
import { checkTensor, copy } from '../operand.js';

/**
 * `input` with a new axis of size 1 at `axis`, in `[-rank-1, rank]` (MindSpore
 * `ops.expand_dims`).
 * @example
 * ops.expandDims(zeros([2, 3]), -1).shape; // [2, 3, 1]
 */
export function expandDims<D extends DType>(input: Tensor<D>, axis: number): Tensor<D> {
  checkArity(arguments.length, 2, 'expandDims');
  checkTensor(input, 'expandDims', 'input');
  const ax = normalizeAxisOf(axis, input.rank + 1, 'expandDims');
  return copy(input, [...input.shape.slice(0, ax), 1, ...input.shape.slice(ax)]);
}

/**
 * `input` with a new axis of size 1 at `dim`, in `[-rank-1, rank]` (MindSpore `ops.unsqueeze`,
 * the same as {@link expandDims}).
 * @example
 * ops.unsqueeze(zeros([2, 3]), 0).shape; // [1, 2, 3]
 */
export function unsqueeze<D extends DType>(input: Tensor<D>, dim: number): Tensor<D> {
  checkArity(arguments.length, 2, 'unsqueeze');
  checkTensor(input, 'unsqueeze', 'input');
  const ax = normalizeAxisOf(dim, input.rank + 1, 'unsqueeze', 'dim');
  return copy(input, [...input.shape.slice(0, ax), 1, ...input.shape.slice(ax)]);
}

/**
 * `input` without size-1 axes: all of them (no `axis`, or `[]`), or those in `axis`, each of which must have size 1
 * (MindSpore `ops.squeeze`).
 * @example
 * ops.squeeze(zeros([1, 3, 1])).shape; // [3]
 * ops.squeeze(zeros([1, 3, 1]), 0).shape; // [3, 1]
 */
export function squeeze<D extends DType>(input: Tensor<D>, axis?: number | readonly number[] | null): Tensor<D> {
  checkArity(arguments.length, 2, 'squeeze');
  checkTensor(input, 'squeeze', 'input');
  const shape = input.shape;
  let axes: number[];
  // MindSpore's default, an empty tuple, squeezes every size-1 axis.
  if (axis === undefined || axis === null || (Array.isArray(axis) && axis.length === 0)) {
    axes = shape.flatMap((d, i) => (d === 1 ? [i] : []));
  } else {
    axes = normalizeAxes(axis, input.rank, 'squeeze');
    const bad = axes.find((a) => shape[a] !== 1);
    if (bad !== undefined) {
      throw new RangeError(`squeeze: cannot squeeze axis ${bad} of shape ${shapeString(shape)}: its size is ${shape[bad]}, not 1.`);
    }
  }
  return copy(
    input,
    shape.filter((_, i) => !axes.includes(i)),
  );
}
