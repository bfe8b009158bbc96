/**
 * `@mindts/backend-gpujs`: every core primitive as a gpu.js kernel generated from source
 * templates, data resident on the device, and a recorded per-op fallback to the CPU backend.
 * @module @mindts/backend-gpujs
 */
export type { GpujsMemory } from './deviceStore.js';
export { type GpujsOptions, gpujs } from './gpujs.js';
export type { GpujsExplanation, GpujsFallback } from './explanation.js';
export { GpujsBackend } from './gpujsBackend.js';
export type { GpujsMode } from './gpujsModule.js';
export { gpujsKernels } from './kernels/index.js';
export { DEFAULT_CPU_THRESHOLD, KERNEL_CACHE_LIMIT, MAX_DEVICE_ELEMENTS } from './limits.js';
