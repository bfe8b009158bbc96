/**
 * Timing: warm-up runs, then the median of timed runs.
 */
import { performance } from 'node:perf_hooks';

/**
 * What {@link measure} reports, in milliseconds.
 * @example
 * const { medianMs, minMs } = measure(() => work(), 1, 3);
 */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/**
 * The median of `values` (the mean of the middle two for an even count).
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed, and reports the median.
 * @example
 * const t = measure(() => heavyWork(), 2, 5);
 * console.log(`${t.medianMs.toFixed(1)} ms`);
 */
export function measure(fn: () => void, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), runs };
}

/**
 * Times `a` and `b` alternately, sample by sample, after warming both up: the garbage
 * collector and the allocator (large read-back copies dominate element-wise rows) then
 * affect both alike instead of favouring whichever ran second.
 * @example
 * const [mine, theirs] = measurePair(() => mindts(), () => tfjs(), 2, 9);
 */
export function measurePair(a: () => void, b: () => void, warmup: number, runs: number): [Timing, Timing] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first too, so neither always follows the other's garbage.
    const order: [() => void, number[]][] =
      i % 2 === 0
        ? [
            [a, sa],
            [b, sb],
          ]
        : [
            [b, sb],
            [a, sa],
          ];
    for (const [fn, samples] of order) {
      const start = performance.now();
      fn();
      samples.push(performance.now() - start);
    }
  }
  const timing = (s: number[]): Timing => ({ medianMs: median(s), minMs: Math.min(...s), runs });
  return [timing(sa), timing(sb)];
}
