/**
 * Timing: warm-up runs, then the median of timed runs. One function at a time goes through
 * tinybench; several sides compared with each other are interleaved here, which no benchmarking
 * library does (tinybench, mitata and vitest bench all run one task's samples back to back).
 */
import { Bench } from 'tinybench';

/**
 * What {@link measure} reports, in milliseconds.
 * @example
 * const { medianMs, minMs } = await measure(() => work(), 1, 3);
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

function timing(samples: readonly number[]): Timing {
  return { medianMs: median(samples), minMs: Math.min(...samples), runs: samples.length };
}

/**
 * Runs `fn` (sync or async) `warmup` times untimed, then `runs` times timed, one after another,
 * with tinybench (no time budget: exactly these counts); reports the median.
 * @example
 * const t = await measure(() => heavyWork(), 2, 5);
 * console.log(`${t.medianMs.toFixed(1)} ms`);
 */
export async function measure(fn: () => unknown, warmup: number, runs: number): Promise<Timing> {
  const bench = new Bench({ time: 0, iterations: runs, warmupTime: 0, warmupIterations: warmup, throws: true });
  bench.add('fn', async () => {
    await fn();
  });
  if (warmup > 0) await bench.warmup();
  const [task] = await bench.run();
  return timing(task?.result?.samples ?? []);
}

/**
 * Times `fns` alternately, sample by sample, after warming each up, rotating which goes first:
 * the garbage collector and the allocator (large read-back copies dominate element-wise rows)
 * then affect every side alike instead of favouring whichever ran after another's garbage. Kept
 * by hand because no benchmarking library interleaves tasks.
 * @example
 * const [eager, jitted, tfjs] = measureSides([() => a(), () => b(), () => c()], 2, 9);
 */
export function measureSides(fns: readonly (() => void)[], warmup: number, runs: number): Timing[] {
  for (let i = 0; i < warmup; i++) for (const f of fns) f();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const at = (i + k) % fns.length;
      const start = performance.now();
      (fns[at] as () => void)();
      (samples[at] as number[]).push(performance.now() - start);
    }
  }
  return samples.map(timing);
}

/**
 * {@link measureSides} for two sides: mindts and its peer.
 * @example
 * const [mine, theirs] = measurePair(() => mindts(), () => tfjs(), 2, 9);
 */
export function measurePair(a: () => void, b: () => void, warmup: number, runs: number): [Timing, Timing] {
  return measureSides([a, b], warmup, runs) as [Timing, Timing];
}
