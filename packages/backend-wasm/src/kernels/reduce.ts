/**
 * `Reduce` on the wasm backend, over a run of consecutive axes (the usual cases: trailing axes,
 * leading axes, one axis) as SIMD loops: float32 sum, max, min and (one axis) argmax/argmin;
 * int32 sum (wrapping), max and min; bool any and all. Other ops and dtypes, and scattered axes,
 * fall back to the CPU backend.
 */
import type { DType } from '@mindts/tensor';
import type { KernelFunc, ReduceOp } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/** The wasm op code of each (dtype, op) this kernel runs; arg ops are codes 3 and 4. */
const OPS: Partial<Record<DType, Partial<Record<ReduceOp, number>>>> = {
  float32: { sum: 0, max: 1, min: 2, argmax: 3, argmin: 4 },
  int32: { sum: 0, max: 1, min: 2 },
  bool: { any: 0, all: 1 },
};

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * Wasm kernel of `Reduce`.
 * @example
 * runKernel('Reduce', [x], { op: 'sum', axes: [1] });
 */
export const reduce: KernelFunc<'Reduce', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { op, axes } = attrs;
  const code = OPS[x.dtype]?.[op];
  if (code === undefined) return backend.fallback('Reduce', inputs, attrs, `Reduce '${op}' on ${x.dtype} has no wasm kernel yet`);
  const valid =
    axes.length > 0 && axes.every((a, i) => Number.isInteger(a) && a >= 0 && a < x.shape.length && (i === 0 || a === axes[i - 1]! + 1));
  if (!valid) return backend.fallback('Reduce', inputs, attrs, 'Reduce over axes that are not one consecutive run');
  const arg = x.dtype === 'float32' && code >= 3;
  if (arg && axes.length !== 1) return backend.fallback('Reduce', inputs, attrs, `Reduce '${op}' over several axes`);
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  const outer = product(x.shape.slice(0, first));
  const red = product(x.shape.slice(first, last + 1));
  const inner = product(x.shape.slice(last + 1));
  // max/min/argmax/argmin of nothing is the reference's error (or its identity); let it decide.
  if (red === 0 && x.dtype !== 'bool' && code !== 0) return backend.fallback('Reduce', inputs, attrs, `Reduce '${op}' over an empty axis`);
  const shape = x.shape.filter((_, i) => i < first || i > last);
  const out = backend.output(shape, arg ? 'int32' : x.dtype);
  if (outer * inner === 0) return out.info;
  const k = backend.kernels;
  if (x.dtype === 'int32') {
    k.reduceI32(code, backend.ptr(x), out.ptr, outer, red, inner);
    return out.info;
  }
  if (x.dtype === 'bool') {
    k.reduceU8(code, backend.ptr(x), out.ptr, outer, red, inner);
    return out.info;
  }
  const acc = (code === 0 || arg) && inner > 1 ? backend.scratch(inner * 8) : 0;
  try {
    if (arg) k.argReduceF32(code === 3 ? 1 : 0, backend.ptr(x), out.ptr, outer, red, inner, acc);
    else k.reduceF32(code, backend.ptr(x), out.ptr, outer, red, inner, acc);
  } finally {
    if (acc) backend.free(acc);
  }
  return out.info;
};
