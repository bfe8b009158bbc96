/**
 * The primitives with no wasm kernel yet: each runs the CPU backend's kernel on views of
 * linear memory, recorded by `explain()` and announced once as an engine `fallback` event.
 */
import type { CorePrimitiveName, KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * A kernel for `name` that always falls back to the CPU backend.
 * @example
 * const transpose = viaCpu('Transpose');
 */
export function viaCpu<N extends CorePrimitiveName>(name: N): KernelFunc<N, WasmBackend> {
  return (backend, inputs, attrs) => backend.fallback(name, inputs, attrs, `${name} has no wasm kernel yet`);
}
