/**
 * `StridedSlice` on the wasm backend, every dtype: a strided gather from the region's first
 * element by step × stride per axis. A region the checks here reject goes to the CPU kernel,
 * which raises its error.
 */
import { type KernelFunc, stridesOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { gatherStrided } from './strided.js';

/**
 * Wasm kernel of `StridedSlice`.
 * @example
 * runKernel('StridedSlice', [x], { begin: [0, 2], size: [2, 3], step: [1, -1] });
 */
export const stridedSlice: KernelFunc<'StridedSlice', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { begin, size, step } = attrs;
  const rank = x.shape.length;
  const valid =
    begin.length === rank &&
    size.length === rank &&
    step.length === rank &&
    x.shape.every((n, d) => {
      const [b, s, st] = [begin[d]!, size[d]!, step[d]!];
      if (![b, s, st].every(Number.isInteger) || st === 0 || s < 0) return false;
      const last = b + (s - 1) * st;
      return s === 0 || (b >= 0 && b < n && last >= 0 && last < n);
    });
  if (!valid) return backend.fallback('StridedSlice', inputs, attrs, 'StridedSlice region the wasm kernel does not check');
  const strides = stridesOf(x.shape);
  const empty = size.some((s) => s === 0);
  const offset = empty ? 0 : begin.reduce((o, b, d) => o + b * strides[d]!, 0);
  return gatherStrided(
    backend,
    x,
    [...size],
    step.map((st, d) => st * strides[d]!),
    offset,
  );
};
