/**
 * The shared step of Transpose, BroadcastTo and StridedSlice: a new contiguous tensor whose
 * element (i₀, …, iₙ) is x's element at `offset + Σ iₖ·strides[k]` (strides in elements, may be
 * 0 or negative), gathered by the wasm `gatherStrided` kernel for any dtype.
 */
import type { TensorInfo } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Gathers `x` into a new tensor of `shape` by element `strides` from element `offset`.
 * @example
 * gatherStrided(backend, x, [3, 2], [1, 3], 0); // the transpose of a [2, 3] x
 */
export function gatherStrided(
  backend: WasmBackend,
  x: TensorInfo,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): TensorInfo {
  const out = backend.output(shape, x.dtype);
  if (shape.some((d) => d === 0)) return out.info;
  // A scalar is a one-element run.
  const dims = shape.length === 0 ? [1] : shape;
  const steps = shape.length === 0 ? [1] : strides;
  const rank = dims.length;
  const meta = backend.scratch(rank * 12);
  try {
    const ints = backend.view(meta, rank * 3, 'int32');
    ints.set(dims, 0);
    ints.set(steps, rank);
    const width = backend.elementBytes(x.dtype);
    backend.kernels.gatherStrided(width, backend.ptr(x) + offset * width, out.ptr, rank, meta, meta + rank * 4, meta + rank * 8);
  } finally {
    backend.free(meta);
  }
  return out.info;
}
