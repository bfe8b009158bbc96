/**
 * Indices of extremes (the `argmax`/`argmin` ops of the `Reduce` primitive).
 */
import { checkArity, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { describe } from './operand.js';
import { reduceOp, reductionAxes } from './reduce.js';

function argReduce(op: 'argmax' | 'argmin', x: Tensor, axis: number | null | undefined, keepDims: boolean): Tensor<'int32'> {
  if (axis !== null && axis !== undefined && typeof axis !== 'number') {
    throw new TypeError(`${op}: axis must be a single integer or null, but got ${describe(axis)}.`);
  }
  reductionAxes(op, op, x, axis, keepDims);
  // A scalar's only element is at index 0 (the Reduce primitive has no axis to search).
  if (x.rank === 0) return runKernel('Fill', [], { shape: [], dtype: 'int32', value: 0 }) as Tensor<'int32'>;
  if (axis !== null && axis !== undefined) return reduceOp(op, op, x, axis, keepDims) as Tensor<'int32'>;
  // No axis: the index into the flattened tensor.
  const flat = runKernel('Reshape', [x], { shape: [x.size] });
  try {
    const out = reduceOp(op, op, flat, 0, false);
    if (!keepDims) return out as Tensor<'int32'>;
    const kept = runKernel('Reshape', [out], { shape: x.shape.map(() => 1) });
    out.dispose();
    return kept as Tensor<'int32'>;
  } finally {
    flat.dispose();
  }
}

/**
 * Index (int32) of the largest element along `axis`; with no axis, the index into the flattened
 * tensor. Ties pick the first index.
 * @example
 * ops.argmax(tensor([[1, 5], [7, 4]]), 1); // int32 [1, 0]
 * ops.argmax(tensor([[1, 5], [7, 4]])); // int32 2
 */
export function argmax(input: Tensor, axis?: number | null, keepDims = false): Tensor<'int32'> {
  checkArity(arguments.length, 3, 'argmax');
  return argReduce('argmax', input, axis, keepDims);
}

/**
 * Index (int32) of the smallest element along `axis`; with no axis, the index into the flattened
 * tensor. Ties pick the first index.
 * @example
 * ops.argmin(tensor([[1, 5], [7, 4]]), 0); // int32 [0, 1]
 */
export function argmin(input: Tensor, axis?: number | null, keepDims = false): Tensor<'int32'> {
  checkArity(arguments.length, 3, 'argmin');
  return argReduce('argmin', input, axis, keepDims);
}
