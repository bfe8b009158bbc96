/**
 * `ScatterAdd` on the wasm backend, float32 and int32 with int32 indices: x is copied, then each
 * run of updates is added at its index in order with SIMD adds — the reference's order and
 * rounding, so results are equal. Other dtypes, and arguments the checks here reject (the CPU
 * kernel then raises its error), fall back.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { wrappedIndices } from './indices.js';

/**
 * Wasm kernel of `ScatterAdd`.
 * @example
 * runKernel('ScatterAdd', [x, indices, updates], { axis: 0 });
 */
export const scatterAdd: KernelFunc<'ScatterAdd', WasmBackend> = (backend, inputs, attrs) => {
  const [x, indices, updates] = inputs;
  const { axis } = attrs;
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32') {
    return backend.fallback('ScatterAdd', inputs, attrs, `ScatterAdd of ${x.dtype} with ${indices.dtype} indices has no wasm kernel yet`);
  }
  const expected =
    Number.isInteger(axis) && axis >= 0 && axis < x.shape.length
      ? [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)]
      : undefined;
  const valid =
    expected !== undefined &&
    updates.dtype === x.dtype &&
    updates.shape.length === expected.length &&
    updates.shape.every((d, i) => d === expected[i]);
  if (!valid) return backend.fallback('ScatterAdd', inputs, attrs, 'ScatterAdd arguments the wasm kernel does not check');
  const axisSize = x.shape[axis]!;
  const wrapped = wrappedIndices(backend, indices, axisSize);
  if (wrapped === undefined) return backend.fallback('ScatterAdd', inputs, attrs, 'ScatterAdd index out of range');
  try {
    const size = x.shape.reduce((p, d) => p * d, 1);
    const out = backend.output(x.shape, x.dtype);
    backend.view(out.ptr, size, x.dtype).set(backend.view(backend.ptr(x), size, x.dtype));
    const n = indices.shape.reduce((p, d) => p * d, 1);
    const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
    const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    if (outer * n * inner > 0) {
      backend.kernels.scatterAdd32(x.dtype === 'int32' ? 1 : 0, out.ptr, outer, axisSize, inner, wrapped, n, backend.ptr(updates));
    }
    return out.info;
  } finally {
    backend.free(wrapped);
  }
};
