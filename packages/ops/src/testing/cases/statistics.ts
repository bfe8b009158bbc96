/**
 * Statistics and norms: `var`, `std` (every ddof form) and `norm` (vector and matrix orders).
 */
import * as ops from '../../index.js';
import { f32, i32, normal } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const S = [
  [1, 2, 3, 4],
  [-1, 1, 4, -10],
];

/** The variance of `xs` with `ddof`, in float64. */
function variance(xs: readonly number[], ddof: number): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - ddof);
}
const columns = (rows: number[][]) => (rows[0] as number[]).map((_, j) => rows.map((r) => r[j] as number));

const varianceCases: ConformanceCase[] = [
  {
    name: 'var: rows with ddof 1, columns, every element',
    ops: ['var', 'variance'],
    run: () => [ops.var(f32(S), 1, 1), ops.var(f32(S), 0), ops.var(f32(S))],
    expected: [
      out.f32(
        [2],
        S.map((r) => variance(r, 1)),
      ),
      out.f32(
        [4],
        columns(S).map((c) => variance(c, 0)),
      ),
      out.f32([], [variance(S.flat(), 0)]),
    ],
  },
  {
    name: 'std: ddof 2 with keepDims (MindSpore example), ddof true, int32 input',
    ops: ['std'],
    run: () => [ops.std(f32(S), 1, 2, true), ops.std(f32(S), -1, true), ops.std(i32([1, 2, 3, 4]))],
    expected: [
      out.f32(
        [2, 1],
        S.map((r) => Math.sqrt(variance(r, 2))),
      ),
      out.f32(
        [2],
        S.map((r) => Math.sqrt(variance(r, 1))),
      ),
      out.f32([], [Math.sqrt(1.25)]),
    ],
  },
  {
    name: 'var, std: seeded 6×50 rows, ddof 1',
    ops: ['var', 'std'],
    run: () => {
      const x = normal([6, 50], 44);
      return [ops.var(x, 1, 1), ops.std(x, [0, 1], 0)];
    },
  },
];

const V = [3, -4, 12];
const A = [
  [1, -2],
  [3, 4],
];

const normCases: ConformanceCase[] = [
  {
    name: 'norm: vector orders 2 (default), 1, ∞, −∞, 0 and 3',
    ops: ['norm'],
    run: () => {
      const v = f32(V);
      return [ops.norm(v), ops.norm(v, 1), ops.norm(v, Infinity), ops.norm(v, -Infinity), ops.norm(v, 0), ops.norm(v, 3)];
    },
    expected: [
      out.f32([], [13]),
      out.f32([], [19]),
      out.f32([], [12]),
      out.f32([], [3]),
      out.f32([], [3]),
      out.f32([], [Math.cbrt(27 + 64 + 1728)]),
    ],
  },
  {
    name: 'norm: matrix orders fro, ∞, −∞, 1, −1, and vector norms along a dim',
    ops: ['norm'],
    run: () => {
      const a = f32(A);
      return [
        ops.norm(a, 'fro'),
        ops.norm(a, Infinity),
        ops.norm(a, -Infinity),
        ops.norm(a, 1, [0, 1]),
        ops.norm(a, -1, [-2, -1], true),
        ops.norm(a, null, 1),
        ops.norm(a, 1, 0, true),
        ops.norm(a),
      ];
    },
    expected: [
      out.f32([], [Math.sqrt(30)]),
      out.f32([], [7]),
      out.f32([], [3]),
      out.f32([], [6]),
      out.f32([1, 1], [4]),
      out.f32([2], [Math.sqrt(5), 5]),
      out.f32([1, 2], [4, 6]),
      out.f32([], [Math.sqrt(30)]),
    ],
  },
  { name: 'norm: int32 input computes in float32', ops: ['norm'], run: () => ops.norm(i32([3, 4])), expected: out.f32([], [5]) },
  {
    name: 'norm: seeded batch of matrices, fro over the last two dims',
    ops: ['norm'],
    run: () => ops.norm(normal([3, 4, 5], 45), 'fro', [1, 2]),
  },
];

/**
 * Every case of this family.
 * @example
 * statisticsCases.map((c) => c.name);
 */
export const statisticsCases: ConformanceCase[] = [...varianceCases, ...normCases];
