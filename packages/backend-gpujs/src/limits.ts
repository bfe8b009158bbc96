/**
 * Sizes that decide where an op runs. Each constant says why it has its value.
 */

/**
 * Largest tensor (in elements) a gpu.js kernel takes here. Kernels turn a flat output index
 * into coordinates with float32 arithmetic, `floor((i + 0.5) / d)`: exact while the quotient
 * times `d` stays below 2^23 (the +0.5 keeps every true quotient half a step from an integer,
 * and float32 division is then off by less than that). Larger tensors run on the CPU backend.
 * @example
 * MAX_DEVICE_ELEMENTS; // 8388608: a [4096, 4096] matmul output (16,777,216 elements) runs on the CPU backend
 */
export const MAX_DEVICE_ELEMENTS = 2 ** 23;

/**
 * Default `cpuThreshold` per mode: ops whose largest tensor has fewer elements run on the CPU
 * backend. Measured in Node 20 on a shared 2-core x86-64 machine with gpu.js 2.24.1 (add, exp,
 * sum and a [n/256, 256]·[256, 64] matmul, 256 to 262,144 elements): the `webasm` mode was 1.5–5×
 * slower than the CPU backend at every size, and gpu.js's JS `cpu` mode never faster, so both
 * forward every op by default (Infinity); pass `cpuThreshold: 0` to run their kernels anyway
 * (tests do). The GL and WebGPU modes pay a dispatch of a fraction of a millisecond per kernel;
 * 4096 is an estimate in line with TF.js's WebGL CPU forwarding, not yet measured in a browser.
 * @example
 * DEFAULT_CPU_THRESHOLD.webgl2; // 4096
 * registerBackend(gpujs({ mode: 'webgl2', cpuThreshold: 0 })); // every op on the GPU, however small
 */
export const DEFAULT_CPU_THRESHOLD = {
  webgpu: 4096,
  webgl2: 4096,
  webgl: 4096,
  headlessgl: 4096,
  webasm: Number.POSITIVE_INFINITY,
  cpu: Number.POSITIVE_INFINITY,
} as const;

/**
 * Compiled kernels kept per backend (one per primitive, op, shapes and dtype). A long run over
 * changing shapes evicts the least recently used one and destroys it, so memory stays flat.
 * @example
 * KERNEL_CACHE_LIMIT; // 256 compiled kernels per backend, least recently used evicted first
 */
export const KERNEL_CACHE_LIMIT = 256;
