/**
 * The gpu.js rows in a browser page, bundled by `scripts/browserBench.mjs`: mindts on gpu.js
 * WebGL2 and WebGPU (default settings, so small ops run on the CPU backend as users get them)
 * against tfjs-backend-webgl and tfjs-backend-webgpu in the same page, one side after another,
 * with mindts's CPU backend last as the reference every result is checked against.
 */
import { cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, gpujs } from '@mindts/backend-gpujs';
import { getBackend, listBackends, registerBackend, setBackend } from '@mindts/tensor';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { compareSides, formatComparison, type GpujsRow, mindtsSide, mlpStepRow, type Side, tfjsSide } from '../gpujsComparison.js';

const M = 1 << 20;

/**
 * The rows; SwiftShader runs shaders on the CPU, so n = 1024 gets one timed run after the
 * (untimed) agreement run.
 */
export const BROWSER_ROWS: readonly GpujsRow[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 2, runs: 7, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 1, runs: 5, goal: false },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 1, runs: 3, goal: true },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 0, runs: 1, goal: false },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 1, runs: 5, goal: false },
  mlpStepRow(1, 5),
];

/** What one page reports back to Node. */
export interface BrowserBench {
  readonly table: string;
  readonly notes: readonly string[];
}

const TFJS_PEER = { webgl2: 'webgl', webgpu: 'webgpu' } as const;

/**
 * Runs the rows whose label contains one of `only` (all when empty) on each mode and its tfjs
 * peer; `cpuThreshold` overrides the gpu.js backend's default.
 * @example
 * const { table } = await runBench(['webgl2', 'webgpu'], ['n=512'], 0);
 */
export async function runBench(
  modes: readonly ('webgl2' | 'webgpu')[],
  only: readonly string[] = [],
  cpuThreshold?: number,
): Promise<BrowserBench> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const sides: Side[] = [];
  const pairs: [number, number][] = [];
  const notes: string[] = [];
  for (const mode of modes) {
    const name = `gpujs-${mode}`;
    registerBackend(gpujs({ name, mode, ...(cpuThreshold === undefined ? {} : { cpuThreshold }) }));
    try {
      await setBackend(name);
      const peer = tfjsSide(TFJS_PEER[mode]);
      await peer.activate();
      notes.push(`${name}: cpuThreshold ${(getBackend() as GpujsBackend).cpuThreshold}`);
      pairs.push([sides.length, sides.length + 1]);
      sides.push(mindtsSide(name), peer);
    } catch (err) {
      notes.push(`${mode}: not run (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  // mindts's CPU backend last: the oracle every side's result is checked against.
  sides.push(mindtsSide('cpu'));
  const rows = BROWSER_ROWS.filter((r) => only.length === 0 || only.some((o) => r.label.includes(o)));
  const measured = await compareSides(sides, rows, (line) => console.log(line));
  for (const s of sides) {
    if (!s.name.startsWith('gpujs-')) continue;
    await setBackend(s.name);
    const fallbacks = (getBackend() as GpujsBackend).explain().fallbacks;
    notes.push(`${s.name} fallbacks: ${fallbacks.map((f) => `${f.primitive}×${f.count} (${f.reason.slice(0, 60)})`).join('; ') || 'none'}`);
  }
  return {
    table: formatComparison(
      sides.map((s) => s.name),
      measured,
      pairs,
    ),
    notes,
  };
}
