/**
 * `Gather` on the wasm backend, every value dtype with int32 indices: the indices are checked
 * and wrapped (negative counts from the end) in one pass, then wasm copies one run of the
 * trailing axes per index. An out-of-range index or an invalid axis goes to the CPU kernel,
 * which raises its error.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { wrappedIndices } from './indices.js';

/**
 * Wasm kernel of `Gather`.
 * @example
 * runKernel('Gather', [x, indices], { axis: 0 });
 */
export const gather: KernelFunc<'Gather', WasmBackend> = (backend, inputs, attrs) => {
  const [x, indices] = inputs;
  const { axis } = attrs;
  if (indices.dtype !== 'int32')
    return backend.fallback('Gather', inputs, attrs, `Gather with ${indices.dtype} indices has no wasm kernel yet`);
  if (!Number.isInteger(axis) || axis < 0 || axis >= x.shape.length) {
    return backend.fallback('Gather', inputs, attrs, 'Gather axis the wasm kernel does not check');
  }
  const axisSize = x.shape[axis]!;
  const wrapped = wrappedIndices(backend, indices, axisSize);
  if (wrapped === undefined) return backend.fallback('Gather', inputs, attrs, 'Gather index out of range');
  try {
    const n = indices.shape.reduce((p, d) => p * d, 1);
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const out = backend.output(shape, x.dtype);
    const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
    const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    if (outer * n * inner > 0) {
      backend.kernels.gatherRows(backend.elementBytes(x.dtype), backend.ptr(x), outer, axisSize, inner, wrapped, n, out.ptr);
    }
    return out.info;
  } finally {
    backend.free(wrapped);
  }
};
