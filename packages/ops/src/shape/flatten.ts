/**
 * Merging a run of axes into one (`Reshape`).
 */
import { checkArity, checkOptions, type DType, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { shapeString, sizeOf } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, copy, describe } from '../operand.js';
import { transpose } from './transpose.js';

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
const FLATTEN_KEYS: OptionKeys<FlattenOptions> = { startDim: true, endDim: true };

/**
 * `input` with axes `startDim..endDim` merged into one (MindSpore 2.x
 * `ops.flatten(input, order='C', *, start_dim=1, end_dim=-1)`, which keeps the batch axis by
 * default). `order` `'F'` reads the elements column-major (the axes reversed first). A 0-D or
 * 1-D input becomes 1-D. A number as the second argument is refused: it is the order, not a dim.
 * @example
 * ops.flatten(zeros([2, 3, 4])).shape; // [2, 12]
 * ops.flatten(zeros([2, 3, 4]), { startDim: 0, endDim: 1 }).shape; // [6, 4]
 * ops.flatten(tensor([[1, 2], [3, 4]]), 'F', { startDim: 0 }); // int32 [1, 3, 2, 4]
 */
export function flatten<D extends DType>(input: Tensor<D>, options?: FlattenOptions): Tensor<D>;
export function flatten<D extends DType>(input: Tensor<D>, order: 'C' | 'F', options?: FlattenOptions): Tensor<D>;
export function flatten<D extends DType>(input: Tensor<D>, orderOrOptions?: 'C' | 'F' | FlattenOptions, opts?: FlattenOptions): Tensor<D> {
  checkTensor(input, 'flatten', 'input');
  const hasOrder = typeof orderOrOptions === 'string';
  checkArity(arguments.length, hasOrder ? 3 : 2, 'flatten');
  if (orderOrOptions !== undefined && !hasOrder && (typeof orderOrOptions !== 'object' || orderOrOptions === null)) {
    throw new TypeError(
      `flatten: the second argument is the order 'C' or 'F' or the options { startDim, endDim }, but got ${describe(orderOrOptions)}; for MindSpore's start_dim=${String(orderOrOptions)} pass { startDim: ${String(orderOrOptions)} }.`,
    );
  }
  const order = hasOrder ? orderOrOptions : 'C';
  if (order !== 'C' && order !== 'F') throw new RangeError(`flatten: order must be 'C' or 'F', but got ${describe(order)}.`);
  const { startDim = 1, endDim = -1 } = checkOptions<FlattenOptions>(hasOrder ? opts : orderOrOptions, 'flatten', FLATTEN_KEYS);
  if (order === 'F' && input.rank > 1) {
    return tidy(() => flattenC(transpose(input), startDim, endDim));
  }
  return flattenC(input, startDim, endDim);
}

function flattenC<D extends DType>(input: Tensor<D>, startDim: number, endDim: number): Tensor<D> {
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
