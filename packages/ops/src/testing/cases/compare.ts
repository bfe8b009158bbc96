/**
 * Comparisons, logical ops, `where` and `clip`: bool outputs, ties, broadcasting, int32 and bool inputs.
 */
import type { Tensor } from '@mindts/tensor';
import * as ops from '../../index.js';
import { bool, f32, i32, normal, randBool, randInt, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

type Compare = (a: Tensor, b: Tensor) => Tensor;

const X = [1, -2, 3.5, 0, 5];
const Y = [1, 2, 3, -0, 6];
const COMPARISONS: Record<string, [Compare, (a: number, b: number) => boolean]> = {
  equal: [ops.equal, (a, b) => a === b],
  notEqual: [ops.notEqual, (a, b) => a !== b],
  less: [ops.less, (a, b) => a < b],
  lessEqual: [ops.lessEqual, (a, b) => a <= b],
  greater: [ops.greater, (a, b) => a > b],
  greaterEqual: [ops.greaterEqual, (a, b) => a >= b],
};

const comparisonCases: ConformanceCase[] = Object.entries(COMPARISONS).flatMap(([name, [op, rule]]): ConformanceCase[] => [
  {
    name: `${name}: float32 with ties and −0`,
    ops: [name],
    run: () => op(f32(X), f32(Y)),
    expected: out.bool(
      [5],
      X.map((x, i) => rule(x, Y[i] as number)),
    ),
  },
  {
    name: `${name}: int32 broadcast [2, 1] against [3]`,
    ops: [name],
    run: () => op(i32([[0], [2]]), i32([0, 1, 2])),
    expected: out.bool(
      [2, 3],
      [0, 2].flatMap((a) => [0, 1, 2].map((b) => rule(a, b))),
    ),
  },
]);

const comparisonExtras: ConformanceCase[] = [
  {
    name: 'comparisons: seeded float32 [6, 7] against a [7] row and a number',
    ops: Object.keys(COMPARISONS),
    run: () => {
      const a = f32(
        Array.from({ length: 42 }, (_, i) => (i % 5) - 2),
        [6, 7],
      );
      const b = f32([-2, -1, 0, 1, 2, 0, -1]);
      return [...Object.values(COMPARISONS).map(([op]) => op(a, b)), ops.greater(a, 0), ops.equal(a, 1)];
    },
  },
  {
    name: 'equal, notEqual: bool inputs',
    ops: ['equal', 'notEqual'],
    run: () => [ops.equal(bool([true, false, true]), bool([true, true, false])), ops.notEqual(bool([true, false]), bool([false, false]))],
    expected: [out.bool([3], [true, false, false]), out.bool([2], [true, false])],
  },
];

const T = [true, true, false, false];
const F = [true, false, true, false];
const logicalCases: ConformanceCase[] = [
  {
    name: 'logicalAnd: truth table',
    ops: ['logicalAnd'],
    run: () => ops.logicalAnd(bool(T), bool(F)),
    expected: out.bool([4], [1, 0, 0, 0]),
  },
  { name: 'logicalOr: truth table', ops: ['logicalOr'], run: () => ops.logicalOr(bool(T), bool(F)), expected: out.bool([4], [1, 1, 1, 0]) },
  {
    name: 'logicalXor: truth table',
    ops: ['logicalXor'],
    run: () => ops.logicalXor(bool(T), bool(F)),
    expected: out.bool([4], [0, 1, 1, 0]),
  },
  { name: 'logicalNot: bool', ops: ['logicalNot'], run: () => ops.logicalNot(bool(F)), expected: out.bool([4], [0, 1, 0, 1]) },
  {
    name: 'logical: broadcast [2, 1] against [3]',
    ops: ['logicalAnd', 'logicalOr', 'logicalXor'],
    run: () => {
      const a = bool([[true], [false]]);
      const b = bool([true, false, true]);
      return [ops.logicalAnd(a, b), ops.logicalOr(a, b), ops.logicalXor(a, b)];
    },
    expected: [out.bool([2, 3], [1, 0, 1, 0, 0, 0]), out.bool([2, 3], [1, 1, 1, 1, 0, 1]), out.bool([2, 3], [0, 1, 0, 1, 0, 1])],
  },
  {
    name: 'logical: seeded bool 5×13',
    ops: ['logicalAnd', 'logicalOr', 'logicalXor', 'logicalNot'],
    run: () => {
      const a = randBool([5, 13], 31);
      const b = randBool([5, 13], 32);
      return [ops.logicalAnd(a, b), ops.logicalOr(a, b), ops.logicalXor(a, b), ops.logicalNot(a)];
    },
  },
];

const whereCases: ConformanceCase[] = [
  {
    name: 'where: float32 with cond [2, 1], a [2, 3], b [3] broadcast',
    ops: ['where'],
    run: () =>
      ops.where(
        bool([[true], [false]]),
        f32([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        f32([-1, -2, -3]),
      ),
    expected: out.f32([2, 3], [1, 2, 3, -1, -2, -3]),
  },
  {
    name: 'where, less, logicalAnd: cond and values broadcast along different axes ([2, 1, 3, 1], [1, 4, 1, 5], [4, 3, 1])',
    ops: ['where', 'less', 'logicalAnd'],
    run: () => {
      const c = randBool([2, 1, 3, 1], 41);
      return [
        ops.where(c, normal([1, 4, 1, 5], 42), normal([4, 3, 1], 43)),
        ops.where(c, randInt([1, 4, 1, 5], 44, -9, 9), randInt([4, 3, 1], 45, -9, 9)),
        ops.less(randInt([2, 1, 3, 1], 46, -3, 3), randInt([1, 4, 1, 5], 47, -3, 3)),
        ops.logicalAnd(c, randBool([1, 4, 1, 5], 48)),
      ];
    },
  },
  {
    name: 'where: int32 elementwise',
    ops: ['where'],
    run: () => ops.where(bool([true, false, false, true]), i32([1, 2, 3, 4]), i32([-1, -2, -3, -4])),
    expected: out.i32([4], [1, -2, -3, 4]),
  },
  {
    name: 'where: bool branches',
    ops: ['where'],
    run: () => ops.where(bool([true, false]), bool([false, false]), bool([true, true])),
    expected: out.bool([2], [false, true]),
  },
  {
    name: 'where: seeded mask from a comparison, 9×11',
    ops: ['where', 'greater'],
    run: () => {
      const x = normal([9, 11], 33);
      return ops.where(ops.greater(x, 0), x, ops.mul(x, 0.1));
    },
  },
];

const clipCases: ConformanceCase[] = [
  {
    name: 'clip: float32 to [−0.5, 0.5]',
    ops: ['clip'],
    run: () => ops.clip(f32([-2, -0.5, -0.1, 0, 0.3, 0.5, 7]), -0.5, 0.5),
    expected: out.f32([7], [-0.5, -0.5, -0.1, 0, 0.3, 0.5, 0.5]),
  },
  {
    name: 'clip: int32 to [0, 10]',
    ops: ['clip'],
    run: () => ops.clip(i32([-3, 0, 4, 10, 11, 99]), 0, 10),
    expected: out.i32([6], [0, 0, 4, 10, 10, 10]),
  },
  {
    name: 'clip: seeded 3×3×5',
    ops: ['clip'],
    run: () => [ops.clip(uniform([3, 3, 5], 34, -3, 3), -1, 2), ops.clip(randInt([3, 3, 5], 35, -20, 20), -5, 5)],
  },
];

/**
 * Cases for comparisons, logical ops, `where` and `clip`.
 * @example
 * import { compareCases } from '@mindts/ops/testing';
 * compareCases.filter((c) => c.ops.includes('where'));
 */
export const compareCases: readonly ConformanceCase[] = [
  ...comparisonCases,
  ...comparisonExtras,
  ...logicalCases,
  ...whereCases,
  ...clipCases,
];
