// exp, log, tanh and sigmoid on f32x4: Cephes' single-precision range reductions and minimax
// polynomials (about 1 ulp), evaluated lane-parallel; special values (NaN, ±∞, 0, negatives,
// subnormals) are merged in with lane masks, so the loops stay branch-free.

// @ts-ignore: decorator
@inline
function fma(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 2^n for integer lanes n in [−252, 254], applied in two steps so no step leaves the normal range. */
// @ts-ignore: decorator
@inline
function scale(p: v128, n: v128): v128 {
  const half = i32x4.shr_s(n, 1);
  const rest = i32x4.sub(n, half);
  const bias = i32x4.splat(127);
  const s1 = i32x4.shl(i32x4.add(half, bias), 23);
  const s2 = i32x4.shl(i32x4.add(rest, bias), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/** e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-7 polynomial, then × 2^n. */
// @ts-ignore: decorator
@inline
export function expV(x: v128): v128 {
  return expHiLoV(x, f32x4.splat(0));
}

/** e^(hi + lo) for a small lo that float32 could not add to hi (e.g. −z² as two floats): lo joins the reduced r. */
// @ts-ignore: decorator
@inline
export function expHiLoV(x: v128, lo: v128): v128 {
  // Beyond these e^x is ∞ or rounds to 0 in float32; clamping keeps n small. NaN stays NaN.
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(-104)), f32x4.splat(89));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.44269504088896341)));
  let r = fma(n, f32x4.splat(-0.693359375), xc);
  r = f32x4.add(fma(n, f32x4.splat(2.12194440e-4), r), lo);
  const z = f32x4.mul(r, r);
  let y = f32x4.splat(1.9875691500e-4);
  y = fma(y, r, f32x4.splat(1.3981999507e-3));
  y = fma(y, r, f32x4.splat(8.3334519073e-3));
  y = fma(y, r, f32x4.splat(4.1665795894e-2));
  y = fma(y, r, f32x4.splat(1.6666665459e-1));
  y = fma(y, r, f32x4.splat(5.0000001201e-1));
  y = f32x4.add(fma(y, z, r), f32x4.splat(1));
  return scale(y, i32x4.trunc_sat_f32x4_s(n));
}

/** ln x: x = m·2^e with m in [√½, √2), ln m by a degree-9 polynomial in m − 1. */
// @ts-ignore: decorator
@inline
export function logV(x: v128): v128 {
  // Subnormals first become normal (× 2^23), so the exponent field is meaningful.
  const tiny = f32x4.lt(x, f32x4.splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608)), x, tiny);
  let e = i32x4.sub(i32x4.shr_u(xs, 23), v128.bitselect(i32x4.splat(126 + 23), i32x4.splat(126), tiny));
  let m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  // m in [0.5, 1): below √½ use 2m − 1 and e − 1, else m − 1.
  const low = f32x4.lt(m, f32x4.splat(0.707106781186547524));
  e = i32x4.add(e, low);
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), f32x4.splat(1));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(m, m);
  let y = f32x4.splat(7.0376836292e-2);
  y = fma(y, m, f32x4.splat(-1.1514610310e-1));
  y = fma(y, m, f32x4.splat(1.1676998740e-1));
  y = fma(y, m, f32x4.splat(-1.2420140846e-1));
  y = fma(y, m, f32x4.splat(1.4249322787e-1));
  y = fma(y, m, f32x4.splat(-1.6668057665e-1));
  y = fma(y, m, f32x4.splat(2.0000714765e-1));
  y = fma(y, m, f32x4.splat(-2.4999993993e-1));
  y = fma(y, m, f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, m), z);
  y = fma(ef, f32x4.splat(-2.12194440e-4), y);
  y = fma(z, f32x4.splat(-0.5), y);
  let r = f32x4.add(m, y);
  r = fma(ef, f32x4.splat(0.693359375), r);
  // ln 0 = −∞, ln(negative) = NaN, ln ∞ = ∞, ln NaN = NaN.
  r = v128.bitselect(f32x4.splat(-Infinity), r, f32x4.eq(x, f32x4.splat(0)));
  r = v128.bitselect(f32x4.splat(NaN), r, v128.or(f32x4.lt(x, f32x4.splat(0)), f32x4.ne(x, x)));
  return v128.bitselect(x, r, f32x4.eq(x, f32x4.splat(Infinity)));
}

/** tanh: a polynomial below |x| = 0.625, else 1 − 2 / (e^(2|x|) + 1) with x's sign. */
// @ts-ignore: decorator
@inline
export function tanhV(x: v128): v128 {
  const ax = f32x4.abs(x);
  const big = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expV(f32x4.add(ax, ax)), f32x4.splat(1))));
  const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  const z = f32x4.mul(x, x);
  let y = f32x4.splat(-5.70498872745e-3);
  y = fma(y, z, f32x4.splat(2.06390887954e-2));
  y = fma(y, z, f32x4.splat(-5.37397155531e-2));
  y = fma(y, z, f32x4.splat(1.33314422036e-1));
  y = fma(y, z, f32x4.splat(-3.33332819422e-1));
  const small = fma(f32x4.mul(y, z), x, x);
  return v128.bitselect(signed, small, f32x4.ge(ax, f32x4.splat(0.625)));
}

/** 1 / (1 + e^−x) without overflow: with e = e^−|x|, 1/(1+e) for x ≥ 0 and e/(1+e) below. */
// @ts-ignore: decorator
@inline
export function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(s, f32x4.mul(e, s), f32x4.ge(x, f32x4.splat(0)));
}
