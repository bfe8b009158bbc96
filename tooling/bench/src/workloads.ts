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
  readonly kind: 'matmul' | 'addRelu' | 'sum' | 'conv2d';
  /** Row label in the table. */
  readonly label: string;
  /** Matrix size for matmul, element count for add+relu and sum, batch size for conv2d. */
  readonly n: number;
  /** conv2d only: input `[N, C, H, W]` and filter `[O, C, kH, kW]` (stride 1, no padding). */
  readonly conv?: { readonly x: readonly number[]; readonly w: readonly number[] };
  /** Untimed runs first (JIT warm-up, buffer pools). */
  readonly warmup: number;
  /** Timed runs; the median is reported. */
  readonly runs: number;
  /** Whether the suite's goal applies to this row. */
  readonly goal: boolean;
}

const M = 1 << 20;

/**
 * The CPU rows, with repetitions sized so the whole run stays under about a minute on 2 cores:
 * n = 1024 matmul takes seconds per run on tfjs-cpu, so it gets the fewest.
 * @example
 * CPU_WORKLOADS.filter((w) => w.goal).map((w) => w.label);
 */
export const CPU_WORKLOADS: readonly Workload[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 5, runs: 15, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 3, runs: 9, goal: true },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 1, runs: 5, goal: true },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 1, runs: 3, goal: true },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 5, runs: 15, goal: true },
  { kind: 'sum', label: 'sum 1M', n: M, warmup: 5, runs: 15, goal: false },
];

/**
 * The WebAssembly rows: both sides run SIMD kernels on one thread, so runs are cheap (n = 1024
 * is well under 100 ms) and get more repetitions for a stable median.
 * @example
 * WASM_WORKLOADS.length; // 6
 */
export const WASM_WORKLOADS: readonly Workload[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 10, runs: 31, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 5, runs: 21, goal: true },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 3, runs: 11, goal: true },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 2, runs: 7, goal: true },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 10, runs: 31, goal: true },
  { kind: 'sum', label: 'sum 1M', n: M, warmup: 10, runs: 31, goal: false },
  // LeNet-5's two convolutions on a batch of 64 MNIST images (NCHW on mindts, NHWC on tfjs).
  {
    kind: 'conv2d',
    label: 'conv2d 64×1×28² * 6×5²',
    n: 64,
    conv: { x: [64, 1, 28, 28], w: [6, 1, 5, 5] },
    warmup: 5,
    runs: 21,
    goal: true,
  },
  {
    kind: 'conv2d',
    label: 'conv2d 64×6×12² * 16×5²',
    n: 64,
    conv: { x: [64, 6, 12, 12], w: [16, 6, 5, 5] },
    warmup: 5,
    runs: 21,
    goal: true,
  },
];

/**
 * The rows of the threads goal: mindts's wasm backend on 2 threads against tfjs-wasm on one
 * (the single-threaded build tfjs runs in Node).
 * @example
 * THREADED_WORKLOADS.map((w) => w.n); // [256, 512, 1024]
 */
export const THREADED_WORKLOADS: readonly Workload[] = WASM_WORKLOADS.filter((w) => w.kind === 'matmul' && w.goal);

/**
 * One side-by-side comparison: a mindts backend against a tfjs backend on some workloads, with
 * the goal for its goal rows.
 * @example
 * const s: Suite = SUITES[1]; // mindts wasm vs tfjs-wasm
 */
export interface Suite {
  /** The mindts backend: `wasm` runs on one thread, `wasm-2t` on two. */
  readonly mindts: 'cpu' | 'wasm' | 'wasm-2t';
  readonly tfjs: 'cpu' | 'wasm';
  /** Minimum speed-up of mindts over tfjs on the goal rows. */
  readonly goal: number;
  /** The goal in words, as the issue states it. */
  readonly goalText: string;
  readonly workloads: readonly Workload[];
}

/**
 * Every comparison `pnpm bench` runs, in order.
 * @example
 * SUITES.map((s) => `${s.mindts} vs tfjs-${s.tfjs}`); // ['cpu vs tfjs-cpu', 'wasm vs tfjs-wasm', 'wasm-2t vs tfjs-wasm']
 */
export const SUITES: readonly Suite[] = [
  {
    mindts: 'cpu',
    tfjs: 'cpu',
    goal: 3,
    goalText: 'CPU backend ≥ 3× tfjs-cpu on matmul n ≥ 256 and on the add+relu row',
    workloads: CPU_WORKLOADS,
  },
  {
    mindts: 'wasm',
    tfjs: 'wasm',
    goal: 1,
    goalText: 'wasm backend ≥ 1× tfjs-wasm (both one thread, SIMD) on matmul n = 256–1024, add+relu 1M and LeNet conv2d',
    workloads: WASM_WORKLOADS,
  },
  {
    mindts: 'wasm-2t',
    tfjs: 'wasm',
    goal: 1.8,
    goalText: 'wasm backend on 2 threads ≥ 1.8× tfjs-wasm (1 thread) on matmul n = 256–1024',
    workloads: THREADED_WORKLOADS,
  },
];

/**
 * Floating-point operations of one run of `w` (2n³ for an n×n matmul), for GFLOP/s; undefined
 * for rows reported in milliseconds.
 * @example
 * flopsOf(CPU_WORKLOADS[0]); // 4194304
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
 * const r: Runner = mindtsRunner(CPU_WORKLOADS[0]);
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
