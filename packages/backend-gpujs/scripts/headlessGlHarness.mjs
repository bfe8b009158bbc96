// The conformance suite in Node on gpu.js's `headlessgl` mode, for headlessGlConformance.mjs: the
// Node twin of src/browser/harness.ts and jitConformance.ts, on the built packages (`dist`), since
// Node runs no TypeScript. Every case runs eagerly with `checkCase`, then jitted (traced, replayed
// with fused elementwise kernels) against the eager CPU oracle.
import { createRequire } from 'node:module';
import { cpu } from '@mindts/backend-cpu';
import { gpujs } from '@mindts/backend-gpujs';
import { replayResults } from '@mindts/jit/testing';
import { checkCase, compareResults, conformanceCases, expectedOf, readResults, toleranceOf } from '@mindts/ops/testing';
import { getBackend, listBackends, memory, registerBackend, removeBackend, setBackend } from '@mindts/tensor';

const MODE = 'headlessgl';

/**
 * Why gpu.js cannot use headless-gl here, or undefined when a 1×1 context opens. gpu.js loads it
 * with a CommonJS `require('gl')`, so `gl` is looked up from gpu.js's folder, NODE_PATH included.
 * @returns {string | undefined}
 */
export function glProblem() {
  const fromGpujs = createRequire(createRequire(import.meta.url).resolve('gpu.js'));
  let glPath;
  try {
    glPath = fromGpujs.resolve('gl');
  } catch {
    return "gpu.js cannot require('gl'): build it outside the workspace (see .ci/run) and set NODE_PATH to its node_modules";
  }
  let context;
  try {
    context = fromGpujs('gl')(1, 1);
  } catch (err) {
    return `${glPath} failed to load: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!context) return `${glPath} created no context (no X display? run under xvfb-run -a)`;
  context.getExtension('STACKGL_destroy_context')?.destroy();
  return undefined;
}

/** The backend `name` in headlessgl with every op on gpu.js, made active; the CPU oracle registered too. */
async function useHeadlessGl(name) {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  registerBackend(gpujs({ name, mode: MODE, cpuThreshold: 0 }));
  await setBackend(name);
  return getBackend();
}

function messageOf(err) {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Every case on `gpujs({ mode: 'headlessgl', cpuThreshold: 0 })` against the CPU oracle.
 * @returns {Promise<{ mode: string, modeReason: string, passed: number, failed: { name: string, problems: string[] }[], fallbacks: object[], summary: string }>}
 */
export async function runConformance() {
  const name = `gpujs-${MODE}`;
  try {
    const backend = await useHeadlessGl(name);
    const failed = [];
    let passed = 0;
    for (const c of conformanceCases) {
      const problems = await checkCase(c, { backend: name, reference: 'cpu' });
      if (problems.length) failed.push({ name: c.name, problems });
      else passed++;
    }
    const { fallbacks, summary } = backend.explain();
    return { mode: backend.mode, modeReason: backend.modeReason, passed, failed, fallbacks, summary };
  } finally {
    removeBackend(name);
  }
}

/** Fused programs that ran op by op so far: their count. */
function fusedFallbackCount(backend) {
  return backend
    .explain()
    .fallbacks.filter((f) => f.primitive === 'Fused')
    .reduce((n, f) => n + f.count, 0);
}

/**
 * Every case jitted (constant folding off, so the replay computes) on headlessgl: each must agree
 * with the eager CPU oracle and the hand-computed values and leave no buffer behind.
 * @returns {Promise<{ mode: string, modeReason: string, passed: number, failed: { name: string, problems: string[] }[], fusedGroups: number, declined: number, fellBackCases: string[], fallbacks: object[], summary: string }>}
 */
export async function runJitConformance() {
  const name = `gpujs-${MODE}-jit`;
  try {
    const backend = await useHeadlessGl(name);
    const failed = [];
    const fellBackCases = [];
    let passed = 0;
    let fusedGroups = 0;
    let declined = 0;
    const buffers = () => memory().backends[name]?.buffers ?? 0;
    for (const c of conformanceCases) {
      const ref = await readResults(c, 'cpu');
      await setBackend(name);
      const fellBefore = fusedFallbackCount(backend);
      const buffersBefore = buffers();
      const problems = [];
      try {
        const { results, stats, lowered } = await replayResults(c);
        fusedGroups += lowered.steps.filter((s) => s.kind === 'fused').length;
        declined += stats.unfusedGroups;
        const tol = toleranceOf(c);
        problems.push(...compareResults(results, ref, tol).map((m) => `${name} (jit) vs cpu: ${m}`));
        const expected = expectedOf(c);
        if (expected.length) problems.push(...compareResults(results, expected, tol).map((m) => `${name} (jit) vs hand-computed: ${m}`));
        const leaked = buffers() - buffersBefore;
        if (leaked > 0) problems.push(`${name} (jit): ${leaked} buffer(s) still held after the results and the graph were disposed`);
      } catch (err) {
        problems.push(`${name} (jit) threw: ${messageOf(err)}`);
      }
      if (fusedFallbackCount(backend) > fellBefore) fellBackCases.push(c.name);
      if (problems.length) failed.push({ name: c.name, problems });
      else passed++;
    }
    const { fallbacks, summary } = backend.explain();
    return { mode: backend.mode, modeReason: backend.modeReason, passed, failed, fusedGroups, declined, fellBackCases, fallbacks, summary };
  } finally {
    removeBackend(name);
  }
}
