// float16 ↔ float32 conversion, eight elements per step, branch-free: what lets float16 tensors
// be stored as float16 and computed in float32. Both directions are exact IEEE-754 conversions,
// bit for bit the CPU backend's (@mindts/tensor float16Bits/float16Value): round to nearest even,
// subnormals kept, overflow to ±∞, NaN to a quiet NaN with its sign.

/** float16 bits (u32 lanes) → float32 lanes. */
// @ts-expect-error: decorator
@inline
export function halfToFloat(h: v128): v128 {
  const sign = i32x4.shl(v128.and(h, i32x4.splat(0x8000)), 16);
  const em = v128.and(h, i32x4.splat(0x7fff));
  // Exponent and mantissa moved into float32 place, scaled by 2^(127-15): exact for normals and
  // subnormals alike (a float32 multiplication by a power of two).
  const scaled = f32x4.mul(i32x4.shl(em, 13), f32x4.splat(5.192296858534828e33));
  // ∞ and NaN: exponent all ones, mantissa kept.
  const special = v128.or(i32x4.shl(em, 13), i32x4.splat(0x7f800000));
  const isSpecial = i32x4.ge_s(em, i32x4.splat(0x7c00));
  return v128.or(sign, v128.bitselect(special, scaled, isSpecial));
}

/** One float16 (its bits) → float32, exactly (what the GEMM's packing reads float16 with). */
// @ts-expect-error: decorator
@inline
export function halfBitsToFloat(h: u32): f32 {
  const em = h & 0x7fff;
  const scaled = reinterpret<u32>(reinterpret<f32>(em << 13) * <f32>5.192296858534828e33);
  const bits = select<u32>((em << 13) | 0x7f800000, scaled, em >= 0x7c00);
  return reinterpret<f32>(bits | ((h & 0x8000) << 16));
}

/** float32 lanes → float16 bits in u32 lanes, rounded to nearest even. */
// @ts-expect-error: decorator
@inline
function floatToHalf(x: v128): v128 {
  const sign = v128.and(x, i32x4.splat(0x80000000));
  const f = v128.xor(x, sign);
  // NaN (above the float32 ∞ bits) → 0x7e00; 65536 and up (and ∞) → 0x7c00.
  const big = v128.bitselect(i32x4.splat(0x7e00), i32x4.splat(0x7c00), i32x4.gt_s(f, i32x4.splat(0x7f800000)));
  // Below 2^-14 the result is subnormal or zero: adding 0.5 (as float) rounds to nearest even at
  // the float16 subnormal step, and the low bits of the sum are the float16 bits.
  const magic = i32x4.splat(126 << 23);
  const small = i32x4.sub(f32x4.add(f, magic), magic);
  // Normal: rebias the exponent, add just under half an ulp plus the odd bit, and shift.
  const odd = v128.and(i32x4.shr_u(f, 13), i32x4.splat(1));
  const normal = i32x4.shr_u(i32x4.add(i32x4.add(f, i32x4.splat(((15 - 127) << 23) + 0xfff)), odd), 13);
  const finite = v128.bitselect(small, normal, i32x4.lt_s(f, i32x4.splat(113 << 23)));
  const bits = v128.bitselect(big, finite, i32x4.ge_s(f, i32x4.splat((127 + 16) << 23)));
  return v128.or(bits, i32x4.shr_u(sign, 16));
}

/** `n` float16 values at `src` (2 bytes each) → float32 at `dst`. */
export function f16ToF32(src: usize, dst: usize, n: i32): void {
  const end = src + (<usize>n << 1);
  const vecEnd = src + (<usize>(n & ~7) << 1);
  for (; src < vecEnd; src += 16, dst += 32) {
    const h = v128.load(src);
    v128.store(dst, halfToFloat(i32x4.extend_low_i16x8_u(h)));
    v128.store(dst, halfToFloat(i32x4.extend_high_i16x8_u(h)), 16);
  }
  for (; src < end; src += 2, dst += 4) {
    v128.store32_lane(dst, halfToFloat(i32x4.splat(<i32>load<u16>(src))), 0);
  }
}

/** `n` float32 values at `src` → float16 at `dst` (2 bytes each). */
export function f32ToF16(src: usize, dst: usize, n: i32): void {
  const end = dst + (<usize>n << 1);
  const vecEnd = dst + (<usize>(n & ~7) << 1);
  for (; dst < vecEnd; src += 32, dst += 16) {
    const lo = floatToHalf(v128.load(src));
    const hi = floatToHalf(v128.load(src, 16));
    v128.store(dst, i16x8.narrow_i32x4_u(lo, hi));
  }
  for (; dst < end; src += 4, dst += 2) {
    store<u16>(dst, <u16>i32x4.extract_lane(floatToHalf(v128.load32_zero(src)), 0));
  }
}

/** `n` float32 values at `src` rounded to float16 precision, written as float32 at `dst` (may be `src`). */
export function roundF16(src: usize, dst: usize, n: i32): void {
  const end = src + (<usize>n << 2);
  const vecEnd = src + (<usize>(n & ~3) << 2);
  for (; src < vecEnd; src += 16, dst += 16) v128.store(dst, halfToFloat(floatToHalf(v128.load(src))));
  for (; src < end; src += 4, dst += 4) v128.store32_lane(dst, halfToFloat(floatToHalf(v128.load32_zero(src))), 0);
}
