/**
 * `SliceUpdate` on the wasm backend, every dtype: x is copied, then `value` is scattered into
 * the strided region (the inverse of StridedSlice's gather). A region the checks here reject
 * goes to the CPU kernel, which raises its error.
 */
import { type KernelFunc, stridesOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Wasm kernel of `SliceUpdate`.
 * @example
 * runKernel('SliceUpdate', [x, value], { begin: [1, 0], size: [1, 3], step: [1, 1] });
 */
export const sliceUpdate: KernelFunc<'SliceUpdate', WasmBackend> = (backend, inputs, attrs) => {
  const [x, value] = inputs;
  const { begin, size, step } = attrs;
  const rank = x.shape.length;
  const valid =
    value.dtype === x.dtype &&
    begin.length === rank &&
    size.length === rank &&
    step.length === rank &&
    value.shape.length === rank &&
    value.shape.every((d, i) => d === size[i]) &&
    x.shape.every((n, d) => {
      const [b, s, st] = [begin[d]!, size[d]!, step[d]!];
      if (![b, s, st].every(Number.isInteger) || st === 0 || s < 0) return false;
      const last = b + (s - 1) * st;
      return s === 0 || (b >= 0 && b < n && last >= 0 && last < n);
    });
  if (!valid) return backend.fallback('SliceUpdate', inputs, attrs, 'SliceUpdate region the wasm kernel does not check');
  const total = x.shape.reduce((p, d) => p * d, 1);
  const out = backend.output(x.shape, x.dtype);
  backend.view(out.ptr, total, x.dtype).set(backend.view(backend.ptr(x), total, x.dtype));
  if (size.some((s) => s === 0)) return out.info;
  const strides = stridesOf(x.shape);
  const width = backend.elementBytes(x.dtype);
  const offset = begin.reduce((o, b, d) => o + b * strides[d]!, 0);
  // A scalar region is a one-element run.
  const dims = rank === 0 ? [1] : size;
  const steps = rank === 0 ? [1] : step.map((st, d) => st * strides[d]!);
  const meta = backend.scratch(dims.length * 12);
  try {
    const ints = backend.view(meta, dims.length * 3, 'int32');
    ints.set(dims, 0);
    ints.set(steps, dims.length);
    const m = dims.length;
    backend.kernels.scatterStrided(width, backend.ptr(value), out.ptr + offset * width, m, meta, meta + m * 4, meta + m * 8);
  } finally {
    backend.free(meta);
  }
  return out.info;
};
