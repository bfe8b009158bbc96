/**
 * Elementwise functions of one tensor: float32 formulas, int32 paths, extreme inputs, empty tensors.
 */
import type { Tensor } from '@mindts/tensor';
import * as ops from '../../index.js';
import { f32, i32, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { gelu, out, sigmoid, softplus } from './expected.js';

type Unary = (x: Tensor) => Tensor;

/** Seven values (not a multiple of 4) spanning negatives, zero and positives. */
const MIXED = [-2.5, -1, -0.3, 0, 0.4, 1, 3.7];
/** Positive values for log, sqrt and rsqrt. */
const POSITIVE = [0.01, 0.5, 1, 2, 9, 100, 12345.5];
/** Magnitudes where naive formulas overflow or lose everything. */
const EXTREME = [-100, -30, -10, 10, 30, 100];

const FLOAT_OPS: Record<string, [op: Unary, formula: (x: number) => number, domain: readonly number[]]> = {
  neg: [ops.neg, (x) => -x, MIXED],
  abs: [ops.abs, Math.abs, MIXED],
  exp: [ops.exp, Math.exp, MIXED],
  log: [ops.log, Math.log, POSITIVE],
  sqrt: [ops.sqrt, Math.sqrt, POSITIVE],
  rsqrt: [ops.rsqrt, (x) => 1 / Math.sqrt(x), POSITIVE],
  square: [ops.square, (x) => x * x, MIXED],
  sin: [ops.sin, Math.sin, MIXED],
  cos: [ops.cos, Math.cos, MIXED],
  tanh: [ops.tanh, Math.tanh, MIXED],
  sigmoid: [ops.sigmoid, sigmoid, MIXED],
  relu: [ops.relu, (x) => Math.max(x, 0), MIXED],
  gelu: [ops.gelu, gelu, MIXED],
  softplus: [ops.softplus, softplus, MIXED],
};

const formulaCases: ConformanceCase[] = Object.entries(FLOAT_OPS).map(([name, [op, formula, domain]]) => ({
  name: `${name}: float32 formula on ${domain.length} values`,
  ops: [name],
  run: () => op(f32(domain)),
  expected: out.f32([domain.length], domain.map(formula)),
}));

const STABLE: Record<string, [Unary, (x: number) => number]> = {
  sigmoid: [ops.sigmoid, sigmoid],
  softplus: [ops.softplus, softplus],
  tanh: [ops.tanh, Math.tanh],
  gelu: [ops.gelu, gelu],
  relu: [ops.relu, (x) => Math.max(x, 0)],
};

const extremeCases: ConformanceCase[] = Object.entries(STABLE).map(([name, [op, formula]]) => ({
  name: `${name}: finite and saturating at |x| up to 100`,
  ops: [name],
  run: () => op(f32(EXTREME)),
  expected: out.f32([EXTREME.length], EXTREME.map(formula)),
  tolerance: { atol: 1e-6, rtol: 1e-5 },
}));

/** The integer ops keep int32 and are exact. */
const INTS = [-7, -1, 0, 2, 5, 46340];
const intCases: ConformanceCase[] = [
  { name: 'neg: int32', ops: ['neg'], run: () => ops.neg(i32(INTS)), expected: out.i32([6], [7, 1, 0, -2, -5, -46340]) },
  { name: 'abs: int32', ops: ['abs'], run: () => ops.abs(i32(INTS)), expected: out.i32([6], [7, 1, 0, 2, 5, 46340]) },
  {
    name: 'square: int32, up to 46340² without overflow',
    ops: ['square'],
    run: () => ops.square(i32(INTS)),
    expected: out.i32([6], [49, 1, 0, 4, 25, 2147395600]),
  },
  { name: 'relu: int32', ops: ['relu'], run: () => ops.relu(i32(INTS)), expected: out.i32([6], [0, 0, 0, 2, 5, 46340]) },
];

/** Every float op on one seeded, odd-sized 2-D tensor; no expectation, the oracle decides. */
const seededCases: ConformanceCase[] = [
  {
    name: 'unary: every float op on a seeded 13×17 tensor',
    ops: Object.keys(FLOAT_OPS),
    run: () => {
      const x = normal([13, 17], 11);
      const p = uniform([13, 17], 12, 0.05, 20);
      return Object.values(FLOAT_OPS).map(([op, , domain]) => op(domain === POSITIVE ? p : x));
    },
  },
  {
    name: 'unary: 1×N row of 1025 values',
    ops: ['exp', 'tanh', 'relu'],
    run: () => {
      const x = uniform([1, 1025], 13, -4, 4);
      return [ops.exp(x), ops.tanh(x), ops.relu(x)];
    },
  },
  {
    name: 'unary: empty [0, 3] tensors keep their shape',
    ops: ['relu', 'exp', 'neg'],
    run: () => [ops.relu(f32([], [0, 3])), ops.exp(f32([], [0, 3])), ops.neg(i32([], [0, 3]))],
    expected: [out.f32([0, 3], []), out.f32([0, 3], []), out.i32([0, 3], [])],
  },
  {
    name: 'unary: a scalar keeps shape []',
    ops: ['exp', 'abs'],
    run: () => [ops.exp(f32(1)), ops.abs(i32(-3))],
    expected: [out.f32([], [Math.E]), out.i32([], [3])],
  },
];

/**
 * Cases for the unary elementwise ops.
 * @example
 * import { unaryCases } from '@mindts/ops/testing';
 * unaryCases.map((c) => c.name);
 */
export const unaryCases: readonly ConformanceCase[] = [...formulaCases, ...extremeCases, ...intCases, ...seededCases];
