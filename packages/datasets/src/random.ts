/**
 * The seeded generator behind every shuffle in this package: mulberry32, small, fast and the
 * same on every platform, so a seed names one order everywhere.
 */

/**
 * A generator of floats uniform in [0, 1) from a 32-bit integer seed.
 * @example
 * const next = seededRandom(42);
 * next(); // 0.6011…, the same on every run
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, but got ${String(seed)}.`);
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A permutation of `0..n-1` (Fisher–Yates) drawn from `seed`.
 * @example
 * permutation(5, 1); // e.g. Int32Array [3, 0, 4, 1, 2], the same for seed 1 every time
 */
export function permutation(n: number, seed: number): Int32Array {
  const next = seededRandom(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}
