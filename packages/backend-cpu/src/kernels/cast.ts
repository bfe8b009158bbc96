/**
 * dtype conversion (the `Cast` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { float16Bits, float16Value, type KernelFunc, makeValues } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { checkDType, checkValues } from './implArgs.js';

/**
 * One number converted to `dtype`'s compute form: bool is nonzero → 1 (NaN is nonzero); the
 * integer types truncate toward zero, map NaN and ±∞ to 0 and wrap out-of-range values
 * modulo 2^bits (int64 does not wrap); floats round to the type's precision on storage.
 * @example
 * castScalar(-2.7, 'int32'); // -2
 */
export function castScalar(x: number, dtype: DType): number {
  if (dtype === 'bool') return x !== 0 ? 1 : 0;
  if (dtype === 'int64') return Number.isFinite(x) ? Math.trunc(x) + 0 : 0;
  // Straight to half precision: storing into the float16 compute array (a Float32Array) first
  // could round twice (2049 + 2^-30 must become 2050, not 2048).
  if (dtype === 'float16') return float16Value(float16Bits(x));
  return x;
}

/**
 * `values` converted to `dtype` (see {@link castScalar}).
 * @example
 * castImpl(new Float32Array([1.9, -1.9, NaN]), 'int32'); // Int32Array [1, -1, 0]
 */
export function castImpl(values: Values, dtype: DType): Values {
  checkValues('castImpl', 'values', values);
  checkDType('castImpl', dtype);
  const out = makeValues(dtype, values.length);
  if (dtype === 'bool' || dtype === 'int64' || dtype === 'float16') {
    for (let i = 0; i < values.length; i++) out[i] = castScalar(values[i]!, dtype);
  } else {
    // A typed-array store converts exactly as documented: ToInt8/ToUint8/ToInt16/ToInt32
    // truncate, send NaN and ±∞ to 0 and wrap; float stores round to nearest.
    out.set(values);
  }
  return out;
}

/**
 * CPU kernel of `Cast`.
 * @example
 * runKernel('Cast', [x], { dtype: 'int32' });
 */
export const cast: KernelFunc<'Cast', CpuBackend> = (backend, [x], { dtype }) =>
  backend.output(castImpl(backend.values(x), dtype), x.shape, dtype);
