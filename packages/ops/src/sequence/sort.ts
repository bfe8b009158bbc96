/**
 * Sorting along an axis: argsort, sort and topk, on the `Argsort` primitive. Values are
 * gathered at the sorted indices, so their gradient scatters back to where they came from.
 */
import { checkArity, checkOptions, type DType, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe } from '../operand.js';
import { flatOffsets, flatten1d } from './alongAxis.js';

/**
 * Options of {@link sort} and {@link argsort}.
 * @example
 * ops.sort(x, { axis: 0, descending: true });
 */
export interface SortOptions {
  /** The axis to sort along (default -1, the last). */
  axis?: number;
  /** Largest first (default false). */
  descending?: boolean;
}

const SORT_KEYS: OptionKeys<SortOptions> = { axis: true, descending: true };

function checkFlag(value: unknown, op: string, name: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: ${name} must be a boolean, but got ${describe(value)}.`);
  return value;
}

function order(op: string, input: Tensor, axis: unknown, descending: unknown): { indices: Tensor<'int32'>; axis: number } {
  checkTensor(input, op, 'input');
  if (input.rank === 0) throw new RangeError(`${op}: input is a scalar (shape []); it has no axis to sort along.`);
  const ax = normalizeAxisOf(axis, input.rank, op);
  const desc = checkFlag(descending, op, 'descending');
  return { indices: runKernel('Argsort', [input], { axis: ax, descending: desc }) as Tensor<'int32'>, axis: ax };
}

/** input's elements at sorted `indices` along `axis` (differentiable through Gather). */
function valuesAt<D extends DType>(input: Tensor<D>, indices: Tensor, axis: number): Tensor<D> {
  return tidy(() => {
    const picked = runKernel('Gather', [flatten1d(input), flatOffsets(indices, input.shape, axis)], { axis: 0 });
    return runKernel('Reshape', [picked], { shape: indices.shape });
  }) as Tensor<D>;
}

/**
 * The int32 indices that sort `input` along `axis` (MindSpore `ops.argsort`). The sort is
 * stable (equal elements keep their order) and NaN counts as larger than every number.
 * @example
 * ops.argsort(tensor([3, 1, 2], 'float32')); // int32 [1, 2, 0]
 * ops.argsort(tensor([3, 1, 2], 'float32'), { descending: true }); // int32 [0, 2, 1]
 */
export function argsort(input: Tensor, options?: SortOptions): Tensor<'int32'> {
  checkArity(arguments.length, 2, 'argsort');
  const { axis = -1, descending = false } = checkOptions<SortOptions>(options, 'argsort', SORT_KEYS);
  return order('argsort', input, axis, descending).indices;
}

/**
 * `input` sorted along `axis`, and the int32 indices each value came from (MindSpore
 * `ops.sort`): `[values, indices]`. Stable; NaN sorts as the largest value. The gradient of the
 * values flows back to the positions they came from.
 * @example
 * const [values, indices] = ops.sort(tensor([[3, 1, 2]], 'float32'));
 * // values [[1, 2, 3]], indices int32 [[1, 2, 0]]
 */
export function sort<D extends DType>(input: Tensor<D>, options?: SortOptions): [Tensor<D>, Tensor<'int32'>] {
  checkArity(arguments.length, 2, 'sort');
  const { axis = -1, descending = false } = checkOptions<SortOptions>(options, 'sort', SORT_KEYS);
  const { indices, axis: ax } = order('sort', input, axis, descending);
  try {
    return [valuesAt(input, indices, ax), indices];
  } catch (err) {
    indices.dispose();
    throw err;
  }
}

/**
 * Options of {@link topk}.
 * @example
 * ops.topk(logits, 5, { dim: -1, largest: true });
 */
export interface TopkOptions {
  /** The dimension to search (default -1, the last). */
  dim?: number;
  /** The k largest (default) or, with false, the k smallest. */
  largest?: boolean;
  /**
   * Whether the k results are in sorted order (default true). They always are here: with
   * false MindSpore leaves the order unspecified, and sorted order is one such order.
   */
  sorted?: boolean;
}

const TOPK_KEYS: OptionKeys<TopkOptions> = { dim: true, largest: true, sorted: true };

/**
 * The `k` largest (or smallest) elements of `input` along `dim` and their int32 indices
 * (MindSpore `ops.topk`): `[values, indices]`, largest first. Equal elements: the smaller
 * index first. The gradient of the values flows back to the positions they came from.
 * @example
 * const [values, indices] = ops.topk(tensor([1, 5, 3, 4], 'float32'), 2);
 * // values [5, 4], indices int32 [1, 3]
 */
export function topk<D extends DType>(input: Tensor<D>, k: number, options?: TopkOptions): [Tensor<D>, Tensor<'int32'>] {
  checkArity(arguments.length, 3, 'topk');
  const { dim = -1, largest = true, sorted = true } = checkOptions<TopkOptions>(options, 'topk', TOPK_KEYS);
  checkTensor(input, 'topk', 'input');
  checkFlag(sorted, 'topk', 'sorted');
  checkFlag(largest, 'topk', 'largest');
  if (input.rank === 0) throw new RangeError('topk: input is a scalar (shape []); it has no dim to search.');
  const ax = normalizeAxisOf(dim, input.rank, 'topk', 'dim');
  const n = input.shape[ax] as number;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`topk: k must be an integer in [0, ${n}] (the size of dim ${ax}), but got ${describe(k)}.`);
  }
  const indices = tidy(() => {
    const all = runKernel('Argsort', [input], { axis: ax, descending: largest });
    const size = input.shape.map((d, i) => (i === ax ? k : d));
    return runKernel('StridedSlice', [all], { begin: size.map(() => 0), size, step: size.map(() => 1) });
  }) as Tensor<'int32'>;
  try {
    return [valuesAt(input, indices, ax), indices];
  } catch (err) {
    indices.dispose();
    throw err;
  }
}
