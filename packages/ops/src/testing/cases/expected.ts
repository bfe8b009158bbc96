/**
 * Builders for hand-computed expectations, and the float64 formulas they are computed with.
 */
import type { ExpectedTensor } from '../types.js';

/**
 * Expected results by dtype: `out.f32([2], [1, 2])`.
 * @example
 * const e = out.bool([3], [true, false, true]);
 */
export const out = {
  f32: (shape: readonly number[], values: readonly number[]): ExpectedTensor => ({ shape, dtype: 'float32', values }),
  i32: (shape: readonly number[], values: readonly number[]): ExpectedTensor => ({ shape, dtype: 'int32', values }),
  bool: (shape: readonly number[], values: readonly (boolean | number)[]): ExpectedTensor => ({ shape, dtype: 'bool', values }),
  f16: (shape: readonly number[], values: readonly number[]): ExpectedTensor => ({ shape, dtype: 'float16', values }),
};

/**
 * The error function to ~1e-15, by its Taylor series for |x| < 3 and a continued fraction beyond.
 * @example
 * erf(1); // 0.8427007929497149
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 80; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f);
}

/**
 * GELU as MindSpore and PyTorch define it by default (the exact, erf-based form).
 * @example
 * gelu(1); // 0.8413447460685429
 */
export const gelu = (x: number): number => 0.5 * x * (1 + erf(x / Math.SQRT2));

/**
 * The logistic sigmoid.
 * @example
 * sigmoid(0); // 0.5
 */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * log(1 + eˣ), written to stay finite for large |x|.
 * @example
 * softplus(0); // 0.6931471805599453
 */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * Round half to even, as MindSpore and NumPy round.
 * @example
 * roundHalfEven(2.5); // 2
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * x to float16 precision (round to nearest even), for expectations of float16 casts.
 * @example
 * toFloat16(0.1); // 0.0999755859375
 */
export function toFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const e = Math.max(Math.floor(Math.log2(Math.abs(x))), -14);
  const ulp = 2 ** (e - 10);
  const q = x / ulp;
  const r = roundHalfEven(q) * ulp;
  return Math.abs(r) > 65504 ? Math.sign(x) * Number.POSITIVE_INFINITY : r;
}
