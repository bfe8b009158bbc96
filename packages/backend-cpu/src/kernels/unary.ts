/**
 * Elementwise functions of one tensor (the `Unary` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { BOOL_UNARY_OPS, type KernelFunc, makeValues, type UnaryOp } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { isFloatDType } from './dtypeRules.js';
import { erf, erfc } from './erf.js';
import { fastUnary } from './fastLoops.js';
import { checkDType, checkName, checkValues } from './implArgs.js';

type Fn = (x: number) => number;

const SQRT1_2 = Math.SQRT1_2;

/** Round half to even, as NumPy and MindSpore do (`round(2.5) = 2`); keeps the sign of zero. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/** The exact GELU, x·Φ(x); for x < 0 via erfc so tiny results keep their precision. */
export function gelu(x: number): number {
  if (x >= 0) return 0.5 * x * (1 + erf(x * SQRT1_2));
  if (x < -40) return -0;
  return 0.5 * x * erfc(-x * SQRT1_2);
}

/** 1 / (1 + e^(−x)) without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow: log1p(e^(−|x|)) + max(x, 0). */
export function softplus(x: number): number {
  return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
}

const sign: Fn = (x) => (x > 0 ? 1 : x < 0 ? -1 : x);
const identity: Fn = (x) => x;
const logicalNot: Fn = (x) => (x === 0 ? 1 : 0);
const isNaNOp: Fn = (x) => (Number.isNaN(x) ? 1 : 0);
const isFiniteOp: Fn = (x) => (Number.isFinite(x) ? 1 : 0);

/** Every op on float inputs, computed in float64. */
const FLOAT_OPS: Record<UnaryOp, Fn> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  sigmoid,
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  gelu,
  softplus,
  erf,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  logicalNot,
  isNaN: isNaNOp,
  isFinite: isFiniteOp,
};

/** Ops defined on integers (others need a float input); squares wrap at 32 bits. */
function intOps(dtype: DType): Partial<Record<UnaryOp, Fn>> {
  return {
    neg: (x) => -x,
    abs: Math.abs,
    sign,
    square: dtype === 'int64' ? (x) => x * x : (x) => Math.imul(x, x),
    relu: (x) => Math.max(x, 0),
    floor: identity,
    ceil: identity,
    round: identity,
    logicalNot,
    isNaN: () => 0,
    isFinite: () => 1,
  };
}

/** On bool, the ops that map {0, 1} into itself. */
const BOOL_OPS: Partial<Record<UnaryOp, Fn>> = {
  abs: identity,
  sign: identity,
  square: identity,
  relu: identity,
  floor: identity,
  ceil: identity,
  round: identity,
  logicalNot,
  isNaN: () => 0,
  isFinite: () => 1,
};

/**
 * The scalar function `op` applies to elements of `dtype`; throws for an unknown op or one the
 * dtype does not support (e.g. `exp` of int32: the ops layer casts to float first).
 * @example
 * unaryFunction('sigmoid', 'float32')(0); // 0.5
 */
export function unaryFunction(op: UnaryOp, dtype: DType): Fn {
  if (!Object.hasOwn(FLOAT_OPS, op)) {
    throw new TypeError(`Unary: unknown op ${JSON.stringify(op)}; expected one of ${Object.keys(FLOAT_OPS).join(', ')}.`);
  }
  if (isFloatDType(dtype)) return FLOAT_OPS[op];
  const fn = dtype === 'bool' ? BOOL_OPS[op] : intOps(dtype)[op];
  if (!fn) {
    const expected = dtype === 'bool' ? 'a number dtype' : 'a float dtype (float16, float32 or float64)';
    throw new TypeError(`Unary '${op}' needs ${expected}, but got ${dtype}; cast the input first.`);
  }
  return fn;
}

/**
 * Applies `op` to every element of `values` (compute form of `dtype`); the result is bool for
 * logicalNot/isNaN/isFinite and `dtype` otherwise. Writes into `into` when given.
 * @example
 * unaryImpl('relu', new Float32Array([-1, 2]), 'float32'); // Float32Array [0, 2]
 */
export function unaryImpl(op: UnaryOp, values: Values, dtype: DType, into?: Values): Values {
  checkName('unaryImpl', 'op', op);
  checkValues('unaryImpl', 'values', values);
  checkDType('unaryImpl', dtype);
  if (into !== undefined) checkValues('unaryImpl', 'into', into);
  const fn = unaryFunction(op, dtype);
  const out = into ?? makeValues(BOOL_UNARY_OPS.has(op) ? 'bool' : dtype, values.length);
  if (fastUnary(op, dtype, values, out)) return out;
  for (let i = 0; i < values.length; i++) out[i] = fn(values[i]!);
  return out;
}

/**
 * CPU kernel of `Unary`.
 * @example
 * runKernel('Unary', [x], { op: 'gelu' });
 */
export const unary: KernelFunc<'Unary', CpuBackend> = (backend, [x], { op }) => {
  const dtype = BOOL_UNARY_OPS.has(op) ? 'bool' : x.dtype;
  const values = backend.values(x);
  return backend.output(unaryImpl(op, values, x.dtype, backend.reuse(dtype, values.length)), x.shape, dtype);
};
