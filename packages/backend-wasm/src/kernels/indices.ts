/**
 * Index checking shared by Gather and ScatterAdd: int32 indices along an axis of `axisSize`,
 * negative ones counting from the end, copied wrapped into scratch memory for the wasm kernels.
 */
import type { TensorInfo } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * A scratch block with `indices` wrapped into [0, axisSize), or undefined when one is out of
 * range (the caller then lets the CPU kernel raise its error). Free the block with `backend.free`.
 * @example
 * const ptr = wrappedIndices(backend, indices, 5);
 */
export function wrappedIndices(backend: WasmBackend, indices: TensorInfo, axisSize: number): number | undefined {
  const n = indices.shape.reduce((p, d) => p * d, 1);
  const ptr = backend.scratch(n * 4);
  const src = backend.view(backend.ptr(indices), n, 'int32');
  const dst = backend.view(ptr, n, 'int32');
  for (let i = 0; i < n; i++) {
    const v = src[i]!;
    const w = v < 0 ? v + axisSize : v;
    if (w < 0 || w >= axisSize) {
      backend.free(ptr);
      return undefined;
    }
    dst[i] = w;
  }
  return ptr;
}
