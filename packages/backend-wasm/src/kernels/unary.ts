/**
 * `Unary` on the wasm backend as SIMD loops: the float32 ops that are exact in single
 * precision, float32 exp/log/tanh/sigmoid/rsqrt to about 1 ulp (Cephes polynomials), float32
 * erf and the exact gelu to a few 1e-7 relative (assembly/erf.ts), float32
 * isNaN/isFinite and bool logicalNot, and int32 neg/abs/square/relu/sign. The other transcendental
 * functions fall back to the CPU backend.
 */
import type { KernelFunc, UnaryOp } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/** float32 op codes of `unaryF32`. */
export const UNARY_F32: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 1,
  sqrt: 2,
  square: 3,
  relu: 4,
  reciprocal: 5,
  floor: 6,
  ceil: 7,
  round: 8,
  sign: 9,
  exp: 10,
  log: 11,
  tanh: 12,
  sigmoid: 13,
  rsqrt: 14,
};
/** int32 op codes of `unaryI32`. */
export const UNARY_I32: Partial<Record<UnaryOp, number>> = { neg: 0, abs: 1, square: 3, relu: 4, sign: 9 };
/** float32 op codes of `erfF32` (assembly/erf.ts): erf and the exact gelu, within a few 1e-7 relative of the float64 oracle. */
export const UNARY_ERF: Partial<Record<UnaryOp, number>> = { erf: 0, gelu: 1 };
/** Float32 tests producing bool bytes (codes of the wasm `maskOf32`). */
export const UNARY_MASKS: Partial<Record<UnaryOp, number>> = { isNaN: 0, isFinite: 1 };

/**
 * Wasm kernel of `Unary`.
 * @example
 * runKernel('Unary', [x], { op: 'relu' });
 */
export const unary: KernelFunc<'Unary', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const n = x.shape.reduce((p, d) => p * d, 1);
  const mask = x.dtype === 'float32' ? UNARY_MASKS[attrs.op] : undefined;
  if (mask !== undefined || (x.dtype === 'bool' && attrs.op === 'logicalNot')) {
    const out = backend.output(x.shape, 'bool');
    if (n === 0) return out.info;
    if (mask !== undefined) backend.kernels.maskOf32(mask, backend.ptr(x), out.ptr, n);
    else backend.kernels.notU8(backend.ptr(x), out.ptr, n);
    return out.info;
  }
  const erfCode = x.dtype === 'float32' ? UNARY_ERF[attrs.op] : undefined;
  if (erfCode !== undefined) {
    const out = backend.output(x.shape, x.dtype);
    if (n > 0) backend.kernels.erfF32(erfCode, backend.ptr(x), out.ptr, n);
    return out.info;
  }
  const code = x.dtype === 'float32' ? UNARY_F32[attrs.op] : x.dtype === 'int32' ? UNARY_I32[attrs.op] : undefined;
  if (code === undefined) return backend.fallback('Unary', inputs, attrs, `Unary '${attrs.op}' on ${x.dtype} has no wasm kernel yet`);
  const out = backend.output(x.shape, x.dtype);
  if (n > 0) (x.dtype === 'float32' ? backend.kernels.unaryF32 : backend.kernels.unaryI32)(code, backend.ptr(x), out.ptr, n);
  return out.info;
};
