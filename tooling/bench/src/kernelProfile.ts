/**
 * A kernel profile: every kernel of one mindts backend wrapped for the length of one function,
 * to count the time spent in each primitive (Unary and Binary split by op) and the most tensor
 * bytes live on the backend after any kernel (the step's peak). The wrappers are removed after.
 */
import { getBackend, memory } from '@mindts/tensor';
import { getKernel, type KernelConfig, type PrimitiveName, registerKernel, unregisterKernel } from '@mindts/tensor/backend';

/**
 * What {@link profileKernels} measured.
 * @example
 * const { peakBytes, byPrimitive } = profileKernels(['MatMul'], () => step());
 */
export interface KernelProfile {
  /** Tensor bytes live on the backend before the function ran. */
  readonly startBytes: number;
  /** The most tensor bytes live on the backend after any kernel call (at least `startBytes`). */
  readonly peakBytes: number;
  /** Wall time of the whole function, ms. */
  readonly totalMs: number;
  /** Kernel calls and their ms by primitive (`Unary:exp`, `MatMul`, …), the slowest first. */
  readonly byPrimitive: readonly { readonly primitive: string; readonly calls: number; readonly ms: number }[];
}

/**
 * Runs `fn` with the active backend's kernels for `names` timed and its live bytes sampled after
 * each call. Kernels of `names` the backend lacks are skipped. `sync`, called after each kernel
 * inside its timing, waits for work a backend queues (e.g. WebGL's `finish()`), so the time is the
 * kernel's own rather than its launch's.
 * @example
 * const p = profileKernels(Object.keys(wasmKernels), () => step());
 * console.log(p.peakBytes, p.byPrimitive[0]);
 */
export function profileKernels(names: readonly string[], fn: () => void, sync?: () => void): KernelProfile {
  const backend = getBackend();
  const backendName = backend.name;
  const live = () => backend.memory().bytes;
  const stats = new Map<string, { calls: number; ms: number }>();
  const startBytes = live();
  let peakBytes = startBytes;
  const originals: [PrimitiveName, KernelConfig['kernelFunc']][] = [];
  for (const name of names as readonly PrimitiveName[]) {
    const kernel = getKernel(name, backendName);
    if (!kernel) continue;
    originals.push([name, kernel]);
    unregisterKernel(name, backendName);
    registerKernel({
      name,
      backendName,
      kernelFunc: (b: unknown, inputs: unknown, attrs: unknown) => {
        const start = performance.now();
        const out = kernel(b as never, inputs as never, attrs as never);
        sync?.();
        const ms = performance.now() - start;
        const op = (attrs as { op?: unknown } | undefined)?.op;
        const key = typeof op === 'string' ? `${name}:${op}` : name;
        const s = stats.get(key) ?? { calls: 0, ms: 0 };
        s.calls++;
        s.ms += ms;
        stats.set(key, s);
        peakBytes = Math.max(peakBytes, live());
        return out;
      },
    } as KernelConfig);
  }
  const start = performance.now();
  try {
    fn();
  } finally {
    for (const [name, kernelFunc] of originals) {
      unregisterKernel(name, backendName);
      registerKernel({ name, backendName, kernelFunc } as KernelConfig);
    }
  }
  const totalMs = performance.now() - start;
  const byPrimitive = [...stats].map(([primitive, s]) => ({ primitive, ...s })).sort((a, b) => b.ms - a.ms);
  return { startBytes, peakBytes: Math.max(peakBytes, memory().backends[backendName]?.bytes ?? 0), totalMs, byPrimitive };
}
