/**
 * Reductions: all axes, one axis, negative axes, several axes, keepDims, ties, int32 and bool
 * inputs, long and empty inputs, and numerically hard logsumexp.
 */
import * as ops from '../../index.js';
import { bool, f32, i32, iota, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/** iota([2, 3, 4]) holds 0…23, so x[i, j, k] = 12i + 4j + k. */
const cube = () => iota([2, 3, 4]);
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

const sumCases: ConformanceCase[] = [
  { name: 'sum: all axes to a scalar', ops: ['sum'], run: () => ops.sum(cube()), expected: out.f32([], [276]) },
  {
    name: 'sum: axis 0',
    ops: ['sum'],
    run: () => ops.sum(cube(), 0),
    expected: out.f32(
      [3, 4],
      range(12, (i) => 12 + 2 * i),
    ),
  },
  {
    name: 'sum: axis −1 with keepDims',
    ops: ['sum'],
    run: () => ops.sum(cube(), -1, true),
    expected: out.f32([2, 3, 1], [6, 22, 38, 54, 70, 86]),
  },
  {
    name: 'sum: axes [0, 2]',
    ops: ['sum'],
    run: () => ops.sum(cube(), [0, 2]),
    expected: out.f32([3], [60, 92, 124]),
  },
  {
    name: 'sum: int32 stays int32 and exact',
    ops: ['sum'],
    run: () =>
      ops.sum(
        i32([
          [2147483, -7, 1],
          [5, 6, -100000],
        ]),
        1,
      ),
    expected: out.i32([2], [2147477, -99989]),
  },
  { name: 'sum: bool counts as int32', ops: ['sum'], run: () => ops.sum(bool([true, false, true, true])), expected: out.i32([], [3]) },
  {
    name: 'sum: 4099 seeded values',
    ops: ['sum'],
    run: () => ops.sum(normal([4099], 41)),
    tolerance: { atol: 1e-3, rtol: 1e-4 },
  },
  {
    name: 'sum: empty axes give zeros',
    ops: ['sum'],
    run: () => [ops.sum(f32([], [0, 3]), 0), ops.sum(f32([], [3, 0]), 1)],
    expected: [out.f32([3], [0, 0, 0]), out.f32([3], [0, 0, 0])],
  },
];

const meanProdCases: ConformanceCase[] = [
  {
    name: 'mean: axis 1',
    ops: ['mean'],
    run: () => ops.mean(cube(), 1),
    expected: out.f32([2, 4], [4, 5, 6, 7, 16, 17, 18, 19]),
  },
  { name: 'mean: all axes', ops: ['mean'], run: () => ops.mean(cube()), expected: out.f32([], [11.5]) },
  {
    name: 'mean: seeded 1×1000 row, keepDims',
    ops: ['mean'],
    run: () => ops.mean(uniform([1, 1000], 42), 1, true),
  },
  {
    name: 'prod: axis 1 and all axes',
    ops: ['prod'],
    run: () => {
      const x = f32([
        [1, 2, 3],
        [0.5, -2, 4],
      ]);
      return [ops.prod(x, 1), ops.prod(x)];
    },
    expected: [out.f32([2], [6, -4]), out.f32([], [-24])],
  },
  { name: 'prod: int32', ops: ['prod'], run: () => ops.prod(i32([3, -4, 5, 7]), 0), expected: out.i32([], [-420]) },
  { name: 'prod: empty axis gives ones', ops: ['prod'], run: () => ops.prod(f32([], [0, 2]), 0), expected: out.f32([2], [1, 1]) },
];

const M = [
  [1, 3, 3, -0.5],
  [-1, -1, -5, 2],
  [0, 7, -Number.POSITIVE_INFINITY, 7],
];
const extremaCases: ConformanceCase[] = [
  {
    name: 'amax, amin, max, min: axis 0, axis 1 and all axes',
    ops: ['amax', 'amin', 'max', 'min'],
    run: () => {
      const x = f32(M);
      return [ops.amax(x, 0), ops.amin(x, 0), ops.amax(x, 1), ops.amin(x, 1), ops.max(x), ops.min(x)];
    },
    expected: [
      out.f32([4], [1, 7, 3, 7]),
      out.f32([4], [-1, -1, Number.NEGATIVE_INFINITY, -0.5]),
      out.f32([3], [3, 2, 7]),
      out.f32([3], [-0.5, -5, Number.NEGATIVE_INFINITY]),
      out.f32([], [7]),
      out.f32([], [Number.NEGATIVE_INFINITY]),
    ],
  },
  {
    name: 'max, min with an axis: [values, indices], first index on ties',
    ops: ['max', 'min'],
    run: () => {
      const x = f32(M);
      return [...ops.max(x, 1), ...ops.min(x, 0)];
    },
    expected: [
      out.f32([3], [3, 2, 7]),
      out.i32([3], [1, 3, 1]),
      out.f32([4], [-1, -1, Number.NEGATIVE_INFINITY, -0.5]),
      out.i32([4], [1, 1, 2, 0]),
    ],
  },
  {
    name: 'max: keepDims over a size-1 axis',
    ops: ['max'],
    run: () => ops.max(f32([[4], [-2], [9]]), 1, true),
    expected: [out.f32([3, 1], [4, -2, 9]), out.i32([3, 1], [0, 0, 0])],
  },
  {
    name: 'max, min: int32',
    ops: ['max', 'min'],
    run: () => [...ops.max(i32([[3, -9, 2147483647]]), 1), ...ops.min(i32([[3, -9, -2147483648]]), -1)],
    expected: [out.i32([1], [2147483647]), out.i32([1], [2]), out.i32([1], [-2147483648]), out.i32([1], [2])],
  },
  {
    name: 'argmax, argmin: first index wins ties, int32 output',
    ops: ['argmax', 'argmin'],
    run: () => {
      const x = f32(M);
      return [ops.argmax(x, 1), ops.argmin(x, 1), ops.argmax(x, 0), ops.argmin(x, 0)];
    },
    expected: [out.i32([3], [1, 3, 1]), out.i32([3], [3, 2, 2]), out.i32([4], [0, 2, 0, 2]), out.i32([4], [1, 1, 2, 0])],
  },
  {
    name: 'argmax, argmin: int32 input, axis −1, keepDims',
    ops: ['argmax', 'argmin'],
    run: () => {
      const x = i32([
        [5, 9, 9],
        [-4, -8, -8],
      ]);
      return [ops.argmax(x, -1, true), ops.argmin(x, -1, true)];
    },
    expected: [out.i32([2, 1], [1, 0]), out.i32([2, 1], [0, 1])],
  },
  {
    name: 'reductions: seeded 7×5×3 over each axis',
    ops: ['sum', 'mean', 'prod', 'max', 'min', 'argmax', 'argmin'],
    run: () => {
      const x = normal([7, 5, 3], 43);
      return [0, 1, 2].flatMap((a) => [
        ops.sum(x, a),
        ops.mean(x, a),
        ops.prod(x, a),
        ...ops.max(x, a),
        ...ops.min(x, a),
        ops.amax(x, [a]),
        ops.argmax(x, a),
        ops.argmin(x, a),
      ]);
    },
  },
];

const lse = (xs: number[]) => {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};
const logsumexpCases: ConformanceCase[] = [
  {
    name: 'logsumexp: axis −1 stays finite for large inputs',
    ops: ['logsumexp'],
    run: () =>
      ops.logsumexp(
        f32([
          [1000, 1000, 999],
          [-1000, -1001, -1002],
          [0, 1, 2],
        ]),
        -1,
      ),
    expected: out.f32([3], [lse([1000, 1000, 999]), lse([-1000, -1001, -1002]), lse([0, 1, 2])]),
  },
  {
    name: 'logsumexp: axis 0 with keepDims',
    ops: ['logsumexp'],
    run: () =>
      ops.logsumexp(
        f32([
          [0, Math.log(2)],
          [0, Math.log(6)],
        ]),
        0,
        true,
      ),
    expected: out.f32([1, 2], [Math.log(2), Math.log(8)]),
  },
  {
    name: 'logsumexp: seeded 6×129',
    ops: ['logsumexp'],
    run: () => [ops.logsumexp(normal([6, 129], 44), 1), ops.logsumexp(normal([6, 129], 45))],
  },
];

/**
 * Cases for the reductions.
 * @example
 * import { reduceCases } from '@mindts/ops/testing';
 * reduceCases.length;
 */
export const reduceCases: readonly ConformanceCase[] = [...sumCases, ...meanProdCases, ...extremaCases, ...logsumexpCases];
