/**
 * What the browser checks share: a gpu.js backend of their own in one mode (cpuThreshold 0, so
 * every op takes the device path), with the CPU backend registered as the oracle.
 */
import { cpu } from '@mindts/backend-cpu';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import { type GpujsBackend, type GpujsMode, gpujs } from '../index.js';

/**
 * Runs `check` on `gpujs({ name: \`gpujs-${mode}-${label}\`, mode, cpuThreshold: 0 })`, made
 * active, and removes that backend afterwards; returns `check`'s problems, or the one problem that
 * the backend ran in another mode.
 * @example
 * const problems = await onModeBackend('webgpu', 'wide', async (backend, name) => []);
 */
export async function onModeBackend(
  mode: GpujsMode,
  label: string,
  check: (backend: GpujsBackend, name: string) => Promise<string[]>,
): Promise<string[]> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const name = `gpujs-${mode}-${label}`;
  registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
  try {
    await setBackend(name);
    const backend = getBackend() as GpujsBackend;
    if (backend.mode !== mode) return [`ran in ${backend.mode} instead: ${backend.modeReason}`];
    return await check(backend, name);
  } finally {
    removeBackend(name);
  }
}

/**
 * The fallbacks of kernels gpu.js could not compile or build on this mode, as `primitive ×count:
 * reason` lines: each ran on the CPU backend with a correct result, so only this shows that the
 * generated source does not work on the mode (a GLSL ES 1.00 loop rule, a reserved word…).
 * @example
 * const unbuilt = unbuiltKernels(backend); // [] when every kernel built
 */
export function unbuiltKernels(backend: GpujsBackend): string[] {
  return backend
    .explain()
    .fallbacks.filter((f) => f.reason.startsWith('gpu.js could not'))
    .map((f) => `${f.primitive} ×${f.count}: ${f.reason}`);
}
