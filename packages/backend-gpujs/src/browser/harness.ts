/**
 * The conformance suite in a browser page, bundled by `scripts/browserConformance.mjs`: runs
 * every case on the gpu.js backend in one mode against the CPU oracle with `checkCase` (the
 * suite's own checks, without vitest) and returns the problems per case; the jitted suite and
 * the fused-kernel checks are in `jitConformance.ts` and `fusedTemplates.ts`.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { checkCase, conformanceCases } from '@mindts/ops/testing';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend, tensor } from '@mindts/tensor';
import { type GpujsBackend, type GpujsMode, gpujs } from '../index.js';
import { unbuiltKernels } from './onModeBackend.js';

export { checkFusedTemplates } from './fusedTemplates.js';
export { checkFusedChain, type JitBrowserRun, runJitConformance } from './jitConformance.js';
export { checkLayouts } from './layouts.js';
export { checkLongReductions } from './longReduce.js';
export { checkReadBack } from './readBack.js';
export { checkSharedReshape } from './sharedReshape.js';
export { checkWideMatMul } from './wideMatMul.js';

/** What one run reports back to the Node side. */
export interface BrowserRun {
  readonly mode: string;
  readonly modeReason: string;
  readonly passed: number;
  readonly failed: readonly { readonly name: string; readonly problems: readonly string[] }[];
  readonly summary: string;
  /** Kernels gpu.js could not compile or build on the mode ({@link unbuiltKernels}). */
  readonly unbuilt: readonly string[];
}

/**
 * Runs the suite on `gpujs({ mode, cpuThreshold: 0 })`.
 * @example
 * const r = await runConformance('webgl2');
 */
export async function runConformance(mode: GpujsMode): Promise<BrowserRun> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const name = `gpujs-${mode}`;
  registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
  try {
    await setBackend(name);
    const backend = getBackend() as GpujsBackend;
    const failed: { name: string; problems: string[] }[] = [];
    let passed = 0;
    for (const c of conformanceCases) {
      const problems = await checkCase(c, { backend: name, reference: 'cpu' });
      if (problems.length) failed.push({ name: c.name, problems });
      else passed++;
    }
    return {
      mode: backend.mode,
      modeReason: backend.modeReason,
      passed,
      failed,
      summary: backend.explain().summary,
      unbuilt: unbuiltKernels(backend),
    };
  } finally {
    removeBackend(name);
  }
}

/**
 * Loses the WebGL context (WEBGL_lose_context) mid-run and reports what the backend does: new
 * ops must run on the CPU backend with the reason recorded, and reading a tensor that lived only
 * on the device must fail clearly instead of returning zeros. Returns the problems found.
 * @example
 * const problems = await checkContextLoss();
 */
export async function checkContextLoss(): Promise<string[]> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  registerBackend(gpujs({ name: 'gpujs-lost', mode: 'webgl2', cpuThreshold: 0 }));
  const problems: string[] = [];
  try {
    await setBackend('gpujs-lost');
    const backend = getBackend() as GpujsBackend;
    const x = tensor([1, 2, 3, 4], 'float32');
    const onDevice = ops.exp(x);
    const gl = (backend.gpu as unknown as { context: { getExtension(name: string): { loseContext(): void } | null } }).context;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    if (!backend.contextLost) problems.push('contextLost is false after loseContext()');
    const sum = Array.from(await ops.add(tensor([1, 2], 'float32'), tensor([10, 20], 'float32')).data());
    if (sum.join() !== '11,22') problems.push(`add after the loss gave [${sum.join(', ')}], not [11, 22]`);
    const lost = backend.explain().fallbacks.find((f) => f.reason.startsWith('the WebGL context was lost'));
    if (!lost) problems.push('the fallback after the loss was not recorded');
    try {
      const v = await onDevice.data();
      problems.push(`reading a device-only tensor after the loss returned [${Array.from(v).join(', ')}] instead of failing`);
    } catch (err) {
      if (!String(err).includes('WebGL context was lost')) problems.push(`reading a device-only tensor failed unclearly: ${String(err)}`);
    }
  } finally {
    removeBackend('gpujs-lost');
  }
  return problems;
}
