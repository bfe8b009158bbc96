/**
 * What the ops above do not reach: the remaining Unary, Binary and Reduce variants through
 * their ops, IEEE special values, strided indexing (negative steps, `StridedSlice`; writes, `SliceUpdate`),
 * `ScatterAdd` and `Random` at a nonzero stream offset through the kernels directly.
 */
import { slice, type Tensor } from '@mindts/tensor';
import { randomValue, runKernel } from '@mindts/tensor/backend';
import * as ops from '../../index.js';
import { bool, f32, i32, iota, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { erf, gelu, out, roundHalfEven } from './expected.js';

const X = [-2.5, -1.5, -0.5, -0.3, 0, 0.5, 1.5, 2.5, 2.7];
const P = [0.01, 0.5, 1, 3, 100];
const formula = (name: string, op: (x: Tensor) => Tensor, xs: number[], fn: (x: number) => number): ConformanceCase => ({
  name: `${name}: float32 formula`,
  ops: [name],
  run: () => op(f32(xs)),
  expected: out.f32([xs.length], xs.map(fn)),
});

const unaryCases: ConformanceCase[] = [
  formula('sign', ops.sign, X, Math.sign),
  formula('floor', ops.floor, X, Math.floor),
  formula('ceil', ops.ceil, X, Math.ceil),
  formula('round', ops.round, X, roundHalfEven),
  formula('expm1', ops.expm1, [-1, -1e-6, 0, 1e-6, 2], Math.expm1),
  formula('log1p', ops.log1p, [-0.5, -1e-6, 0, 1e-6, 3], Math.log1p),
  formula('reciprocal', ops.reciprocal, [-4, -0.5, 0.25, 3, 1000], (x) => 1 / x),
  formula('tan', ops.tan, [-1.2, -0.3, 0, 0.7, 1.4], Math.tan),
  formula('erf', ops.erf, [-3, -1, -0.2, 0, 0.5, 2, 4], erf),
  {
    name: "gelu: approximate 'tanh'",
    ops: ['gelu'],
    run: () => ops.gelu(f32(X), { approximate: 'tanh' }),
    expected: out.f32(
      [X.length],
      X.map((x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))),
    ),
  },
  {
    name: 'isNaN, isFinite: NaN and ±∞',
    ops: ['isNaN', 'isFinite'],
    run: () => {
      const x = f32([0, Number.NaN, Number.POSITIVE_INFINITY, -1, Number.NEGATIVE_INFINITY]);
      return [ops.isNaN(x), ops.isFinite(x), ops.isFinite(i32([3]))];
    },
    expected: [out.bool([5], [0, 1, 0, 0, 0]), out.bool([5], [1, 0, 0, 1, 0]), out.bool([1], [1])],
  },
  {
    name: 'sign, floor, round: int32 is unchanged or exact',
    ops: ['sign', 'floor', 'round'],
    run: () => [ops.sign(i32([-5, 0, 7])), ops.floor(i32([-5, 0, 7])), ops.round(i32([-5, 0, 7]))],
    expected: [out.i32([3], [-1, 0, 1]), out.i32([3], [-5, 0, 7]), out.i32([3], [-5, 0, 7])],
  },
  {
    name: 'unary extras: seeded 11×6',
    ops: ['sign', 'floor', 'ceil', 'round', 'expm1', 'log1p', 'reciprocal', 'tan', 'erf'],
    run: () => {
      const x = normal([11, 6], 141);
      const p = uniform([11, 6], 142, 0.1, 5);
      return [
        ops.sign(x),
        ops.floor(x),
        ops.ceil(x),
        ops.round(ops.mul(x, 3)),
        ops.expm1(x),
        ops.log1p(p),
        ops.reciprocal(p),
        ops.tan(x),
        ops.erf(x),
      ];
    },
  },
  {
    name: 'erf, gelu: tails',
    ops: ['erf', 'gelu'],
    run: () => [ops.erf(f32(P)), ops.gelu(f32(P.map((p) => -p)))],
    expected: [
      out.f32([5], P.map(erf)),
      out.f32(
        [5],
        P.map((p) => gelu(-p)),
      ),
    ],
    tolerance: { atol: 1e-7, rtol: 1e-4 },
  },
];

const binaryCases: ConformanceCase[] = [
  {
    name: 'atan2: all four quadrants and the axes',
    ops: ['atan2'],
    run: () => ops.atan2(f32([1, 1, -1, -1, 0, 2]), f32([1, -1, -1, 1, -3, 0])),
    expected: out.f32([6], [Math.PI / 4, (3 * Math.PI) / 4, (-3 * Math.PI) / 4, -Math.PI / 4, Math.PI, Math.PI / 2]),
  },
  {
    name: 'any, all: over an axis and everything',
    ops: ['any', 'all'],
    run: () => {
      const b = bool([
        [true, false, false],
        [true, true, true],
      ]);
      return [ops.any(b, 1), ops.all(b, 1), ops.any(b, 0), ops.all(b), ops.any(f32([0, 0, 2]))];
    },
    expected: [out.bool([2], [1, 1]), out.bool([2], [0, 1]), out.bool([3], [1, 1, 1]), out.bool([], [0]), out.bool([], [1])],
  },
];

