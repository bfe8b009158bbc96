import { expHiLoV } from './transcendental';

// erf and the exact GELU on f32x4, branch-free. Near 0, erf by its Taylor series (odd, no
// cancellation); elsewhere through erfc(z) = t·e^(−z² + P(t)), t = 1/(1 + z/2) (Numerical
// Recipes' Chebyshev fit, relative error below 1.2e-7 for every z ≥ 0), so the tails that GELU
// needs for negative x (x·Φ(x), tiny) keep their relative precision instead of cancelling in
// 1 − erf. Both branches are computed and merged with lane masks.

// @ts-ignore: decorator
@inline
function fma(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** The upper 12 significant bits of each lane: its square and its product with the rest are exact. */
// @ts-ignore: decorator
@inline
function high(v: v128): v128 {
  return v128.and(v, i32x4.splat(0xfffff000));
}

/**
 * erfc(z) for z ≥ 0 (NaN stays NaN, +∞ gives 0), with −z² given as hi + lo: rounding z² to one
 * float32 would cost z²·2⁻²⁴ of relative precision in the tail (e.g. 4e-6 at z = 8).
 */
// @ts-ignore: decorator
@inline
function erfcPos(z: v128, hi: v128, lo: v128): v128 {
  const t = f32x4.div(f32x4.splat(1), fma(z, f32x4.splat(0.5), f32x4.splat(1)));
  let p = f32x4.splat(0.17087277);
  p = fma(p, t, f32x4.splat(-0.82215223));
  p = fma(p, t, f32x4.splat(1.48851587));
  p = fma(p, t, f32x4.splat(-1.13520398));
  p = fma(p, t, f32x4.splat(0.27886807));
  p = fma(p, t, f32x4.splat(-0.18628806));
  p = fma(p, t, f32x4.splat(0.09678418));
  p = fma(p, t, f32x4.splat(0.37409196));
  p = fma(p, t, f32x4.splat(1.00002368));
  p = fma(p, t, f32x4.splat(-1.26551223));
  // hi + p as a float32 sum and its exact rounding error (TwoSum), so e^(·)'s reduced argument
  // only grows by the small lo + error and stays where its polynomial is accurate.
  const s = f32x4.add(hi, p);
  const pb = f32x4.sub(s, hi);
  const err = f32x4.add(f32x4.sub(hi, f32x4.sub(s, pb)), f32x4.sub(p, pb));
  return f32x4.mul(t, expHiLoV(s, f32x4.add(lo, err)));
}

/** erf(x): 2/√π·Σ (−1)ⁿx^(2n+1)/(n!(2n+1)) below |x| = 0.5, else ±(1 − erfc(|x|)). */
// @ts-ignore: decorator
@inline
export function erfV(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let s = f32x4.splat(-1.0 / 75600.0);
  s = fma(s, z, f32x4.splat(1.0 / 9360.0));
  s = fma(s, z, f32x4.splat(-1.0 / 1320.0));
  s = fma(s, z, f32x4.splat(1.0 / 216.0));
  s = fma(s, z, f32x4.splat(-1.0 / 42.0));
  s = fma(s, z, f32x4.splat(1.0 / 10.0));
  s = fma(s, z, f32x4.splat(-1.0 / 3.0));
  s = fma(s, z, f32x4.splat(1));
  const small = f32x4.mul(f32x4.mul(s, x), f32x4.splat(1.1283791670955126));
  // −z² = −(h + l)² = −h² − (2h + l)·l; past z = 10 erfc is below float32's subnormals, and the
  // clamp keeps ∞ out of the split (∞ − ∞). NaN stays NaN.
  const zc = f32x4.min(ax, f32x4.splat(10));
  const h = high(zc);
  const l = f32x4.sub(zc, h);
  const e = erfcPos(ax, f32x4.neg(f32x4.mul(h, h)), f32x4.neg(f32x4.mul(f32x4.add(f32x4.add(h, h), l), l)));
  const big = v128.or(f32x4.sub(f32x4.splat(1), e), v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, big, f32x4.lt(ax, f32x4.splat(0.5)));
}

/** GELU(x) = x/2 · erfc(−x/√2): erfc of |x|/√2 for x < 0 (tiny, kept exact), 2 − erfc above. */
// @ts-ignore: decorator
@inline
export function geluV(x: v128): v128 {
  // z = |x|/√2 and −z² = −x²/2 from x's halves directly, so the product by 1/√2 adds no error there.
  const ax = f32x4.abs(x);
  const xc = f32x4.min(ax, f32x4.splat(14.5));
  const h = high(xc);
  const l = f32x4.sub(xc, h);
  const half = f32x4.splat(0.5);
  const lo = f32x4.neg(f32x4.mul(f32x4.add(h, f32x4.mul(l, half)), l));
  const e = erfcPos(f32x4.mul(ax, f32x4.splat(0.7071067811865476)), f32x4.neg(f32x4.mul(f32x4.mul(h, h), half)), lo);
  const c = v128.bitselect(e, f32x4.sub(f32x4.splat(2), e), f32x4.lt(x, f32x4.splat(0)));
  const r = f32x4.mul(f32x4.mul(x, f32x4.splat(0.5)), c);
  // −∞·0 would be NaN: below −40 GELU is −0, as the reference says.
  return v128.bitselect(f32x4.splat(-0.0), r, f32x4.lt(x, f32x4.splat(-40)));
}

/** op 0: erf, 1: gelu, over n contiguous float32 values (the tail on lane 0 of the same op). */
export function erfF32(op: i32, x: usize, o: usize, n: i32): void {
  const end = o + (<usize>n << 2);
  const vecEnd = o + (<usize>(n & ~3) << 2);
  if (op == 0) {
    for (; o < vecEnd; o += 16, x += 16) v128.store(o, erfV(v128.load(x)));
    for (; o < end; o += 4, x += 4) v128.store32_lane(o, erfV(v128.load32_zero(x)), 0);
  } else {
    for (; o < vecEnd; o += 16, x += 16) v128.store(o, geluV(v128.load(x)));
    for (; o < end; o += 4, x += 4) v128.store32_lane(o, geluV(v128.load32_zero(x)), 0);
  }
}
