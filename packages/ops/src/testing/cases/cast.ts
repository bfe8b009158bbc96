/**
 * Dtype conversion and the tensors a backend creates by itself: Fill and the seeded Random draws.
 */
import { fill, ones, rand, randn, zeros } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import * as ops from '../../index.js';
import { bool, f32, i32, normal } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out, toFloat16 } from './expected.js';

const FRACTIONS = [1.7, -1.7, 0.5, -0.5, 0, 123456.9, -2147483.5];
const HALF = [0.1, 1 / 3, 65504, 65519, 65520, 1e-5, 6e-8, -2.5, 1e-8];

const conversionCases: ConformanceCase[] = [
  {
    name: 'cast: float32 → int32 truncates toward zero',
    ops: ['cast'],
    run: () => ops.cast(f32(FRACTIONS), 'int32'),
    expected: out.i32([7], FRACTIONS.map(Math.trunc)),
  },
  {
    name: 'cast: float32 → bool is nonzero, NaN included',
    ops: ['cast'],
    run: () => ops.cast(f32([0, -0, 0.001, -3, Number.NaN, Number.POSITIVE_INFINITY]), 'bool'),
    expected: out.bool([6], [0, 0, 1, 1, 1, 1]),
  },
  {
    name: 'cast: bool → float32 and int32',
    ops: ['cast'],
    run: () => [ops.cast(bool([true, false, true]), 'float32'), ops.cast(bool([false, true]), 'int32')],
    expected: [out.f32([3], [1, 0, 1]), out.i32([2], [0, 1])],
  },
  {
    name: 'cast: int32 → float32 rounds above 2^24',
    ops: ['cast'],
    run: () => ops.cast(i32([-7, 0, 16777216, 16777217, 2147483647]), 'float32'),
    expected: out.f32([5], [-7, 0, 16777216, 16777216, 2147483648]),
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'cast: int32 → bool',
    ops: ['cast'],
    run: () => ops.cast(i32([0, 1, -1, 2147483647]), 'bool'),
    expected: out.bool([4], [0, 1, 1, 1]),
  },
  {
    name: 'cast: float32 → float16 rounds to nearest even, overflows to ∞, keeps subnormals',
    ops: ['cast'],
    run: () => ops.cast(f32(HALF), 'float16'),
    expected: out.f16(
      [HALF.length],
      HALF.map((x) => toFloat16(Math.fround(x))),
    ),
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'cast: float16 → float32 and int32 round trip',
    ops: ['cast'],
    run: () => {
      const h = ops.cast(f32([1.5, -2.75, 1000.3]), 'float16');
      return [ops.cast(h, 'float32'), ops.cast(h, 'int32')];
    },
    expected: [out.f32([3], [1.5, -2.75, 1000.5]), out.i32([3], [1, -2, 1000])],
  },
  {
    name: 'cast: same dtype is a copy; seeded 6×5 float32 → int32 → float32',
    ops: ['cast'],
    run: () => {
      const x = ops.mul(normal([6, 5], 81), 100);
      return [ops.cast(x, 'float32'), ops.cast(ops.cast(x, 'int32'), 'float32')];
    },
  },
];

const creationCases: ConformanceCase[] = [
  {
    name: 'fill: zeros, ones and a value, by dtype',
    ops: ['Fill'],
    run: () => [zeros([2, 3]), ones([3], 'int32'), fill([2, 2], true), fill([5], -2.5), fill([], 7, 'int32'), zeros([0, 4])],
    expected: [
      out.f32([2, 3], [0, 0, 0, 0, 0, 0]),
      out.i32([3], [1, 1, 1]),
      out.bool([2, 2], [1, 1, 1, 1]),
      out.f32([5], [-2.5, -2.5, -2.5, -2.5, -2.5]),
      out.i32([], [7]),
      out.f32([0, 4], []),
    ],
  },
  {
    name: 'rand: seeded uniform draws match the counter-based generator',
    ops: ['Random'],
    run: () => [rand([3, 7], { seed: 82 }), rand([9], { seed: 83, minval: -2, maxval: 6 })],
    expected: [
      out.f32(
        [3, 7],
        Array.from({ length: 21 }, (_, i) => randomValue('uniform', 82, 0, i, 0, 1)),
      ),
      out.f32(
        [9],
        Array.from({ length: 9 }, (_, i) => randomValue('uniform', 83, 0, i, -2, 6)),
      ),
    ],
    tolerance: { atol: 1e-6, rtol: 1e-6 },
  },
  {
    name: 'randn: seeded normal draws match the counter-based generator',
    ops: ['Random'],
    run: () => [randn([5, 5], { seed: 84 }), randn([11], { seed: 85, mean: 3, stddev: 0.5 })],
    expected: [
      out.f32(
        [5, 5],
        Array.from({ length: 25 }, (_, i) => randomValue('normal', 84, 0, i, 0, 1)),
      ),
      out.f32(
        [11],
        Array.from({ length: 11 }, (_, i) => randomValue('normal', 85, 0, i, 3, 0.5)),
      ),
    ],
  },
  {
    name: 'rand, randn: 1000 seeded draws',
    ops: ['Random'],
    run: () => [rand([1000], { seed: 86 }), randn([10, 100], { seed: 87 })],
  },
];

/**
 * Cases for `cast` and for tensors created by Fill and Random kernels.
 * @example
 * import { castCases } from '@mindts/ops/testing';
 * castCases.length;
 */
export const castCases: readonly ConformanceCase[] = [...conversionCases, ...creationCases];
