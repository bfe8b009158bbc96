/**
 * Hand-written loops for the hottest elementwise ops on float arrays. A loop that calls a
 * per-op closure (`out[i] = fn(a[i])`) sees a different closure on every call site use and goes
 * megamorphic in V8; each loop here has its op inline, so it stays monomorphic and vectorisable.
 * Every loop computes exactly what the generic path computes (see the tests).
 */
import { type DType, isFloat, type Values } from '@mindts/tensor';
import type { BinaryOp, UnaryOp } from '@mindts/tensor/backend';

type Arr = Float32Array | Float64Array;
type UnaryLoop = (x: Arr, out: Arr) => void;
type BinaryLoop = (a: Arr, b: Arr, out: Arr) => void;

const UNARY: Partial<Record<UnaryOp, UnaryLoop>> = {
  relu: (x, out) => {
    if (x instanceof Float32Array && out instanceof Float32Array) return reluFloat32(x, out);
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      out[i] = v > 0 || Number.isNaN(v) ? v : 0;
    }
  },
  neg: (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = -(x[i] as number);
  },
  abs: (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i] as number);
  },
  square: (x, out) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      out[i] = v * v;
    }
  },
  exp: (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i] as number);
  },
  sqrt: (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i] as number);
  },
  tanh: (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i] as number);
  },
};

/**
 * relu on float32 bit patterns, branch-free: a set sign bit clears the value (−x → +0) unless
 * the value is NaN, which passes through, exactly like `v > 0 || v !== v ? v : 0`.
 */
function reluFloat32(x: Float32Array, out: Float32Array): void {
  const xi = new Int32Array(x.buffer, x.byteOffset, x.length);
  const oi = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < xi.length; i++) {
    const v = xi[i] as number;
    const nan = (0x7f800000 - (v & 0x7fffffff)) >> 31; // −1 for NaN, else 0
    oi[i] = v & (~(v >> 31) | nan);
  }
}

/** Same-shape loops, unrolled by four: out[i] = a[i] op b[i]. */
const SAME: Partial<Record<BinaryOp, BinaryLoop>> = {
  add: (a, b, out) => {
    const n = out.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      out[i] = (a[i] as number) + (b[i] as number);
      out[i + 1] = (a[i + 1] as number) + (b[i + 1] as number);
      out[i + 2] = (a[i + 2] as number) + (b[i + 2] as number);
      out[i + 3] = (a[i + 3] as number) + (b[i + 3] as number);
    }
    for (; i < n; i++) out[i] = (a[i] as number) + (b[i] as number);
  },
  sub: (a, b, out) => {
    const n = out.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      out[i] = (a[i] as number) - (b[i] as number);
      out[i + 1] = (a[i + 1] as number) - (b[i + 1] as number);
      out[i + 2] = (a[i + 2] as number) - (b[i + 2] as number);
      out[i + 3] = (a[i + 3] as number) - (b[i + 3] as number);
    }
    for (; i < n; i++) out[i] = (a[i] as number) - (b[i] as number);
  },
  mul: (a, b, out) => {
    const n = out.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      out[i] = (a[i] as number) * (b[i] as number);
      out[i + 1] = (a[i + 1] as number) * (b[i + 1] as number);
      out[i + 2] = (a[i + 2] as number) * (b[i + 2] as number);
      out[i + 3] = (a[i + 3] as number) * (b[i + 3] as number);
    }
    for (; i < n; i++) out[i] = (a[i] as number) * (b[i] as number);
  },
  div: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) / (b[i] as number);
  },
};

/** Tensor-with-scalar loops: out[i] = a[i] op s (or s op a[i] when `swap`). */
const SCALAR: Partial<Record<BinaryOp, (a: Arr, s: number, out: Arr, swap: boolean) => void>> = {
  add: (a, s, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) + s;
  },
  sub: (a, s, out, swap) => {
    if (swap) for (let i = 0; i < out.length; i++) out[i] = s - (a[i] as number);
    else for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) - s;
  },
  mul: (a, s, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) * s;
  },
  div: (a, s, out, swap) => {
    if (swap) for (let i = 0; i < out.length; i++) out[i] = s / (a[i] as number);
    else for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) / s;
  },
};

/** int64 also lives in a Float64Array but has integer semantics, so the dtype decides. */
const isFloatArray = (v: Values): v is Arr => v instanceof Float32Array || v instanceof Float64Array;

/**
 * Runs `op` with a hand-written loop when one exists for this float dtype; returns false
 * (leaving `out` untouched) otherwise.
 * @example
 * fastUnary('relu', 'float32', x, out) || genericLoop();
 */
export function fastUnary(op: UnaryOp, dtype: DType, x: Values, out: Values): boolean {
  const loop = UNARY[op];
  if (!loop || !isFloat(dtype) || !isFloatArray(x) || !isFloatArray(out)) return false;
  loop(x, out);
  return true;
}

/**
 * Runs a float binary `op` on same-size operands, or one operand of size 1, with a hand-written
 * loop; returns false when there is none.
 * @example
 * fastBinary('add', 'float32', a, b, out) || genericLoop();
 */
export function fastBinary(op: BinaryOp, dtype: DType, a: Values, b: Values, out: Values): boolean {
  if (!isFloat(dtype) || !isFloatArray(a) || !isFloatArray(b) || !isFloatArray(out)) return false;
  if (a.length === out.length && b.length === out.length) {
    const loop = SAME[op];
    if (!loop) return false;
    loop(a, b, out);
    return true;
  }
  const loop = SCALAR[op];
  if (!loop) return false;
  if (a.length === out.length && b.length === 1) loop(a, b[0] as number, out, false);
  else if (b.length === out.length && a.length === 1) loop(b, a[0] as number, out, true);
  else return false;
  return true;
}
