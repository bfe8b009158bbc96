/**
 * What is measured: the rows of the table, their repetition counts and the seeded inputs both
 * libraries receive.
 */

/**
 * One row of the benchmark.
 * @example
 * const w: Workload = { kind: 'matmul', label: 'matmul n=64', n: 64, warmup: 2, runs: 5, goal: false };
 */
export interface Workload {
  /** Stable id, used by both libraries' runners. */
  readonly kind: 'matmul' | 'addRelu' | 'sum';
  /** Row label in the table. */
  readonly label: string;
  /** Matrix size for matmul, element count otherwise. */
  readonly n: number;
  /** Untimed runs first (JIT warm-up, buffer pools). */
  readonly warmup: number;
  /** Timed runs; the median is reported. */
  readonly runs: number;
  /** Whether the ≥ 3× goal applies to this row. */
  readonly goal: boolean;
}

const M = 1 << 20;

/**
 * The rows, with repetitions sized so the whole run stays under about a minute on 2 cores:
 * n = 1024 matmul takes seconds per run on tfjs-cpu, so it gets the fewest.
 * @example
 * WORKLOADS.filter((w) => w.goal).map((w) => w.label);
 */
export const WORKLOADS: readonly Workload[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 5, runs: 15, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 3, runs: 9, goal: true },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 1, runs: 5, goal: true },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 1, runs: 3, goal: true },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 5, runs: 15, goal: true },
  { kind: 'sum', label: 'sum 1M', n: M, warmup: 5, runs: 15, goal: false },
];

/**
 * The goal from the issue: the minimum speed-up of mindts over tfjs-cpu on the goal rows.
 * @example
 * GOAL_SPEEDUP; // 3
 */
export const GOAL_SPEEDUP = 3;

/**
 * Floating-point operations of one run of `w` (2n³ for an n×n matmul), for GFLOP/s; undefined
 * for rows reported in milliseconds.
 * @example
 * flopsOf(WORKLOADS[0]); // 4194304
 */
export function flopsOf(w: Workload): number | undefined {
  return w.kind === 'matmul' ? 2 * w.n ** 3 : undefined;
}

/**
 * `count` float32 values uniform in [-1, 1) from a small seeded generator (mulberry32), so both
 * libraries multiply exactly the same numbers.
 * @example
 * seededValues(4, 1); // Float32Array(4) [...]
 */
export function seededValues(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/**
 * A prepared workload: `run` computes the result and reads it back to the host (so lazy or
 * asynchronous work is counted), `dispose` frees the inputs.
 * @example
 * const r: Runner = mindtsRunner(WORKLOADS[0]);
 * r.run();
 * r.dispose();
 */
export interface Runner {
  run(): void;
  /** One run's result values, to check that both libraries computed the same thing. */
  values(): ArrayLike<number>;
  dispose(): void;
}

/**
 * The largest difference between two results relative to the largest magnitude in `b`;
 * Infinity when their lengths differ.
 * @example
 * relativeDifference([1, 2], [1, 2.001]); // 0.0005
 */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / (scale || 1);
}
