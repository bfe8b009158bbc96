/**
 * `@mindts/backend-wasm`: the fast CPU backend — WebAssembly SIMD128 kernels compiled from
 * AssemblyScript, tensors kept in WebAssembly memory, and a visible per-op fallback to
 * `@mindts/backend-cpu` for what has no wasm kernel yet.
 * @module @mindts/backend-wasm
 */
export { ALIGNMENT, Allocator, type HeapStats, sizeClass } from './allocator.js';
export { type KernelExports, type LoadedKernels, type LoadOptions, loadKernels, type SimdLevel, type WasmMemory } from './kernelModule.js';
export { wasmKernels } from './kernels/index.js';
export { type WasmOptions, wasm } from './wasm.js';
export { type FallbackRecord, WasmBackend, type WasmExplanation } from './wasmBackend.js';
