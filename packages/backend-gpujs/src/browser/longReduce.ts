/**
 * Long reductions into few outputs, in a browser page: on the GPU modes they run in two stages
 * (chunks of 256 reduced elements, then the chunks' results). Every op the gpu.js `Reduce`
 * takes, reduced axes leading, trailing, strided and several at once, chunk counts that leave a
 * short last chunk, against the CPU backend; and which path ran: two stages exactly where the
 * reduction is at least 4096 long into fewer than 256 outputs.
 */
import * as ops from '@mindts/ops';
import { setBackend, type Tensor, tensor } from '@mindts/tensor';
import { GPU_MODES, type GpujsMode } from '../gpujsModule.js';
import { onModeBackend } from './onModeBackend.js';

/** Seeded values in [lo, hi). */
function values(size: number, seed: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = lo + (s / 2147483648) * (hi - lo);
  }
  return out;
}

type Op = 'sum' | 'prod' | 'max' | 'min' | 'any' | 'all';
const REDUCERS: Record<Op, (x: Tensor, axes: number[]) => Tensor> = {
  sum: (x, axes) => ops.sum(x, axes) as Tensor,
  prod: (x, axes) => ops.prod(x, axes) as Tensor,
  max: (x, axes) => ops.amax(x, axes),
  min: (x, axes) => ops.amin(x, axes),
  any: (x, axes) => ops.any(ops.greater(x, 0.999), axes) as Tensor,
  all: (x, axes) => ops.all(ops.greater(x, 0.001), axes) as Tensor,
};

/** [shape, axes, whether it runs in two stages]. */
const CASES: [number[], number[], boolean][] = [
  [[3, 5000], [1], true],
  [[70001], [0], true],
  [[4100, 3], [0], true],
  [[64, 64, 3], [0, 1], true],
  [[2, 3000, 2], [1], false],
  [[4096, 8], [0], true],
  [[5000, 1000], [0], false],
];

/**
 * Runs each op on each case on `gpujs({ mode, cpuThreshold: 0 })` and the CPU backend; returns
 * the problems (sums within 1e-5 relative, products within n·2⁻²⁴, the rest exact).
 * @example
 * const problems = await checkLongReductions('webgl2');
 */
export function checkLongReductions(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'reduce', async (backend, name) => {
    const problems: string[] = [];
    const twoStages = GPU_MODES.includes(mode);
    for (const [shape, axes, split] of CASES) {
      const size = shape.reduce((a, b) => a * b, 1);
      // Products of values near 1 stay finite over thousands of terms.
      const host = values(size, size, 0.9995, 1.0005);
      for (const op of Object.keys(REDUCERS) as Op[]) {
        const label = `${op} of [${shape}] over [${axes}]`;
        const run = async (backendName: string) => {
          await setBackend(backendName);
          const x = tensor(host, 'float32');
          const y = REDUCERS[op](ops.reshape(x, shape) as Tensor, axes);
          try {
            return Array.from(await y.data(), Number);
          } finally {
            x.dispose();
            y.dispose();
          }
        };
        const before = backend.explain().kernels.chains;
        const mine = await run(name);
        const chained = backend.explain().kernels.chains - before;
        const oracle = await run('cpu');
        // Sums are compensated (1e-5); a float32 product of n terms may round n times (n·2⁻²⁴).
        const inner = axes.reduce((a, axis) => a * (shape[axis] as number), 1);
        const tolerance = op === 'sum' ? 1e-5 : op === 'prod' ? inner * 2 ** -24 : 0;
        const bad = mine.findIndex((v, i) => {
          const want = oracle[i] as number;
          return !(Math.abs(v - want) <= tolerance * Math.max(1, Math.abs(want)));
        });
        if (mine.length !== oracle.length || bad >= 0) problems.push(`${label}: [${bad}] = ${mine[bad]}, expected ${oracle[bad]}`);
        // any/all reduce a comparison, which runs first as its own kernel.
        const expected = twoStages && split ? 1 : 0;
        if (chained !== expected) problems.push(`${label}: ${chained} two-stage reductions, expected ${expected}`);
      }
    }
    return problems;
  });
}
