/**
 * Merging a run of axes into one (`Reshape`).
 */
import type { DType, Tensor } from '@mindts/tensor';
import { shapeString, sizeOf } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, copy } from '../operand.js';

/**
 * Options of {@link flatten}.
 * @example
 * ops.flatten(x, { startDim: 0 }); // fully flat
 */
export interface FlattenOptions {
  /** First axis to merge (default 1: the batch axis is kept). */
  startDim?: number;
  /** Last axis to merge (default -1). */
  endDim?: number;
}

/**
 * `input` with axes `startDim..endDim` merged into one (MindSpore `ops.flatten`, which keeps the
 * batch axis by default). A 0-D or 1-D input becomes 1-D.
 * @example
 * ops.flatten(zeros([2, 3, 4])).shape; // [2, 12]
 * ops.flatten(zeros([2, 3, 4]), { startDim: 0, endDim: 1 }).shape; // [6, 4]
 */
export function flatten<D extends DType>(input: Tensor<D>, options: FlattenOptions = {}): Tensor<D> {
  checkTensor(input, 'flatten', 'input');
  const { startDim = 1, endDim = -1 } = options;
  const shape = input.shape;
  // MindSpore returns a 0-D or 1-D input as 1-D before looking at the dims.
  if (shape.length <= 1) return copy(input, [input.size]);
  const start = normalizeAxisOf(startDim, shape.length, 'flatten', 'startDim');
  const end = normalizeAxisOf(endDim, shape.length, 'flatten', 'endDim');
  if (start > end) {
    throw new RangeError(
      `flatten: startDim ${startDim} (axis ${start}) comes after endDim ${endDim} (axis ${end}) for shape ${shapeString(shape)}.`,
    );
  }
  return copy(input, [...shape.slice(0, start), sizeOf(shape.slice(start, end + 1)), ...shape.slice(end + 1)]);
}
