/**
 * Reductions over axes (the `Reduce` primitive) and `mean`, composed as sum / count.
 */
import { checkArity, type DType, isFloat, type Tensor, tidy } from '@mindts/tensor';
import { type ReduceOp, runKernel, shapeString } from '@mindts/tensor/backend';
import { type Axis, normalizeAxes, reducedShape } from './axes.js';
import { div } from './binary.js';
import { checkTensor, copy, describe, toDType } from './operand.js';

const NO_IDENTITY: ReadonlySet<ReduceOp> = new Set<ReduceOp>(['max', 'min', 'argmax', 'argmin']);

function outputDType(op: ReduceOp, dtype: DType): DType {
  if (op === 'argmax' || op === 'argmin') return 'int32';
  if (op === 'any' || op === 'all') return 'bool';
  return (op === 'sum' || op === 'prod') && dtype === 'bool' ? 'int32' : dtype;
}

/** Checks the arguments of a reduction and returns its sorted axes. */
export function reductionAxes(op: ReduceOp | 'mean' | 'logsumexp', name: string, x: Tensor, axis: Axis, keepDims: unknown): number[] {
  checkTensor(x, name, 'input');
  if (typeof keepDims !== 'boolean') throw new TypeError(`${name}: keepDims must be a boolean, but got ${describe(keepDims)}.`);
  const axes = normalizeAxes(axis, x.rank, name);
  if (NO_IDENTITY.has(op as ReduceOp)) {
    const empty = axes.find((a) => x.shape[a] === 0);
    if (empty !== undefined) {
      throw new RangeError(
        `${name}: cannot reduce axis ${empty} of shape ${shapeString(x.shape)}, which has size 0 (${name} of nothing is undefined).`,
      );
    }
  }
  return axes;
}

/** Runs the Reduce primitive `op` with the shared argument checks and `keepDims`. */
export function reduceOp(op: ReduceOp, name: string, x: Tensor, axis: Axis, keepDims: boolean): Tensor {
  const axes = reductionAxes(op, name, x, axis, keepDims);
  const outShape = reducedShape(x.shape, axes, keepDims);
  return tidy(() => {
    const input = op === 'any' || op === 'all' ? toDType(x, 'bool') : x;
    if (axes.length === 0) {
      // A scalar has nothing to reduce; only the dtype may change (sum of bool is int32).
      const dtype = outputDType(op, input.dtype);
      return dtype === input.dtype ? copy(input, outShape) : runKernel('Cast', [input], { dtype });
    }
    const reduced = runKernel('Reduce', [input], { op, axes });
    return keepDims ? copy(reduced, outShape) : reduced;
  });
}

/**
 * Sum over `axis` (all axes by default); bool sums to int32 (MindSpore `ops.sum`).
 * @example
 * ops.sum(tensor([[1, 2], [3, 4]]), 1); // int32 [3, 7]
 */
export function sum(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'sum');
  return reduceOp('sum', 'sum', input, axis, keepDims);
}

/**
 * Product over `axis` (all axes by default); bool multiplies to int32.
 * @example
 * ops.prod(tensor([[1, 2], [3, 4]]), 0); // int32 [3, 8]
 */
export function prod(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'prod');
  return reduceOp('prod', 'prod', input, axis, keepDims);
}

/**
 * The largest values over `axis` (every axis by default; one axis or several), without indices
 * (MindSpore `ops.amax`). Reducing a size-0 axis is an error.
 * @example
 * ops.amax(tensor([[1, 5], [3, 4]]), -1, true); // int32 [[5], [4]]
 */
export function amax(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'amax');
  return reduceOp('max', 'amax', input, axis, keepDims);
}

/**
 * The smallest values over `axis` (every axis by default; one axis or several), without indices
 * (MindSpore `ops.amin`). Reducing a size-0 axis is an error.
 * @example
 * ops.amin(tensor([[1, 5], [3, 4]])); // int32 1
 */
export function amin(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'amin');
  return reduceOp('min', 'amin', input, axis, keepDims);
}

