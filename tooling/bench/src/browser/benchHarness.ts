/**
 * The gpu.js rows in a browser page, bundled by `scripts/browserBench.mjs`: mindts on gpu.js
 * WebGL2 and WebGPU (default settings, so small ops run on the CPU backend as users get them)
 * against tfjs-backend-webgl and tfjs-backend-webgpu in the same page, one side after another,
 * with mindts's CPU backend last as the reference every result is checked against; then per mode
 * the eager-vs-jit rows (the MLP step and the 10-op chain) and the Transformer encoder-layer
 * training step next to its tfjs peer.
 */
import { cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, gpujs, gpujsKernels } from '@mindts/backend-gpujs';
import { getBackend, listBackends, registerBackend, setBackend } from '@mindts/tensor';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { asyncChainRow, asyncMlpStepRow } from '../asyncJitRows.js';
import { asyncEncoderRow, glSync } from '../asyncSeqRows.js';
import { ENCODER_STEP } from '../encoderStep.js';
import { compareSides, formatComparison, type GpujsRow, mindtsSide, mlpStepRow, type Side, tfjsSide } from '../gpujsComparison.js';
import { CHAIN, formatJitTable, type JitRow } from '../jitRows.js';
import { formatSeqTable } from '../seqRows.js';
import { MLP_STEP } from '../trainStep.js';

const M = 1 << 20;

/**
 * The rows; SwiftShader runs shaders on the CPU, so n = 1024 gets one timed run after the
 * (untimed) agreement run.
 */
export const BROWSER_ROWS: readonly GpujsRow[] = [
  { kind: 'matmul', label: 'matmul n=128', n: 128, warmup: 2, runs: 7, goal: false },
  { kind: 'matmul', label: 'matmul n=256', n: 256, warmup: 1, runs: 5, goal: false },
  { kind: 'matmul', label: 'matmul n=512', n: 512, warmup: 1, runs: 5, goal: true },
  { kind: 'matmul', label: 'matmul n=1024', n: 1024, warmup: 0, runs: 1, goal: false },
  { kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 1, runs: 5, goal: false },
  mlpStepRow(2, 11),
];

/**
 * The eager-vs-jit rows (jitRows.ts) per mode, with fewer repetitions than in Node: SwiftShader
 * runs a 1M-element kernel in milliseconds, the MLP step's matmuls in tens of them. The chain
 * keeps its 1M elements (below the gpu.js backend's MAX_DEVICE_ELEMENTS, 2^23).
 */
export const BROWSER_JIT_ROWS: readonly { readonly label: string; run(): Promise<JitRow> }[] = [
  { label: MLP_STEP.label, run: () => asyncMlpStepRow(2, 11) },
  { label: CHAIN.label, run: () => asyncChainRow(2, 9) },
];

/**
 * The Transformer encoder-layer training step (encoderStep.ts, issue 16) per mode, eager and
 * jitted, next to its tfjs peer. A step is about 1.3 GFLOP, which SwiftShader runs on the CPU in
 * seconds: one warm-up and three timed steps per side.
 */
export const BROWSER_ENCODER_ROW = { label: ENCODER_STEP.label, warmup: 1, runs: 3 } as const;

/** What one page reports back to Node. */
export interface BrowserBench {
  /** The comparison of every side (empty when no comparison row was picked). */
  readonly table: string;
  /** One eager-vs-jit table per mode, headed by the mode and its tfjs peer. */
  readonly jitTables: readonly string[];
  /** One encoder-step table per mode (seqRows.ts's format: ms, ratios, peak live bytes, kernel launches). */
  readonly seqTables: readonly string[];
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
  const jitRows = BROWSER_JIT_ROWS.filter((r) => only.length === 0 || only.some((o) => r.label.includes(o)));
  const jitTables: string[] = [];
  for (const [mindts, peer] of pairs) {
    if (jitRows.length === 0) break;
    const [name, tfjsName] = [sides[mindts]?.name as string, sides[peer]?.name as string];
    await setBackend(name);
    await sides[peer]?.activate();
    const measuredJit: JitRow[] = [];
    for (const r of jitRows) {
      try {
        measuredJit.push(await r.run());
        console.log(`  ${name} jit: ${r.label} done`);
      } catch (err) {
        notes.push(`${name} jit: ${r.label} not measured (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    const table = formatJitTable(measuredJit, tfjsName.replace(/^tfjs-/, ''));
    jitTables.push(`jit: mindts ${name} eager vs jit, and ${tfjsName}\n\n${table}`);
  }
  const seqTables: string[] = [];
  const encoder = only.length === 0 || only.some((o) => BROWSER_ENCODER_ROW.label.includes(o));
  for (const [mindts, peer] of encoder ? pairs : []) {
    const [name, tfjsName] = [sides[mindts]?.name as string, sides[peer]?.name as string];
    await setBackend(name);
    await sides[peer]?.activate();
    try {
      const backend = getBackend() as GpujsBackend;
      const sync = backend.mode === 'webgl2' ? glSync(backend.gpu.context) : undefined;
      const { warmup, runs } = BROWSER_ENCODER_ROW;
      const row = await asyncEncoderRow(Object.keys(gpujsKernels), warmup, runs, ENCODER_STEP, sync);
      if (sync) notes.push(`${name}: the encoder profile waits for each kernel (one-pixel read), so its kernel ms are run times`);
      seqTables.push(
        `encoder step: mindts ${name} eager and jit vs ${tfjsName}\n\n${formatSeqTable([row], tfjsName.replace(/^tfjs-/, ''))}`,
      );
      console.log(`  ${name}: ${row.label} done`);
    } catch (err) {
      notes.push(`${name}: ${BROWSER_ENCODER_ROW.label} not measured (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  for (const s of sides) {
    if (!s.name.startsWith('gpujs-')) continue;
    await setBackend(s.name);
    const fallbacks = (getBackend() as GpujsBackend).explain().fallbacks;
    notes.push(`${s.name} fallbacks: ${fallbacks.map((f) => `${f.primitive}×${f.count} (${f.reason.slice(0, 60)})`).join('; ') || 'none'}`);
  }
  return {
    table:
      rows.length === 0
        ? ''
        : formatComparison(
            sides.map((s) => s.name),
            measured,
            pairs,
          ),
    jitTables,
    seqTables,
    notes,
  };
}
