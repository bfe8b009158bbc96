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
