/**
 * The gpu.js rows of `pnpm bench` in Node: matmul 128–1024, add+relu 1M and the MLP training
 * step on each gpu.js mode that works here, against mindts's CPU backend and tfjs-wasm (one
 * thread, SIMD), in the same process. In Node that is `webasm` (its kernels forced with
 * `cpuThreshold: 0`, since by default that mode forwards every op to the CPU backend), plus
 * `headlessgl` where the `gl` package is installed and `webgpu` where `navigator.gpu` exists
 * (scripts in `packages/backend-gpujs/scripts`). `MINDTS_BENCH_GPUJS_MODES=webasm,headlessgl`
 * picks the modes. gpu.js's JS `cpu` mode is left out: it is a test mode, slower than the CPU backend.
 * The browser modes are measured by `pnpm --filter @mindts/bench bench:browser`.
 */
import { type GpujsBackend, type GpujsMode, gpujs } from '@mindts/backend-gpujs';
import { cpu } from '@mindts/backend-cpu';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import { compareSides, formatComparison, type GpujsRow, mindtsSide, mlpStepRow, type Side } from './gpujsComparison.js';
import { tfjsAsyncRunner, tfjsAsyncTrainStep } from './gpujsRunners.js';
import { useTfjsBackend } from './tfjsCases.js';

const M = 1 << 20;
const NODE_MODES: readonly GpujsMode[] = ['webgpu', 'headlessgl', 'webasm'];

/**
 * The rows, with repetitions sized for gpu.js's webasm mode (its n = 1024 matmul takes seconds).
 * @example
 * GPUJS_NODE_ROWS.map((r) => r.label);
 */
export const GPUJS_NODE_ROWS: readonly GpujsRow[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 3, runs: 9, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 2, runs: 7, goal: false },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 1, runs: 5, goal: false },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 1, runs: 3, goal: false },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 3, runs: 11, goal: false },
  mlpStepRow(2, 9),
];

/**
 * Runs and prints one table per gpu.js mode that works here; a mode that does not is named with
 * its reason. Expects tfjs set up (`setupTfjs`).
 * @example
 * await runGpujsSuites();
 */
export async function runGpujsSuites(log: (line: string) => void = console.log): Promise<void> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const wanted = process.env.MINDTS_BENCH_GPUJS_MODES?.split(',').map((m) => m.trim() as GpujsMode) ?? NODE_MODES;
  const tfDetail = await useTfjsBackend('wasm');
  for (const mode of wanted) {
    const name = `gpujs-${mode}`;
    const cpuThreshold = mode === 'webasm' || mode === 'cpu' ? 0 : undefined;
    registerBackend(gpujs({ name, mode, ...(cpuThreshold === undefined ? {} : { cpuThreshold }) }));
    try {
      try {
        await setBackend(name);
      } catch (err) {
        log(`\n## mindts gpujs-${mode}: not run here (${err instanceof Error ? err.message : String(err)})`);
        continue;
      }
      const b = getBackend() as GpujsBackend;
      log(`\n## mindts ${name} (cpuThreshold ${b.cpuThreshold}) vs mindts cpu vs tfjs-wasm (${tfDetail})\n`);
      const tfSide: Side = {
        name: 'tfjs-wasm',
        activate: () => useTfjsBackend('wasm'),
        runner: tfjsAsyncRunner,
        trainStep: tfjsAsyncTrainStep,
      };
      const sides = [mindtsSide(name), mindtsSide('cpu'), tfSide];
      const progress = (line: string) => process.stderr.isTTY && process.stderr.write(`${line}\n`);
      const rows = await compareSides(sides, GPUJS_NODE_ROWS, progress);
      log(
        formatComparison([name, 'cpu', 'tfjs-wasm'], rows, [
          [0, 1],
          [0, 2],
        ]),
      );
      log(`(ratio columns: the other side's ms over ${name}'s; above 1, gpu.js is faster. Fallbacks: ${b.explain().fallbacks.length})`);
    } finally {
      removeBackend(name);
    }
  }
}
