/**
 * `Binary` on the wasm backend: float32 and int32 arithmetic and comparisons, and bool logic,
 * run as SIMD row loops (any broadcast: those without one rows × inner plan run blocked, see
 * broadcastBlocks.ts); other ops and dtypes fall back to the CPU backend.
 */
import { type BinaryOp, broadcastShapes, type KernelFunc, sizeOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { BLOCK_KIND, planBlocks, runBlocks } from './broadcastBlocks.js';
import { type InputWalk, planBroadcast } from './broadcastPlan.js';

/** float32 op codes of `binaryF32`. */
export const BINARY_F32: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 };
/** int32 op codes of `binaryI32`. */
export const BINARY_I32: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, maximum: 4, minimum: 5 };
// On 0/1 bytes: add and maximum are OR, mul and minimum are AND (the CPU backend's bool rules).
export const COMPARE: Partial<Record<BinaryOp, number>> = { equal: 0, notEqual: 1, less: 2, lessEqual: 3, greater: 4, greaterEqual: 5 };
/** bool op codes of `binaryU8`. */
export const BINARY_U8: Partial<Record<BinaryOp, number>> = {
  logicalAnd: 0,
  mul: 0,
  minimum: 0,
  logicalOr: 1,
  add: 1,
  maximum: 1,
  logicalXor: 2,
};

/**
 * Wasm kernel of `Binary`.
 * @example
 * runKernel('Binary', [a, b], { op: 'add' });
 */
export const binary: KernelFunc<'Binary', WasmBackend> = (backend, inputs, attrs) => {
  const [a, b] = inputs;
  const { op } = attrs;
  const compare = (a.dtype === 'float32' || a.dtype === 'int32') && COMPARE[op] !== undefined;
  const table = compare
    ? COMPARE
    : a.dtype === 'float32'
      ? BINARY_F32
      : a.dtype === 'int32'
        ? BINARY_I32
        : a.dtype === 'bool'
          ? BINARY_U8
          : undefined;
  const code = a.dtype === b.dtype ? table?.[op] : undefined;
  if (code === undefined) {
    const what = a.dtype === b.dtype ? a.dtype : `${a.dtype} and ${b.dtype}`;
    return backend.fallback('Binary', inputs, attrs, `Binary '${op}' on ${what} has no wasm kernel yet`);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  const plan = planBroadcast([a.shape, b.shape], shape);
  const out = backend.output(shape, compare ? 'bool' : a.dtype);
  if (sizeOf(shape) === 0) return out.info;
  if (!plan) {
    const K = BLOCK_KIND;
    const int = a.dtype === 'int32';
    const kind = compare ? (int ? K.compareI32 : K.compareF32) : a.dtype === 'float32' ? K.binaryF32 : int ? K.binaryI32 : K.binaryU8;
    runBlocks(backend, kind, code, inputs, planBlocks([a.shape, b.shape], shape), out.ptr);
    return out.info;
  }
  const [wa, wb] = plan.walks as [InputWalk, InputWalk];
  const [pa, pb] = [backend.ptr(a), backend.ptr(b)];
  const k = backend.kernels;
  if (compare) {
    k.compare32(a.dtype === 'int32' ? 1 : 0, code, pa, wa.rowStride, wa.vec, pb, wb.rowStride, wb.vec, out.ptr, plan.rows, plan.inner);
    return out.info;
  }
  const run = a.dtype === 'float32' ? k.binaryF32 : a.dtype === 'int32' ? k.binaryI32 : k.binaryU8;
  run(code, pa, wa.rowStride, wa.vec, pb, wb.rowStride, wb.vec, out.ptr, plan.rows, plan.inner);
  return out.info;
};
