/**
 * `Fill` on the wasm backend: the value is converted once as the CPU backend converts it, then
 * written over the block in linear memory.
 */
import { fillImpl } from '@mindts/backend-cpu';
import { assertDType } from '@mindts/tensor';
import { encodeFloat16, type KernelFunc, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Wasm kernel of `Fill`.
 * @example
 * runKernel('Fill', [], { shape: [2, 2], dtype: 'float32', value: 1 });
 */
export const fill: KernelFunc<'Fill', WasmBackend> = (backend, _inputs, { shape, dtype, value }) => {
  const s = validateShape(shape, 'Fill: shape');
  assertDType(dtype, 'Fill: dtype');
  const one = fillImpl(1, value, dtype);
  const stored = dtype === 'float16' ? encodeFloat16(one)[0]! : one[0]!;
  const out = backend.output(s, dtype);
  backend.view(out.ptr, sizeOf(s), dtype).fill(stored);
  return out.info;
};
