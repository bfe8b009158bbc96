/**
 * `Where` on the wasm backend: bool condition selecting float32 or int32 values, one SIMD
 * bit-select per four elements, with the same broadcasting as `Binary` (any pattern). Other
 * dtypes fall back to the CPU backend.
 */
import { broadcastShapes, type KernelFunc, sizeOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { BLOCK_KIND, planBlocks, runBlocks } from './broadcastBlocks.js';
import { type InputWalk, planBroadcast } from './broadcastPlan.js';

/**
 * Wasm kernel of `Where`.
 * @example
 * runKernel('Where', [cond, a, b], {});
 */
export const where: KernelFunc<'Where', WasmBackend> = (backend, inputs, attrs) => {
  const [c, a, b] = inputs;
  if (c.dtype !== 'bool' || a.dtype !== b.dtype || (a.dtype !== 'float32' && a.dtype !== 'int32')) {
    return backend.fallback('Where', inputs, attrs, `Where of ${a.dtype} has no wasm kernel yet`);
  }
  const shape = broadcastShapes(broadcastShapes(c.shape, a.shape), b.shape);
  const plan = planBroadcast([c.shape, a.shape, b.shape], shape);
  const out = backend.output(shape, a.dtype);
  if (sizeOf(shape) === 0) return out.info;
  if (!plan) {
    runBlocks(backend, BLOCK_KIND.where32, 0, inputs, planBlocks([c.shape, a.shape, b.shape], shape), out.ptr);
    return out.info;
  }
  const [wc, wa, wb] = plan.walks as [InputWalk, InputWalk, InputWalk];
  backend.kernels.where32(
    backend.ptr(c),
    wc.rowStride,
    wc.vec,
    backend.ptr(a),
    wa.rowStride,
    wa.vec,
    backend.ptr(b),
    wb.rowStride,
    wb.vec,
    out.ptr,
    plan.rows,
    plan.inner,
  );
  return out.info;
};
