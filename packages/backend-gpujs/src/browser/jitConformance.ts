/**
 * The conformance suite jitted, in a browser page (bundled with `harness.ts`): every case traced
 * and replayed on the gpu.js backend in one mode, with elementwise chains fused into generated
 * gpu.js kernels, against the CPU oracle with the tolerances `checkCase` uses. Also reports what
 * became of each fused program: compiled and run on the device, or run op by op and why.
 */
import { cpu } from '@mindts/backend-cpu';
import { jit } from '@mindts/jit';
import { replayResults } from '@mindts/jit/testing';
import * as ops from '@mindts/ops';
import {
  type ConformanceCase,
  compareResults,
  conformanceCases,
  expectedOf,
  type ResultData,
  readResults,
  toleranceOf,
} from '@mindts/ops/testing';
import { getBackend, listBackends, memory, registerBackend, removeBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { type GpujsBackend, type GpujsMode, gpujs } from '../index.js';
import { fusedFallbacks } from './fusedTemplates.js';
import { onModeBackend, unbuiltKernels } from './onModeBackend.js';

/** What one jitted run reports back to the Node side. */
export interface JitBrowserRun {
  readonly mode: string;
  readonly modeReason: string;
  readonly passed: number;
  readonly failed: readonly { readonly name: string; readonly problems: readonly string[] }[];
  /** Fused groups in the replayed graphs, and how many the backend declined (a dtype or op without a gpu.js form). */
  readonly fusedGroups: number;
  readonly declined: number;
  /** Fused programs that ran op by op instead of as one kernel: reason → count, and the cases they came from. */
  readonly fellBack: Readonly<Record<string, number>>;
  readonly fellBackCases: readonly string[];
  readonly summary: string;
  /** Kernels gpu.js could not compile or build on the mode. */
  readonly unbuilt: readonly string[];
}

function buffersOf(name: string): number {
  return memory().backends[name]?.buffers ?? 0;
}

/** `c` jitted on the active backend: traced, then replayed; the replay's results read back and the graph dropped. */
async function jitResults(c: ConformanceCase): Promise<{ results: ResultData[]; fusedGroups: number; declined: number }> {
  const { results, stats, lowered } = await replayResults(c);
  return { results, fusedGroups: lowered.steps.filter((s) => s.kind === 'fused').length, declined: stats.unfusedGroups };
}

/**
 * Runs every case jitted (constant folding off, so the replay computes) on
 * `gpujs({ mode, cpuThreshold: 0 })`; each must agree with the eager CPU oracle and the
 * hand-computed values and leave no buffer behind, as `checkCase` requires of eager runs.
 * @example
 * const r = await runJitConformance('webgpu');
 */
export async function runJitConformance(mode: GpujsMode): Promise<JitBrowserRun> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const name = `gpujs-${mode}-jit`;
  registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
  try {
    await setBackend(name);
    const backend = getBackend() as GpujsBackend;
    const failed: { name: string; problems: string[] }[] = [];
    const fellBackCases: string[] = [];
    let passed = 0;
    let fusedGroups = 0;
    let declined = 0;
    for (const c of conformanceCases) {
      const ref = await readResults(c, 'cpu');
      await setBackend(name);
      const fellBefore = [...fusedFallbacks(backend).values()].reduce((a, b) => a + b, 0);
      const buffersBefore = buffersOf(name);
      const problems: string[] = [];
      try {
        const run = await jitResults(c);
        fusedGroups += run.fusedGroups;
        declined += run.declined;
        const tol = toleranceOf(c);
        problems.push(...compareResults(run.results, ref, tol).map((m) => `${name} (jit) vs cpu: ${m}`));
        const expected = expectedOf(c);
        if (expected.length)
          problems.push(...compareResults(run.results, expected, tol).map((m) => `${name} (jit) vs hand-computed: ${m}`));
        const leaked = buffersOf(name) - buffersBefore;
        if (leaked > 0) problems.push(`${name} (jit): ${leaked} buffer(s) still held after the results and the graph were disposed`);
      } catch (err) {
        problems.push(`${name} (jit) threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
      const fellAfter = [...fusedFallbacks(backend).values()].reduce((a, b) => a + b, 0);
      if (fellAfter > fellBefore) fellBackCases.push(c.name);
      if (problems.length) failed.push({ name: c.name, problems });
      else passed++;
    }
    return {
      mode: backend.mode,
      modeReason: backend.modeReason,
      passed,
      failed,
      fusedGroups,
      declined,
      fellBack: Object.fromEntries(fusedFallbacks(backend)),
      fellBackCases,
      summary: backend.explain().summary,
      unbuilt: unbuiltKernels(backend),
    };
  } finally {
    removeBackend(name);
  }
}

/**
 * A jitted 4-op chain on `mode` must replay as one generated gpu.js kernel, compiled once and
 * run on the device (no `Fused` fallback), with the eager results. Returns the problems found.
 * @example
 * const problems = await checkFusedChain('webgl2');
 */
export function checkFusedChain(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'fused', async (backend) => {
    const problems: string[] = [];
    const chain = (x: Tensor) => ops.relu(ops.sub(ops.mul(ops.tanh(x), 2), 0.5));
    const x = tensor([-2, -0.1, 0, 0.3, 1, 4], 'float32');
    const e = chain(x);
    const eager = Array.from(await e.data());
    e.dispose();
    const f = jit(chain);
    f(x).dispose();
    const before = backend.explain().kernels.compiled;
    const y = f(x);
    const got = Array.from(await y.data());
    y.dispose();
    const compiled = backend.explain().kernels.compiled - before;
    if (compiled !== 1) problems.push(`the replay compiled ${compiled} gpu.js kernel(s), not 1`);
    if (f.stats().kernelsPerCall !== 1) problems.push(`the replay launched ${f.stats().kernelsPerCall} kernels, not 1`);
    const bad = got.filter((v, i) => !(Math.abs(v - (eager[i] as number)) <= 1e-5 + 1e-4 * Math.abs(eager[i] as number)));
    if (bad.length) problems.push(`fused [${got.join(', ')}] ≠ eager [${eager.join(', ')}]`);
    for (const reason of fusedFallbacks(backend).keys()) problems.push(`the fused kernel ran op by op: ${reason}`);
    f.clear();
    x.dispose();
    return problems;
  });
}
