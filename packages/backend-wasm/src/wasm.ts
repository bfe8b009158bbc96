/**
 * The wasm backend's factory, for `registerBackend(wasm())`.
 */
import type { BackendFactory } from '@mindts/tensor/backend';
import { loadKernels } from './kernelModule.js';
import { wasmKernels } from './kernels/index.js';
import { WasmBackend } from './wasmBackend.js';

/**
 * Options of {@link wasm}.
 * @example
 * registerBackend(wasm({ name: 'wasm-plain', relaxedSimd: false }));
 */
export interface WasmOptions {
  /** Registry name (default `'wasm'`). */
  name?: string;
  /** Selection priority (default 2: above the CPU backend's 1, below a GPU backend). */
  priority?: number;
  /** Use relaxed SIMD (fused multiply-add) where the engine supports it (default true). */
  relaxedSimd?: boolean;
}

/**
 * The WebAssembly SIMD backend: tensors in WebAssembly memory, SIMD128 kernels compiled from
 * AssemblyScript and shipped inside the package; what it does not implement runs on the CPU
 * backend and is listed by `explain()`. Creating it rejects where WebAssembly SIMD is missing.
 * @example
 * import { registerBackend, setBackend, tensor } from '@mindts/tensor';
 * import { wasm } from '@mindts/backend-wasm';
 * registerBackend(wasm());
 * await setBackend('wasm');
 * tensor([1, 2, 3]).toString(); // 'Tensor(shape=[3], dtype=Int32, value= [1, 2, 3])'
 */
export function wasm(options: WasmOptions = {}): BackendFactory<WasmBackend> {
  const name = options.name ?? 'wasm';
  const priority = options.priority ?? 2;
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`wasm: options.name must be a non-empty string, but got ${String(name)}.`);
  if (typeof priority !== 'number' || Number.isNaN(priority)) {
    throw new TypeError(`wasm: options.priority must be a number, but got ${String(priority)}.`);
  }
  return {
    name,
    priority,
    async create() {
      const { exports, simd } = await loadKernels({ relaxedSimd: options.relaxedSimd ?? true });
      return new WasmBackend(exports, simd, name);
    },
    kernels: wasmKernels,
  };
}
