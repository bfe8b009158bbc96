import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile, truncatedStandardNormal } from './normalDistribution.js';

// Reference values from CPython's math.erfc and statistics.NormalDist.inv_cdf.
const ERFC: [number, number][] = [
  [0, 1],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [2.4, 0.0006885138966450789],
  [2.6, 0.00023603441652934908],
  [3, 2.2090496998585438e-5],
  [5, 1.5374597944280351e-12],
  [10, 2.088487583762545e-45],
  [-1, 1.842700792949715],
];
const QUANTILE: [number, number][] = [
  [0.5, 0],
  [0.975, 1.9599639845400536],
  [1e-10, -6.361340902404056],
  [0.3, -0.5244005127080407],
  [0.02, -2.0537489106318225],
  [0.99, 2.3263478740408408],
];

describe('the standard normal', () => {
  it('erfc matches reference values to ~1e-14 relative, tails included', () => {
    for (const [x, want] of ERFC) expect(Math.abs(erfc(x) - want)).toBeLessThanOrEqual(1e-14 * want + 1e-300);
  });

  it('normalQuantile inverts normalCdf and matches reference quantiles', () => {
    for (const [p, want] of QUANTILE) expect(normalQuantile(p)).toBeCloseTo(want, 12);
    for (let p = 1e-6; p < 1; p += 0.0137) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('truncatedStandardNormal inverts the truncated CDF, stays inside [alpha, beta] and is monotone in u', () => {
    // F(x) = (Φ(x) - Φ(α)) / (Φ(β) - Φ(α)), written with lower-tail CDFs so it keeps its digits.
    const truncatedCdf = (x: number, alpha: number, beta: number) =>
      alpha > 0
        ? (normalCdf(-alpha) - normalCdf(-x)) / (normalCdf(-alpha) - normalCdf(-beta))
        : (normalCdf(x) - normalCdf(alpha)) / (normalCdf(beta) - normalCdf(alpha));
    for (const [alpha, beta] of [
      [-2, 2],
      [1, 3],
      [-0.5, 8],
      [6, 7],
      [-200, 200],
    ] as const) {
      const sample = truncatedStandardNormal(alpha, beta);
      let prev = Number.NEGATIVE_INFINITY;
      for (let u = 1e-9; u < 1; u += 0.01) {
        const x = sample(u);
        expect(x).toBeGreaterThanOrEqual(alpha);
        expect(x).toBeLessThanOrEqual(beta);
        expect(x).toBeGreaterThanOrEqual(prev);
        expect(truncatedCdf(x, alpha, beta)).toBeCloseTo(u, 9);
        prev = x;
      }
    }
    expect(truncatedStandardNormal(-2, 2)(0.5)).toBeCloseTo(0, 14);
    expect(truncatedStandardNormal(1, 3)(1e-12)).toBeCloseTo(1, 9);
  });
});
