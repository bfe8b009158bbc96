/**
 * `BroadcastTo` on the wasm backend, every dtype: a strided gather with stride 0 along the
 * repeated axes. A shape x does not broadcast to goes to the CPU kernel, which raises its error.
 */
import { type KernelFunc, stridesOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { gatherStrided } from './strided.js';

/**
 * Wasm kernel of `BroadcastTo`.
 * @example
 * runKernel('BroadcastTo', [x], { shape: [4, 3] });
 */
export const broadcastTo: KernelFunc<'BroadcastTo', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const target = attrs.shape;
  const lead = target.length - x.shape.length;
  const valid =
    lead >= 0 && target.every((d) => Number.isInteger(d) && d >= 0) && x.shape.every((d, i) => d === target[lead + i] || d === 1);
  if (!valid) return backend.fallback('BroadcastTo', inputs, attrs, 'BroadcastTo to a shape the wasm kernel does not check');
  const own = stridesOf(x.shape);
  const strides = target.map((_, i) => (i < lead || x.shape[i - lead] === 1 ? 0 : own[i - lead]!));
  return gatherStrided(backend, x, [...target], strides, 0);
};