/** `max`/`min`: the value alone without an axis, `[values, indices]` along one axis. */
function extreme(op: 'max' | 'min', input: Tensor, axis: unknown, keepDims: boolean): Tensor | [Tensor, Tensor<'int32'>] {
  if (axis === undefined || axis === null) return reduceOp(op, op, input, null, keepDims);
  if (typeof axis !== 'number') {
    throw new TypeError(
      `${op}: axis must be a single integer or null, but got ${describe(axis)}; for the ${op}imum over several axes use ops.a${op}(input, axis).`,
    );
  }
  const values = reduceOp(op, op, input, axis, keepDims);
  try {
    // A scalar has one element, at index 0 (the Reduce primitive has no axis to search).
    const indices =
      input.rank === 0
        ? runKernel('Fill', [], { shape: [], dtype: 'int32', value: 0 })
        : reduceOp(op === 'max' ? 'argmax' : 'argmin', op, input, axis, keepDims);
    return [values, indices as Tensor<'int32'>];
  } catch (err) {
    values.dispose();
    throw err;
  }
}

/**
 * The maximum. Without `axis`, the largest element as a tensor of shape `[]` (`[1, …]` with
 * `keepDims`). With an integer `axis`, MindSpore 2.x's pair `[values, indices]`: the largest
 * values along `axis` and their int32 indices (ties pick the first), both of the reduced shape
 * (MindSpore `ops.max`). For values over several axes, see {@link amax}. Reducing a size-0 axis
 * is an error.
 * @example
 * ops.max(tensor([[1, 5], [7, 4]])); // int32 7
 * const [values, indices] = ops.max(tensor([[1, 5], [7, 4]]), 1); // int32 [5, 7], int32 [1, 0]
 */
export function max(input: Tensor, axis?: null, keepDims?: boolean): Tensor;
export function max(input: Tensor, axis: number, keepDims?: boolean): [Tensor, Tensor<'int32'>];
export function max(input: Tensor, axis?: number | null, keepDims = false): Tensor | [Tensor, Tensor<'int32'>] {
  checkArity(arguments.length, 3, 'max');
  return extreme('max', input, axis, keepDims);
}

/**
 * The minimum. Without `axis`, the smallest element as a tensor of shape `[]`. With an integer
 * `axis`, the pair `[values, indices]` along it (MindSpore 2.x `ops.min`). For values over
 * several axes, see {@link amin}.
 * @example
 * ops.min(tensor([[1, 5], [3, 4]])); // int32 1
 * const [values, indices] = ops.min(tensor([[1, 5], [3, 4]]), 0); // int32 [1, 4], int32 [0, 1]
 */
export function min(input: Tensor, axis?: null, keepDims?: boolean): Tensor;
export function min(input: Tensor, axis: number, keepDims?: boolean): [Tensor, Tensor<'int32'>];
export function min(input: Tensor, axis?: number | null, keepDims = false): Tensor | [Tensor, Tensor<'int32'>] {
  checkArity(arguments.length, 3, 'min');
  return extreme('min', input, axis, keepDims);
}

/**
 * Whether any element over `axis` is nonzero (bool).
 * @example
 * ops.any(tensor([[0, 1], [0, 0]]), 1); // bool [true, false]
 */
export function any(input: Tensor, axis?: Axis, keepDims = false): Tensor<'bool'> {
  checkArity(arguments.length, 3, 'any');
  return reduceOp('any', 'any', input, axis, keepDims) as Tensor<'bool'>;
}

/**
 * Whether every element over `axis` is nonzero (bool).
 * @example
 * ops.all(tensor([[1, 1], [0, 1]]), 1); // bool [true, false]
 */
export function all(input: Tensor, axis?: Axis, keepDims = false): Tensor<'bool'> {
  checkArity(arguments.length, 3, 'all');
  return reduceOp('all', 'all', input, axis, keepDims) as Tensor<'bool'>;
}

/**
 * Arithmetic mean over `axis` (all axes by default): the sum divided by the count. Integer and
 * bool inputs average in float32, float16 accumulates in float32; the mean of nothing is NaN.
 * @example
 * ops.mean(tensor([[1, 2], [3, 4]]), 0); // float32 [2, 3]
 */
export function mean(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'mean');
  const axes = reductionAxes('mean', 'mean', input, axis, keepDims);
  let count = 1;
  for (const a of axes) count *= input.shape[a] as number;
  return tidy(() => {
    // float16 sums overflow at 65504, so they accumulate in float32 and the mean is cast back.
    const x = toDType(input, isFloat(input.dtype) && input.dtype !== 'float16' ? input.dtype : 'float32');
    const m = div(reduceOp('sum', 'mean', x, axes, keepDims), count);
    return input.dtype === 'float16' ? runKernel('Cast', [m], { dtype: 'float16' }) : m;
  });
}
