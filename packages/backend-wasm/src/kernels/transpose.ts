/**
 * `Transpose` on the wasm backend, every dtype: a strided gather (output axis i walks input
 * axis perm[i]). An invalid perm goes to the CPU kernel, which raises its error.
 */
import { type KernelFunc, stridesOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { gatherStrided } from './strided.js';

/**
 * Wasm kernel of `Transpose`.
 * @example
 * runKernel('Transpose', [x], { perm: [1, 0] });
 */
export const transpose: KernelFunc<'Transpose', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { perm } = attrs;
  const rank = x.shape.length;
  const valid = perm.length === rank && [...perm].sort((a, b) => a - b).every((p, i) => p === i);
  if (!valid) return backend.fallback('Transpose', inputs, attrs, 'Transpose with a perm the wasm kernel does not check');
  const strides = stridesOf(x.shape);
  return gatherStrided(
    backend,
    x,
    perm.map((p) => x.shape[p]!),
    perm.map((p) => strides[p]!),
    0,
  );
};
