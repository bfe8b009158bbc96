/**
 * Reductions over axes (the `Reduce` primitive). The reduced axes are moved innermost (a
 * transpose, skipped when they already are the trailing axes), then each contiguous run is
 * reduced. Float sums are compensated (Neumaier) in float64, so this backend is a tight oracle.
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, type ReduceOp, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { isFloatDType, wrapsAt32 } from './dtypeRules.js';
import { transposeImpl } from './transpose.js';
import { checkDType, checkIntList, checkName, checkShaped } from './implArgs.js';

type Reducer = (v: Values, start: number, n: number) => number;

const REDUCE_OPS: readonly ReduceOp[] = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin', 'any', 'all'];

/**
 * The dtype `op` produces from `dtype`: int32 for argmax/argmin and for sum/prod of bool, bool
 * for any/all, else `dtype`.
 * @example
 * reduceOutputDType('sum', 'bool'); // 'int32'
 */
export function reduceOutputDType(op: ReduceOp, dtype: DType): DType {
  if (op === 'argmax' || op === 'argmin') return 'int32';
  if (op === 'any' || op === 'all') return 'bool';
  if ((op === 'sum' || op === 'prod') && dtype === 'bool') return 'int32';
  return dtype;
}

const sumFloat: Reducer = (v, start, n) => {
  let s = 0;
  let c = 0;
  for (let i = start; i < start + n; i++) {
    const x = v[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
};

const sumPlain: Reducer = (v, start, n) => {
  let s = 0;
  for (let i = start; i < start + n; i++) s += v[i]!;
  return s;
};

const sumWrap32: Reducer = (v, start, n) => {
  let s = 0;
  for (let i = start; i < start + n; i++) s = (s + v[i]!) | 0;
  return s;
};

const prodPlain: Reducer = (v, start, n) => {
  let p = 1;
  for (let i = start; i < start + n; i++) p *= v[i]!;
  return p;
};

const prodWrap32: Reducer = (v, start, n) => {
  let p = 1;
  for (let i = start; i < start + n; i++) p = Math.imul(p, v[i]!);
  return p;
};

/** max (sign 1) or min (sign −1); the first NaN wins, as in NumPy. */
const extreme =
  (sign: 1 | -1): Reducer =>
  (v, start, n) => {
    let best = v[start]!;
    for (let i = start; i < start + n; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) return x;
      if (sign === 1 ? x > best : x < best) best = x;
    }
    return best;
  };

/** Index of the first max (sign 1) or min (sign −1); a NaN counts as the extreme. */
const argExtreme =
  (sign: 1 | -1): Reducer =>
  (v, start, n) => {
    let best = v[start]!;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const x = v[start + i]!;
      if (Number.isNaN(x)) return i;
      if (sign === 1 ? x > best : x < best) {
        best = x;
        at = i;
      }
    }
    return at;
  };

const anyOp: Reducer = (v, start, n) => {
  for (let i = start; i < start + n; i++) if (v[i] !== 0) return 1;
  return 0;
};

const allOp: Reducer = (v, start, n) => {
  for (let i = start; i < start + n; i++) if (v[i] === 0) return 0;
  return 1;
};

function reducerFor(op: ReduceOp, dtype: DType): Reducer {
  const float = isFloatDType(dtype);
  switch (op) {
    case 'sum':
      return float ? sumFloat : wrapsAt32(dtype) ? sumWrap32 : sumPlain;
    case 'prod':
      return float || dtype === 'int64' ? prodPlain : prodWrap32;
    case 'max':
      return extreme(1);
    case 'min':
      return extreme(-1);
    case 'argmax':
      return argExtreme(1);
    case 'argmin':
      return argExtreme(-1);
    case 'any':
      return anyOp;
    case 'all':
      return allOp;
  }
}

function checkAxes(op: ReduceOp, axes: readonly number[], shape: readonly number[]): void {
  if (!REDUCE_OPS.includes(op)) throw new TypeError(`Reduce: unknown op ${JSON.stringify(op)}; expected one of ${REDUCE_OPS.join(', ')}.`);
  const rank = shape.length;
  const valid = axes.length > 0 && axes.every((a, i) => Number.isInteger(a) && a >= 0 && a < rank && (i === 0 || a > axes[i - 1]!));
  if (!valid) {
    throw new RangeError(
      `Reduce '${op}': axes must be sorted, distinct, non-empty integers in [0, ${rank}) for shape [${shape.join(', ')}], but got [${axes.join(', ')}].`,
    );
  }
  if ((op === 'argmax' || op === 'argmin') && axes.length !== 1) {
    throw new RangeError(`Reduce '${op}' takes exactly one axis, but got [${axes.join(', ')}].`);
  }
}

/**
 * Reduces `values` of `shape` over `axes` (sorted, distinct, non-negative).
 * @example
 * reduceImpl('sum', new Float32Array([1, 2, 3, 4]), [2, 2], [0], 'float32');
 * // { shape: [2], values: Float32Array [4, 6] }
 */
export function reduceImpl(op: ReduceOp, values: Values, shape: readonly number[], axes: readonly number[], dtype: DType): ShapedValues {
  checkName('reduceImpl', 'op', op);
  checkShaped('reduceImpl', 'values', values, shape);
  checkIntList('reduceImpl', 'axes', axes);
  checkDType('reduceImpl', dtype);
  checkAxes(op, axes, shape);
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => shape[i]!);
  const outer = sizeOf(outShape);
  const inner = sizeOf(axes.map((a) => shape[a]!));
  const out = makeValues(reduceOutputDType(op, dtype), outer);
  if (outer === 0) return { shape: outShape, values: out };
  if (inner === 0) {
    if (op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin') {
      const empty = axes.find((a) => shape[a] === 0)!;
      throw new RangeError(
        `Reduce '${op}' has no identity, so it cannot reduce axis ${empty}, which has size 0 in shape [${shape.join(', ')}].`,
      );
    }
  }
  const trailing = axes.every((a, i) => a === shape.length - axes.length + i);
  const src = trailing ? values : transposeImpl(values, shape, [...kept, ...axes], dtype);
  const reducer = reducerFor(op, dtype);
  for (let o = 0; o < outer; o++) out[o] = reducer(src, o * inner, inner);
  return { shape: outShape, values: out };
}

/**
 * CPU kernel of `Reduce`.
 * @example
 * runKernel('Reduce', [x], { op: 'argmax', axes: [1] });
 */
export const reduce: KernelFunc<'Reduce', CpuBackend> = (backend, [x], { op, axes }) => {
  const r = reduceImpl(op, backend.values(x), x.shape, axes, x.dtype);
  return backend.output(r.values, r.shape, reduceOutputDType(op, x.dtype));
};
