/**
 * The gpu.js backend's factory, for `registerBackend(gpujs())`.
 */
import { checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import type { BackendFactory } from '@mindts/tensor/backend';
import { GpujsBackend } from './gpujsBackend.js';
import { GPU_MODES, type GpujsMode } from './gpujsModule.js';
import { gpujsKernels } from './kernels/index.js';
import { DEFAULT_CPU_THRESHOLD } from './limits.js';
import { selectMode } from './modeSelection.js';

const MODES: readonly GpujsMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

/**
 * Options of {@link gpujs}.
 * @example
 * registerBackend(gpujs({ mode: 'webasm', strict: true }));
 * registerBackend(gpujs({ requireGpu: true })); // no GPU mode: ready() moves on to the next backend
 */
export interface GpujsOptions {
  /** Registry name (default `'gpujs'`). */
  name?: string;
  /** Selection priority (default 3: above the wasm backend's 2 and the CPU backend's 1). */
  priority?: number;
  /**
   * The gpu.js mode; default: the first of webgpu → webgl2 → webgl → headlessgl → webasm that
   * works. `'cpu'` is gpu.js's JS mode, useful to test the generated kernels.
   */
  mode?: GpujsMode;
  /**
   * Accept only a GPU mode (webgpu, webgl2, webgl, headlessgl) when choosing automatically
   * (default false). Without one, `create()` rejects with every mode's reason, so `ready()` moves
   * on to the next registered backend (the wasm or CPU backend): the default chain of DESIGN §6.
   */
  requireGpu?: boolean;
  /** Throw instead of running any op on the CPU backend (default false). */
  strict?: boolean;
  /**
   * Ops whose largest tensor has fewer elements run on the CPU backend, where they are faster
   * (recorded like every fallback). Default per mode, `DEFAULT_CPU_THRESHOLD` (Infinity on
   * `webasm` and `cpu`, which were measured slower than the CPU backend); 0 when strict.
   */
  cpuThreshold?: number;
}

const GPUJS_KEYS: OptionKeys<GpujsOptions> = { name: true, priority: true, mode: true, requireGpu: true, strict: true, cpuThreshold: true };

/**
 * The gpu.js backend: every primitive as a generated gpu.js kernel in float32, data resident on
 * the device between ops, and a per-op CPU fallback that `explain()` lists with reasons (and the
 * engine announces as `fallback` events). Creation is async: `await setBackend('gpujs')`.
 * @example
 * import { registerBackend, setBackend, tensor } from '@mindts/tensor';
 * import { gpujs } from '@mindts/backend-gpujs';
 * registerBackend(gpujs({ mode: 'webasm' }));
 * await setBackend('gpujs');
 * await tensor([1, 2, 3], 'float32').data(); // Float32Array [1, 2, 3]
 */
export function gpujs(options: GpujsOptions = {}): BackendFactory<GpujsBackend> {
  checkOptions<GpujsOptions>(options, 'gpujs', GPUJS_KEYS);
  const name = options.name ?? 'gpujs';
  const priority = options.priority ?? 3;
  const strict = options.strict ?? false;
  if (typeof strict !== 'boolean') throw new TypeError(`gpujs: options.strict must be a boolean, but got ${describeType(strict)}.`);
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`gpujs: options.name must be a non-empty string, but got ${String(name)}.`);
  if (typeof priority !== 'number' || Number.isNaN(priority)) {
    throw new TypeError(`gpujs: options.priority must be a number, but got ${String(priority)}.`);
  }
  if (options.mode !== undefined && !MODES.includes(options.mode)) {
    throw new TypeError(`gpujs: options.mode must be one of ${MODES.join(', ')}, but got ${String(options.mode)}.`);
  }
  const requireGpu = options.requireGpu ?? false;
  if (typeof requireGpu !== 'boolean') throw new TypeError(`gpujs: options.requireGpu must be a boolean, but got ${String(requireGpu)}.`);
  if (requireGpu && options.mode !== undefined && !GPU_MODES.includes(options.mode)) {
    throw new TypeError(`gpujs: requireGpu accepts only ${GPU_MODES.join(', ')}, but options.mode is '${options.mode}'.`);
  }
  const threshold = options.cpuThreshold;
  if (threshold !== undefined && !((Number.isInteger(threshold) || threshold === Number.POSITIVE_INFINITY) && threshold >= 0)) {
    throw new TypeError(`gpujs: options.cpuThreshold must be a non-negative integer or Infinity, but got ${String(threshold)}.`);
  }
  if (strict && threshold) {
    throw new TypeError('gpujs: strict makes every CPU fallback an error, so it cannot be combined with a cpuThreshold above 0.');
  }
  return {
    name,
    priority,
    async create() {
      const { mode, gpu, reason } = await selectMode(options.mode, requireGpu);
      const cpuThreshold = threshold ?? (strict ? 0 : DEFAULT_CPU_THRESHOLD[mode]);
      return new GpujsBackend({ name, mode, modeReason: reason, gpu, strict, cpuThreshold });
    },
    kernels: gpujsKernels,
  };
}