/** IEEE special values, where GPU shading languages and SIMD min/max instructions often differ. */
const specialCases: ConformanceCase[] = [
  {
    name: 'maximum, minimum: NaN wins',
    ops: ['maximum', 'minimum'],
    run: () => [ops.maximum(f32([Number.NaN, 1, 2]), f32([1, Number.NaN, 1])), ops.minimum(f32([Number.NaN, 1]), 0)],
    expected: [out.f32([3], [Number.NaN, Number.NaN, 2]), out.f32([2], [Number.NaN, 0])],
  },
  {
    name: 'max, argmax, relu: NaN propagates, argmax points at it',
    ops: ['max', 'argmax', 'relu'],
    run: () => {
      const x = f32([1, Number.NaN, 3, Number.NaN]);
      return [ops.max(x), ops.argmax(x, 0), ops.relu(x)];
    },
    expected: [out.f32([], [Number.NaN]), out.i32([], [1]), out.f32([4], [1, Number.NaN, 3, Number.NaN])],
  },
  {
    name: 'logsumexp, sigmoid: infinite and huge inputs',
    ops: ['logsumexp', 'sigmoid'],
    run: () => [
      ops.logsumexp(
        f32([
          [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
          [Number.POSITIVE_INFINITY, 1],
        ]),
        1,
      ),
      ops.sigmoid(f32([-800, 800, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])),
    ],
    expected: [out.f32([2], [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]), out.f32([4], [0, 1, 0, 1])],
  },
  {
    name: 'maxPool2d: int32 padding never wins over negative values',
    ops: ['maxPool2d'],
    run: () => ops.maxPool2d(i32(new Array(9).fill(-5), [1, 1, 3, 3]), 3, { stride: 1, padding: 1 }),
    expected: out.i32([1, 1, 3, 3], new Array(9).fill(-5)),
  },
];

const kernelCases: ConformanceCase[] = [
  {
    name: 'getItem: negative steps and a new axis (StridedSlice)',
    ops: ['StridedSlice'],
    run: () => {
      const x = iota([3, 4]);
      return [x.getItem([slice(null, null, -1), slice(1, null, 2)]), x.getItem([1, slice(null, null, -2)]), x.getItem([null, 2])];
    },
    expected: [out.f32([3, 2], [9, 11, 5, 7, 1, 3]), out.f32([2], [7, 5]), out.f32([1, 4], [8, 9, 10, 11])],
  },
  {
    name: 'setItem: writes a broadcast value into a strided region (SliceUpdate)',
    ops: ['SliceUpdate'],
    run: () => {
      const x = iota([3, 4]);
      x.setItem([slice(null, null, 2), slice(1, 3)], f32([-1, -2]));
      const y = i32([1, 2, 3, 4, 5]);
      y.setItem(slice(null, null, -2), 0);
      return [x, y];
    },
    expected: [out.f32([3, 4], [0, -1, -2, 3, 4, 5, 6, 7, 8, -1, -2, 11]), out.i32([5], [0, 2, 0, 4, 0])],
  },
  {
    name: 'ScatterAdd: repeated indices accumulate',
    ops: ['ScatterAdd'],
    run: () => [
      runKernel('ScatterAdd', [iota([4, 2]), i32([3, 0, 3]), f32([1, 1, 10, 10, 100, 100], [3, 2])], { axis: 0 }),
      runKernel('ScatterAdd', [i32([0, 0, 0], [1, 3]), i32([[2, 2]]), i32([[5, 7]], [1, 1, 2])], { axis: 1 }),
    ],
    expected: [out.f32([4, 2], [10, 11, 2, 3, 4, 5, 107, 108]), out.i32([1, 3], [0, 0, 12])],
  },
  {
    name: 'ScatterAdd: seeded embedding gradient [20, 5]',
    ops: ['ScatterAdd'],
    run: () => runKernel('ScatterAdd', [normal([20, 5], 143), i32([3, 19, 0, 3, 7, 7, 7]), normal([7, 5], 144)], { axis: 0 }),
  },
  {
    name: 'Random: a nonzero stream offset',
    ops: ['Random'],
    run: () => [
      runKernel('Random', [], { shape: [2, 3], dtype: 'float32', distribution: 'uniform', seed: 145, offset: 1000, a: 0, b: 1 }),
      runKernel('Random', [], { shape: [4], dtype: 'float32', distribution: 'normal', seed: 146, offset: 77, a: 0, b: 1 }),
    ],
    expected: [
      out.f32(
        [2, 3],
        Array.from({ length: 6 }, (_, i) => randomValue('uniform', 145, 1000, i, 0, 1)),
      ),
      out.f32(
        [4],
        Array.from({ length: 4 }, (_, i) => randomValue('normal', 146, 77, i, 0, 1)),
      ),
    ],
  },
];

/**
 * Cases for the ops and kernels the other families do not reach.
 * @example
 * import { extraCases } from '@mindts/ops/testing';
 * extraCases.map((c) => c.ops);
 */
export const extraCases: readonly ConformanceCase[] = [...unaryCases, ...binaryCases, ...specialCases, ...kernelCases];
