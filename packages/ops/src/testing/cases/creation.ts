/**
 * MindSpore's creators through `ops` (`ones`, `zeros`, `fill`, `full`, `arange`, the `*Like`
 * family), its other names for shape ops (`cat`, `unsqueeze`, `permute`, `swapaxes`) and `bmm`.
 */
import * as ops from '../../index.js';
import { f32, i32, iota } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/** iota([2, 3, 4]) holds x[i, j, k] = 12i + 4j + k. */
const cube = () => iota([2, 3, 4]);
const at = (i: number, j: number, k: number) => 12 * i + 4 * j + k;

/** Row-major values of a [a, b, c] tensor whose element is f(p, q, r). */
function grid(a: number, b: number, c: number, f: (p: number, q: number, r: number) => number): number[] {
  const v: number[] = [];
  for (let p = 0; p < a; p++) for (let q = 0; q < b; q++) for (let r = 0; r < c; r++) v.push(f(p, q, r));
  return v;
}

const creatorCases: ConformanceCase[] = [
  {
    name: 'ones, zeros, fill, full: dtypes and shapes',
    ops: ['ones', 'zeros', 'fill', 'full'],
    run: () => [
      ops.ones([2, 3]),
      ops.zeros(3, 'int32'),
      ops.fill('float32', [2, 2], 1.5),
      ops.fill('int32', [2], 2.7),
      ops.full([2], 7),
      ops.full([1, 2], 0.5),
      ops.full([2], true),
    ],
    expected: [
      out.f32([2, 3], [1, 1, 1, 1, 1, 1]),
      out.i32([3], [0, 0, 0]),
      out.f32([2, 2], [1.5, 1.5, 1.5, 1.5]),
      out.i32([2], [2, 2]),
      out.i32([2], [7, 7]),
      out.f32([1, 2], [0.5, 0.5]),
      out.bool([2], [true, true]),
    ],
  },
  {
    name: 'arange: integer and fractional steps, dtype option',
    ops: ['arange'],
    run: () => [
      ops.arange(5),
      ops.arange(1, 7, 2),
      ops.arange(0, 1, 0.25),
      ops.arange(3, null, 1, { dtype: 'float32' }),
      ops.arange(3, 0, -1),
    ],
    expected: [
      out.i32([5], [0, 1, 2, 3, 4]),
      out.i32([3], [1, 3, 5]),
      out.f32([4], [0, 0.25, 0.5, 0.75]),
      out.f32([3], [0, 1, 2]),
      out.i32([3], [3, 2, 1]),
    ],
  },
  {
    name: 'onesLike, zerosLike, fullLike: shape and dtype of the input, or the dtype option',
    ops: ['onesLike', 'zerosLike', 'fullLike'],
    run: () => {
      const x = i32([
        [0, 1],
        [2, 1],
      ]);
      return [
        ops.onesLike(x),
        ops.zerosLike(f32([1.5, 2])),
        ops.fullLike(x, 1.2),
        ops.fullLike(x, 1.2, { dtype: 'float32' }),
        ops.onesLike(x, { dtype: 'bool' }),
      ];
    },
    expected: [
      out.i32([2, 2], [1, 1, 1, 1]),
      out.f32([2], [0, 0]),
      out.i32([2, 2], [1, 1, 1, 1]),
      out.f32([2, 2], [1.2, 1.2, 1.2, 1.2]),
      out.bool([2, 2], [true, true, true, true]),
    ],
  },
];

const shapeAliasCases: ConformanceCase[] = [
  {
    name: 'cat: the alias of concat, axis −1 and promotion',
    ops: ['cat'],
    run: () => ops.cat([i32([[1], [2]]), f32([[0.5], [1.5]])], -1),
    expected: out.f32([2, 2], [1, 0.5, 2, 1.5]),
  },
  {
    name: 'unsqueeze: first, middle and last position',
    ops: ['unsqueeze'],
    run: () => [ops.unsqueeze(f32([1, 2]), 0), ops.unsqueeze(cube(), 1), ops.unsqueeze(f32([1, 2]), -1)],
    expected: [out.f32([1, 2], [1, 2]), out.f32([2, 1, 3, 4], grid(2, 3, 4, at)), out.f32([2, 1], [1, 2])],
  },
  {
    name: 'permute, swapaxes: a 3-D cube',
    ops: ['permute', 'swapaxes'],
    run: () => [ops.permute(cube(), [2, 0, 1]), ops.swapaxes(cube(), 0, -1), ops.swapaxes(cube(), 1, 1)],
    expected: [
      out.f32(
        [4, 2, 3],
        grid(4, 2, 3, (k, i, j) => at(i, j, k)),
      ),
      out.f32(
        [4, 3, 2],
        grid(4, 3, 2, (k, j, i) => at(i, j, k)),
      ),
      out.f32([2, 3, 4], grid(2, 3, 4, at)),
    ],
  },
  {
    name: 'bmm: a batch of 2 products, integer inputs',
    ops: ['bmm'],
    run: () => ops.bmm(iota([2, 2, 3], 1, 'int32'), iota([2, 3, 2], 1, 'int32')),
    // a[b, m, k] = 6b + 3m + k, c[b, k, n] = 6b + 2k + n.
    expected: out.i32(
      [2, 2, 2],
      grid(2, 2, 2, (b, m, n) => [0, 1, 2].reduce((s, k) => s + (6 * b + 3 * m + k) * (6 * b + 2 * k + n), 0)),
    ),
  },
];

/**
 * Every case of this family.
 * @example
 * creationCases.map((c) => c.name);
 */
export const creationCases: ConformanceCase[] = [...creatorCases, ...shapeAliasCases];
