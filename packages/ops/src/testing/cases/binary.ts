/**
 * Arithmetic of two tensors: same shapes, NumPy broadcasting, number operands, int32 and mixed
 * dtypes, floor division and modulo with negative operands, IEEE division by zero.
 */
import * as ops from '../../index.js';
import { f32, i32, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const A = [
  [1, -2, 3.5],
  [0, 4, -0.25],
];
const B = [
  [2, 0.5, -1],
  [3, -4, 8],
];

const sameShape: ConformanceCase[] = [
  { name: 'add: float32 2×3', ops: ['add'], run: () => ops.add(f32(A), f32(B)), expected: out.f32([2, 3], [3, -1.5, 2.5, 3, 0, 7.75]) },
  { name: 'sub: float32 2×3', ops: ['sub'], run: () => ops.sub(f32(A), f32(B)), expected: out.f32([2, 3], [-1, -2.5, 4.5, -3, 8, -8.25]) },
  { name: 'mul: float32 2×3', ops: ['mul'], run: () => ops.mul(f32(A), f32(B)), expected: out.f32([2, 3], [2, -1, -3.5, 0, -16, -2]) },
  {
    name: 'div: float32 2×3',
    ops: ['div'],
    run: () => ops.div(f32(A), f32(B)),
    expected: out.f32([2, 3], [0.5, -4, -3.5, 0, -1, -0.03125]),
  },
  {
    name: 'maximum: float32 2×3',
    ops: ['maximum'],
    run: () => ops.maximum(f32(A), f32(B)),
    expected: out.f32([2, 3], [2, 0.5, 3.5, 3, 4, 8]),
  },
  {
    name: 'minimum: float32 2×3',
    ops: ['minimum'],
    run: () => ops.minimum(f32(A), f32(B)),
    expected: out.f32([2, 3], [1, -2, -1, 0, -4, -0.25]),
  },
];

const broadcasting: ConformanceCase[] = [
  {
    name: 'add: broadcast a row [2, 3] + [3]',
    ops: ['add'],
    run: () => ops.add(f32(A), f32([10, 20, 30])),
    expected: out.f32([2, 3], [11, 18, 33.5, 10, 24, 29.75]),
  },
  {
    name: 'mul: broadcast a column against a row [3, 1] × [1, 4]',
    ops: ['mul'],
    run: () => ops.mul(f32([[1], [2], [3]]), f32([[1, 10, 100, 1000]])),
    expected: out.f32([3, 4], [1, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000]),
  },
  {
    name: 'sub: broadcast across ranks [2, 1, 5] − [3, 1]',
    ops: ['sub'],
    run: () => ops.sub(normal([2, 1, 5], 21), normal([3, 1], 22)),
  },
  {
    name: 'add: an attention mask [4, 3, 5, 6] + [4, 1, 1, 6], and both sides broadcast [3, 1, 5] with [1, 4, 1]',
    ops: ['add', 'mul', 'maximum'],
    run: () => [
      ops.add(normal([4, 3, 5, 6], 25), normal([4, 1, 1, 6], 26)),
      ops.mul(normal([3, 1, 5], 27), normal([1, 4, 1], 28)),
      ops.maximum(
        i32([
          [[1], [-2]],
          [[3], [0]],
        ]),
        i32([[[-1, 2, 0]]]),
      ),
    ],
  },
  {
    name: 'div: broadcast a scalar tensor over 7×9',
    ops: ['div'],
    run: () => ops.div(uniform([7, 9], 23), f32(3)),
  },
  {
    name: 'arithmetic: seeded 33×65 with a [65] row, all six ops',
    ops: ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'],
    run: () => {
      const a = normal([33, 65], 24);
      const b = uniform([65], 25, 0.5, 2);
      return [ops.add(a, b), ops.sub(a, b), ops.mul(a, b), ops.div(a, b), ops.maximum(a, b), ops.minimum(a, b)];
    },
  },
  {
    name: 'add: empty [0, 4] + [4]',
    ops: ['add'],
    run: () => ops.add(f32([], [0, 4]), f32([1, 2, 3, 4])),
    expected: out.f32([0, 4], []),
  },
];

const numbers: ConformanceCase[] = [
  {
    name: 'binary: number operands on either side (float32)',
    ops: ['add', 'sub', 'mul', 'div'],
    run: () => {
      const x = f32([1, -2, 4]);
      return [ops.add(x, 2), ops.sub(10, x), ops.mul(x, 0.5), ops.div(1, x)];
    },
    expected: [out.f32([3], [3, 0, 6]), out.f32([3], [9, 12, 6]), out.f32([3], [0.5, -1, 2]), out.f32([3], [1, -0.5, 0.25])],
  },
  {
    name: 'binary: integer numbers keep int32',
    ops: ['add', 'sub', 'mul', 'maximum'],
    run: () => {
      const x = i32([1, -2, 4]);
      return [ops.add(x, 2), ops.sub(x, 5), ops.mul(x, -3), ops.maximum(x, 0)];
    },
    expected: [out.i32([3], [3, 0, 6]), out.i32([3], [-4, -7, -1]), out.i32([3], [-3, 6, -12]), out.i32([3], [1, 0, 4])],
  },
];

const ints: ConformanceCase[] = [
  {
    name: 'binary: int32 add, sub, mul, maximum, minimum are exact',
    ops: ['add', 'sub', 'mul', 'maximum', 'minimum'],
    run: () => {
      const a = i32([7, -7, 123456, 0, -1]);
      const b = i32([2, 3, 1000, -5, -1]);
      return [ops.add(a, b), ops.sub(a, b), ops.mul(a, b), ops.maximum(a, b), ops.minimum(a, b)];
    },
    expected: [
      out.i32([5], [9, -4, 124456, -5, -2]),
      out.i32([5], [5, -10, 122456, 5, 0]),
      out.i32([5], [14, -21, 123456000, 0, 1]),
      out.i32([5], [7, 3, 123456, 0, -1]),
      out.i32([5], [2, -7, 1000, -5, -1]),
    ],
  },
  {
    name: 'add: int32 + float32 promotes to float32',
    ops: ['add'],
    run: () => ops.add(i32([1, 2, 3]), f32([0.5, 0.25, -4])),
    expected: out.f32([3], [1.5, 2.25, -1]),
  },
  {
    name: 'binary: seeded int32 [4, 9] with a broadcast [9] row',
    ops: ['add', 'sub', 'mul'],
    run: () => {
      const a = i32(
        Array.from({ length: 36 }, (_, i) => ((i * 37) % 101) - 50),
        [4, 9],
      );
      const b = i32([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
      return [ops.add(a, b), ops.sub(a, b), ops.mul(a, b)];
    },
  },
];

const special: ConformanceCase[] = [
  {
    name: 'pow: float32 fractional and negative exponents',
    ops: ['pow'],
    run: () => ops.pow(f32([0.5, 2, 3, 4, -2, 0]), f32([2, 0.5, -1, 1.5, 3, 2])),
    expected: out.f32([6], [0.25, Math.SQRT2, 1 / 3, 8, -8, 0]),
  },
  {
    name: 'pow: int32 stays int32 and exact',
    ops: ['pow'],
    run: () => ops.pow(i32([2, 3, -2, 7, 1]), i32([10, 3, 3, 0, 9])),
    expected: out.i32([5], [1024, 27, -8, 1, 1]),
  },
  {
    name: 'pow: number exponent and seeded positive bases',
    ops: ['pow'],
    run: () => {
      const x = uniform([5, 11], 26, 0.1, 3);
      return [ops.pow(x, 2), ops.pow(x, 0.5), ops.pow(x, f32(-1.5))];
    },
  },
  {
    name: 'div: float32 by zero gives ±Infinity and NaN',
    ops: ['div'],
    run: () => ops.div(f32([1, -1, 0]), f32([0, 0, 0])),
    expected: out.f32([3], [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]),
  },
  {
    name: 'floorDiv: float32 rounds toward −∞',
    ops: ['floorDiv'],
    run: () => ops.floorDiv(f32([7, -7, 7.5, -7.5, 0.5]), f32([2, 2, -2, 4, 1])),
    expected: out.f32([5], [3, -4, -4, -2, 0]),
  },
  {
    name: 'floorDiv: int32 with negative operands',
    ops: ['floorDiv'],
    run: () => ops.floorDiv(i32([7, -7, 7, -7, 0, 6]), i32([2, 2, -2, -2, 3, 3])),
    expected: out.i32([6], [3, -4, -4, 3, 0, 2]),
  },
  {
    name: 'mod: float32 takes the sign of the divisor',
    ops: ['mod'],
    run: () => ops.mod(f32([7, -7, 7.5, -7.5, 4]), f32([2, 2, -2, 4, 2])),
    expected: out.f32([5], [1, 1, -0.5, 0.5, 0]),
  },
  {
    name: 'mod: int32 takes the sign of the divisor',
    ops: ['mod'],
    run: () => ops.mod(i32([7, -7, 7, -7, 0, 9]), i32([3, 3, -3, -3, 5, 3])),
    expected: out.i32([6], [1, 2, -2, -1, 0, 0]),
  },
  {
    name: 'floorDiv, mod: number divisors',
    ops: ['floorDiv', 'mod'],
    run: () => [ops.floorDiv(i32([-5, 5]), 4), ops.mod(f32([-5, 5.5]), 4)],
    expected: [out.i32([2], [-2, 1]), out.f32([2], [3, 1.5])],
  },
];

/**
 * Cases for the binary arithmetic ops.
 * @example
 * import { binaryCases } from '@mindts/ops/testing';
 * binaryCases.length;
 */
export const binaryCases: readonly ConformanceCase[] = [...sameShape, ...broadcasting, ...numbers, ...ints, ...special];
