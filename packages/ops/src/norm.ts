/**
 * Vector and matrix norms (MindSpore 2.x `ops.norm`), composed from `abs`, `pow`, `sum`,
 * `amax`/`amin` and `sqrt`.
 */
import {
  assertDType,
  checkArity,
  checkOptions,
  type DType,
  type FloatDType,
  isFloat,
  type OptionKeys,
  type Tensor,
  tidy,
} from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { normalizeAxisOf } from './axes.js';
import { pow } from './binary.js';
import { notEqual } from './compare.js';
import { sqrt } from './math.js';
import { checkTensor, describe, toDType } from './operand.js';
import { amax, amin, sum } from './reduce.js';
import { abs, square } from './unary.js';

/**
 * The norm order: a number (`Infinity` and `-Infinity` included), `'fro'` or `'nuc'`.
 * @example
 * const ord: NormOrd = Infinity;
 */
export type NormOrd = number | 'fro' | 'nuc';

/**
 * Options of {@link norm}.
 * @example
 * ops.norm(x, 2, 1, false, { dtype: 'float32' });
 */
export interface NormOptions {
  /** Cast `A` to this float dtype first; the result has it too (default: `A`'s dtype, float32 for integers). */
  dtype?: DType;
}
const NORM_KEYS: OptionKeys<NormOptions> = { dtype: true };

function vectorNorm(x: Tensor, ord: NormOrd | null, dim: number | null, keepDim: boolean): Tensor {
  if (typeof ord === 'string') {
    throw new TypeError(`norm: ord ${JSON.stringify(ord)} is a matrix norm; a vector norm takes a number, but got it for one dim.`);
  }
  const p = ord ?? 2;
  if (p === Infinity) return amax(abs(x), dim, keepDim);
  if (p === -Infinity) return amin(abs(x), dim, keepDim);
  if (p === 0) return toDType(sum(notEqual(x, 0), dim, keepDim), x.dtype);
  if (p === 1) return sum(abs(x), dim, keepDim);
  if (p === 2) return sqrt(sum(square(x), dim, keepDim));
  return pow(sum(pow(abs(x), p), dim, keepDim), 1 / p);
}

function matrixNorm(x: Tensor, ord: NormOrd | null, dims: readonly [number, number], keepDim: boolean): Tensor {
  const [d0, d1] = dims;
  let out: Tensor;
  if (ord === null || ord === 'fro') out = sqrt(sum(square(x), [d0, d1], true));
  else if (ord === Infinity || ord === -Infinity) {
    const rows = sum(abs(x), d1, true);
    out = ord > 0 ? amax(rows, d0, true) : amin(rows, d0, true);
  } else if (ord === 1 || ord === -1) {
    const cols = sum(abs(x), d0, true);
    out = ord > 0 ? amax(cols, d1, true) : amin(cols, d1, true);
  } else if (ord === 'nuc' || ord === 2 || ord === -2) {
    throw new RangeError(`norm: the matrix norm ord ${JSON.stringify(ord)} needs singular values, which mindts does not compute yet.`);
  } else {
    throw new RangeError(`norm: ord ${describe(ord)} is not a matrix norm; use null, 'fro', 'nuc', Infinity, -Infinity, 1, -1, 2 or -2.`);
  }
  if (keepDim) return out;
  return runKernel('Reshape', [out], { shape: x.shape.filter((_, i) => i !== d0 && i !== d1) });
}

/**
 * The vector or matrix norm of `A` (MindSpore `ops.norm(A, ord, dim, keepdim)`). With an integer
 * `dim`, vector norms along it: `ord` p gives `sum(|x|^p)^(1/p)` (default 2), `Infinity` the
 * largest `|x|`, `-Infinity` the smallest, 0 the count of nonzeros. With two dims, matrix norms
 * over them: `'fro'` (default), `Infinity`/`-Infinity` (largest/smallest row sum of `|x|`),
 * 1/-1 (largest/smallest column sum); `'nuc'`, 2 and -2 need singular values and are refused.
 * Without `dim`: with no `ord` the 2-norm of every element; with an `ord`, `A` must be 1-D or
 * 2-D. Integer inputs compute in float32.
 * @example
 * ops.norm(tensor([3, 4, 12], 'float32')); // float32 13
 * ops.norm(tensor([[1, -2], [3, 4]], 'float32'), Infinity, [0, 1]); // float32 7
 */
export function norm(
  A: Tensor,
  ord: NormOrd | null = null,
  dim: number | readonly number[] | null = null,
  keepDim = false,
  options?: NormOptions,
): Tensor<FloatDType> {
  checkArity(arguments.length, 5, 'norm');
  checkTensor(A, 'norm', 'A');
  const { dtype } = checkOptions<NormOptions>(options, 'norm', NORM_KEYS);
  if (ord !== null && typeof ord !== 'number' && ord !== 'fro' && ord !== 'nuc') {
    throw new TypeError(`norm: ord must be a number, 'fro', 'nuc' or null, but got ${describe(ord)}.`);
  }
  // ±Infinity are norms; NaN is not an order of any norm (it would make every result NaN).
  if (Number.isNaN(ord)) throw new RangeError('norm: ord must be a number other than NaN, but got NaN.');
  if (typeof keepDim !== 'boolean') throw new TypeError(`norm: keepDim must be a boolean, but got ${describe(keepDim)}.`);
  const target = dtype === undefined ? (isFloat(A.dtype) ? A.dtype : 'float32') : assertDType(dtype, 'norm: dtype');
  if (!isFloat(target)) throw new TypeError(`norm: dtype must be a float dtype, but got ${target}.`);
  let dims: number[] | null = null;
  if (typeof dim === 'number') dims = [normalizeAxisOf(dim, A.rank, 'norm', 'dim')];
  else if (Array.isArray(dim)) {
    if (dim.length !== 1 && dim.length !== 2) throw new RangeError(`norm: dim must name 1 or 2 axes, but got [${dim.join(', ')}].`);
    dims = dim.map((d) => normalizeAxisOf(d, A.rank, 'norm', 'dim'));
    if (dims.length === 2 && dims[0] === dims[1]) throw new RangeError(`norm: dim [${dim.join(', ')}] names axis ${dims[0]} twice.`);
  } else if (dim !== null && dim !== undefined) {
    throw new TypeError(`norm: dim must be an integer, an array of 1 or 2 integers, or null, but got ${describe(dim)}.`);
  } else if (ord !== null) {
    if (A.rank !== 1 && A.rank !== 2) {
      throw new RangeError(`norm: with an ord and no dim, A must be 1-D or 2-D, but got shape ${shapeString(A.shape)}.`);
    }
    dims = A.rank === 1 ? [0] : [0, 1];
  }
  return tidy(() => {
    const x = toDType(A, target);
    if (dims === null) {
      const flat = sqrt(sum(square(x)));
      return keepDim ? runKernel('Reshape', [flat], { shape: A.shape.map(() => 1) }) : flat;
    }
    if (dims.length === 1) return vectorNorm(x, ord, dims[0] as number, keepDim);
    return matrixNorm(x, ord, dims as unknown as [number, number], keepDim);
  }) as Tensor<FloatDType>; // computed in `target`, a float dtype
}
