/**
 * `Concat` on the wasm backend, every dtype: the output is [outer, Σ axis, inner], and each
 * input's [outer, axis·inner] block is copied in as rows. Inputs the checks here reject go to
 * the CPU kernel, which raises its error.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Wasm kernel of `Concat`.
 * @example
 * runKernel('Concat', [a, b], { axis: 0 });
 */
export const concat: KernelFunc<'Concat', WasmBackend> = (backend, inputs, attrs) => {
  const { axis } = attrs;
  const first = inputs[0];
  const rank = first?.shape.length ?? 0;
  const valid =
    first !== undefined &&
    Number.isInteger(axis) &&
    axis >= 0 &&
    axis < rank &&
    inputs.every((t) => t.dtype === first.dtype && t.shape.length === rank && t.shape.every((d, i) => i === axis || d === first.shape[i]));
  if (!valid || first === undefined) return backend.fallback('Concat', inputs, attrs, 'Concat inputs the wasm kernel does not check');
  const total = inputs.reduce((s, t) => s + t.shape[axis]!, 0);
  const shape = first.shape.map((d, i) => (i === axis ? total : d));
  const out = backend.output(shape, first.dtype);
  const width = backend.elementBytes(first.dtype);
  const outer = first.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = first.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const dstRow = total * inner * width;
  let column = 0;
  for (const t of inputs) {
    const rowBytes = t.shape[axis]! * inner * width;
    if (rowBytes > 0 && outer > 0) backend.kernels.copyRows(backend.ptr(t), rowBytes, out.ptr + column, dstRow, outer, rowBytes);
    column += rowBytes;
  }
  return out.info;
};
