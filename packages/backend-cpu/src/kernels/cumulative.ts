/**
 * Running sums and products along an axis (the `Cumulative` primitive).
 */
import { type DType, isFloat, type Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { checkAxis, checkBoolean, checkDType, checkName, checkShaped } from './implArgs.js';

/**
 * Throws unless `axis` is an axis of `shape` and `dtype` is not bool (the op casts bool first).
 * @example
 * checkAxisArg('Cumulative', [2, 3], 1, 'float32');
 */
export function checkAxisArg(kernel: string, shape: readonly number[], axis: number, dtype: DType): void {
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
    throw new RangeError(
      `${kernel}: axis must be an integer in [0, ${shape.length}) for x of shape ${shapeString(shape)}, but got ${axis}.`,
    );
  }
  if (dtype === 'bool') throw new TypeError(`${kernel}: x must be numeric, but got bool (cast it first).`);
}

/**
 * The running sum or product of `x` along `axis` (from the end with `reverse`), accumulated in
 * float64 and stored in `dtype` (ints wrap as int32 arithmetic does).
 * @example
 * cumulativeImpl(new Float32Array([1, 2, 3]), [3], 'sum', 0, false, 'float32'); // Float32Array [1, 3, 6]
 */
export function cumulativeImpl(
  x: Values,
  shape: readonly number[],
  op: 'sum' | 'prod',
  axis: number,
  reverse: boolean,
  dtype: DType,
): Values {
  checkShaped('cumulativeImpl', 'x', x, shape);
  checkName('cumulativeImpl', 'op', op);
  checkAxis('cumulativeImpl', axis, shape.length);
  checkBoolean('cumulativeImpl', 'reverse', reverse);
  checkDType('cumulativeImpl', dtype);
  const out = makeValues(dtype, x.length);
  const n = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  const sum = op === 'sum';
  const float = isFloat(dtype);
  for (let b = 0; b < outer; b++) {
    for (let k = 0; k < inner; k++) {
      const base = b * n * inner + k;
      let acc = sum ? 0 : 1;
      for (let s = 0; s < n; s++) {
        const i = base + (reverse ? n - 1 - s : s) * inner;
        acc = sum ? acc + x[i]! : acc * x[i]!;
        out[i] = acc;
        // Ints keep the wrapped value, as the next int32 step would see it.
        if (!float) acc = out[i]!;
      }
    }
  }
  return out;
}

/**
 * CPU kernel of `Cumulative`.
 * @example
 * runKernel('Cumulative', [x], { op: 'sum', axis: 0, reverse: false });
 */
export const cumulative: KernelFunc<'Cumulative', CpuBackend> = (backend, [x], { op, axis, reverse }) => {
  checkAxisArg('Cumulative', x.shape, axis, x.dtype);
  if (op !== 'sum' && op !== 'prod') throw new RangeError(`Cumulative: op must be 'sum' or 'prod', but got ${String(op)}.`);
  return backend.output(cumulativeImpl(backend.values(x), x.shape, op, axis, reverse === true, x.dtype), x.shape, x.dtype);
};
