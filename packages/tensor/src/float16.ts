/**
 * IEEE-754 half precision encoding, used to store `float16` tensors in 2 bytes per element.
 */

import { argError, checkArrayLike } from './argChecks.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Encodes one number as float16 bits, rounding to nearest even.
 * @example
 * float16Bits(1); // 0x3c00
 */
export function float16Bits(value: number): number {
  if (typeof value !== 'number') throw argError('float16Bits', 'value', 'a number', value);
  f32[0] = value;
  // Rounding float64 → float32 → float16 can round twice at a tie (2049 + 2^-30 would give 2048,
  // not 2050); making an inexact float32 step round to odd leaves one correct rounding.
  if (f32[0] !== value && Number.isFinite(value) && ((u32[0] as number) & 1) === 0) {
    u32[0] = Math.abs(f32[0] as number) > Math.abs(value) ? (u32[0] as number) - 1 : (u32[0] as number) + 1;
  }
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let m = mant >>> shift;
    if (rest > half || (rest === half && m & 1)) m += 1;
    return sign | m;
  }
  const rest = mant & 0x1fff;
  let out = sign | (e << 10) | (mant >>> 13);
  if (rest > 0x1000 || (rest === 0x1000 && out & 1)) out += 1; // carries into the exponent correctly
  return out;
}

/**
 * Decodes float16 bits to a number.
 * @example
 * float16Value(0x3c00); // 1
 */
export function float16Value(bits: number): number {
  if (typeof bits !== 'number') throw argError('float16Value', 'bits', 'a number', bits);
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * Encodes an array of numbers as float16 storage.
 * @example
 * encodeFloat16(new Float32Array([1, 0.5])); // Uint16Array [0x3c00, 0x3800]
 */
export function encodeFloat16(values: ArrayLike<number>): Uint16Array {
  checkArrayLike(values, 'encodeFloat16', 'values');
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i] as number);
  return out;
}

/**
 * Decodes float16 storage to float32 values.
 * @example
 * decodeFloat16(new Uint16Array([0x3c00])); // Float32Array [1]
 */
export function decodeFloat16(bits: Uint16Array): Float32Array {
  if (!(bits instanceof Uint16Array)) throw argError('decodeFloat16', 'bits', 'a Uint16Array', bits);
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16Value(bits[i] as number);
  return out;
}
