/**
 * The CPU backend's factory, for `registerBackend(cpu())`.
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import type { BackendFactory } from '@mindts/tensor/backend';
import { CpuBackend } from './cpuBackend.js';
import { cpuKernels } from './kernels/index.js';

/**
 * Options of {@link cpu}.
 * @example
 * registerBackend(cpu({ name: 'cpu-reference', priority: 0 }));
 */
export interface CpuOptions {
  /** Registry name (default `'cpu'`); a second CPU backend needs another name. */
  name?: string;
  /** Selection priority when no backend is chosen explicitly (default 1, the lowest tier). */
  priority?: number;
}

const CPU_KEYS: OptionKeys<CpuOptions> = { name: true, priority: true };

/**
 * The pure-TypeScript CPU backend: every primitive on typed arrays, the numerical reference.
 * Importing this package registers nothing; register it explicitly.
 * @example
 * import { registerBackend, tensor } from '@mindts/tensor';
 * import { cpu } from '@mindts/backend-cpu';
 * registerBackend(cpu());
 * tensor([1, 2, 3]).toString(); // 'Tensor(shape=[3], dtype=Int32, value= [1, 2, 3])'
 */
export function cpu(options: CpuOptions = {}): BackendFactory<CpuBackend> {
  checkOptions<CpuOptions>(options, 'cpu', CPU_KEYS);
  const name = options.name ?? 'cpu';
  const priority = options.priority ?? 1;
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`cpu: options.name must be a non-empty string, but got ${String(name)}.`);
  if (typeof priority !== 'number' || Number.isNaN(priority))
    throw new TypeError(`cpu: options.priority must be a number, but got ${String(priority)}.`);
  return { name, priority, create: () => new CpuBackend(name), kernels: cpuKernels };
}
