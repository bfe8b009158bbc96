/**
 * Host-side draws from the shared counter-based generator of `@mindts/tensor`. Draw `i` of a key
 * owns counters `offset + 2i` and `offset + 2i + 1`, the budget `nextRandomKey(count)` reserves,
 * so a value depends only on (seed, offset, i): the same on every backend and in any order.
 */
import { randomBits, randomValue } from '@mindts/tensor/backend';
import type { RandomKey } from './base.js';
import { truncatedStandardNormal } from './normalDistribution.js';

/**
 * `n` normal values N(mean, sigma²): the same Box-Muller draws as the `Random` primitive.
 * @example
 * normalValues(4, { seed: 1, offset: 0 }, 0, 0.01);
 */
export function normalValues(n: number, key: RandomKey, mean: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = randomValue('normal', key.seed, key.offset, i, mean, sigma);
  return out;
}

/**
 * `n` uniform values in [a, b): the same draws as the `Random` primitive.
 * @example
 * uniformValues(4, { seed: 1, offset: 0 }, -0.07, 0.07);
 */
export function uniformValues(n: number, key: RandomKey, a: number, b: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = randomValue('uniform', key.seed, key.offset, i, a, b);
  return out;
}

/**
 * A uniform number in the open interval (0, 1) with 53 bits, from both counters of draw `i`;
 * 24 bits would leave the inverse CDF only 2^24 distinct tail values.
 * @example
 * uniform53({ seed: 1, offset: 0 }, 0);
 */
export function uniform53(key: RandomKey, i: number): number {
  const hi = randomBits(key.seed, key.offset + 2 * i) >>> 5; // 27 bits
  const lo = randomBits(key.seed, key.offset + 2 * i + 1) >>> 6; // 26 bits
  return (hi * 67108864 + lo + 0.5) / 9007199254740992;
}

/**
 * `n` values of N(mean, sigma²) truncated to the absolute bounds [a, b] (MindSpore's
 * `_init_truncated_normal(a, b, mean, sigma, shape)`), by the inverse-CDF method.
 * @example
 * truncatedNormalValues(4, { seed: 1, offset: 0 }, -2, 2, 0, 1);
 */
export function truncatedNormalValues(n: number, key: RandomKey, a: number, b: number, mean: number, sigma: number): Float64Array {
  const sample = truncatedStandardNormal((a - mean) / sigma, (b - mean) / sigma);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(b, Math.max(a, mean + sigma * sample(uniform53(key, i))));
  return out;
}

/**
 * A uniform integer in [0, n) from draw `i` of `key` (n well below 2^32, so the bias of the
 * multiply-shift is negligible).
 * @example
 * randomIndex({ seed: 1, offset: 0 }, 0, 10);
 */
export function randomIndex(key: RandomKey, i: number, n: number): number {
  return Math.floor((randomBits(key.seed, key.offset + 2 * i) / 4294967296) * n);
}
