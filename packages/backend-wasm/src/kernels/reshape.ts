/**
 * `Reshape` on the wasm backend: a copy of the block inside linear memory (kernels never
 * alias their inputs).
 */
import { type KernelFunc, shapeString, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Wasm kernel of `Reshape`.
 * @example
 * runKernel('Reshape', [x], { shape: [3, 2] });
 */
export const reshape: KernelFunc<'Reshape', WasmBackend> = (backend, [x], { shape }) => {
  const target = validateShape(shape, 'Reshape: shape');
  const size = sizeOf(x.shape);
  if (sizeOf(target) !== size) {
    throw new RangeError(
      `Reshape: cannot reshape ${shapeString(x.shape)} (${size} elements) to ${shapeString(target)} (${sizeOf(target)} elements).`,
    );
  }
  const out = backend.output(target, x.dtype);
  const src = backend.view(backend.ptr(x), size, x.dtype);
  backend.view(out.ptr, size, x.dtype).set(src);
  return out.info;
};
