/**
 * The backends the app's commands can run on, registered on first use under their own names.
 */
import { cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, gpujs } from '@mindts/backend-gpujs';
import { wasm } from '@mindts/backend-wasm';
import { getBackend, listBackends, registerBackend, setBackend } from '@mindts/tensor';

/** What `--backend` accepts. */
export const BACKEND_NAMES = ['wasm', 'cpu', 'gpujs'] as const;
/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * Makes `name` the active backend (registering it first if needed) and returns a line that says
 * what runs the kernels: for gpu.js, the mode it chose and why.
 * @example
 * console.log(await useBackend('wasm')); // 'wasm: WebAssembly simd128 kernels, 1 thread (…)'
 */
export async function useBackend(name: BackendName): Promise<string> {
  if (!listBackends().includes(name)) {
    if (name === 'wasm') registerBackend(wasm());
    else if (name === 'cpu') registerBackend(cpu());
    else registerBackend(gpujs());
  }
  await setBackend(name);
  const backend = getBackend();
  if (name === 'gpujs') return `gpujs: gpu.js mode ${(backend as GpujsBackend).modeReason}`;
  // The wasm backend's first line says which instruction set and how many threads.
  return (
    (backend as { explain?(): { summary?: string } }).explain?.().summary?.split('\n')[0] ??
    `${name}: the pure-TypeScript reference kernels`
  );
}
