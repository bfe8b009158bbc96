/**
 * The standard normal distribution in float64: `erfc`, the CDF and its inverse. Truncated normal
 * draws use the inverse-CDF method, as MindSpore's `random::TruncatedNormal` does, so each value
 * costs exactly one uniform draw and the counters an initializer reserves are known up front.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * The complementary error function, accurate to a few 1e-15 relative: `1 - erf(x)` from a
 * positive-term series (no cancellation) for |x| < 1.5, where erfc >= 0.03 keeps the subtraction
 * harmless, and a continued fraction beyond, where `1 - erf(x)` would lose every digit.
 * @example
 * erfc(0); // 1
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))
    const x2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0; // below the smallest double
  // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/**
 * P(Z <= x) for a standard normal Z.
 * @example
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

// Acklam's rational approximation (relative error 1.15e-9), the starting point for Halley's method.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coef: readonly number[], x: number): number {
  let r = 0;
  for (const c of coef) r = r * x + c;
  return r;
}

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/**
 * The inverse of {@link normalCdf}: the x with P(Z <= x) = p. Acklam's approximation refined by
 * two Halley steps on the accurate CDF, so the result is good to float64 round-off.
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return p === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (!(p < 1)) return p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  let x = acklam(p);
  for (let step = 0; step < 2; step++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}

/**
 * A sampler mapping a uniform `u` in (0, 1) to a standard normal truncated to [alpha, beta], by
 * inverting the CDF. An interval in the upper half is mirrored into the lower one, where the CDF
 * keeps its relative precision.
 * @example
 * truncatedStandardNormal(-2, 2)(0.5); // 0
 */
export function truncatedStandardNormal(alpha: number, beta: number): (u: number) => number {
  if (alpha > 0) {
    const mirrored = truncatedStandardNormal(-beta, -alpha);
    return (u) => -mirrored(1 - u);
  }
  const lo = normalCdf(alpha);
  const width = normalCdf(beta) - lo;
  return (u) => Math.min(beta, Math.max(alpha, normalQuantile(lo + u * width)));
}
