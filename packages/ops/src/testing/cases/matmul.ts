/**
 * Matrix products: small exact ones, every transpose combination, 1×N and N×1, sizes that are
 * not multiples of 4 (or of a kernel's tile), batches with broadcasting, int32 and empty operands.
 */
import * as ops from '../../index.js';
import { f32, i32, iota, normal } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/** [2, 3] @ [3, 2] with small integers: [[1, 2, 3], [4, 5, 6]] @ [[7, 8], [9, 10], [11, 12]]. */
const A = [
  [1, 2, 3],
  [4, 5, 6],
];
const B = [
  [7, 8],
  [9, 10],
  [11, 12],
];
const AB = [58, 64, 139, 154];
/** A transposed, and B transposed. */
const AT = [
  [1, 4],
  [2, 5],
  [3, 6],
];
const BT = [
  [7, 9, 11],
  [8, 10, 12],
];

/** The second batch of the batched case. */
const C = [
  [1, 0, 2],
  [0, 1, -1],
];

/** Long sums: a looser tolerance, scaled to a dot product of K standard normals. */
const LONG = { atol: 1e-4, rtol: 1e-4 };

const exactCases: ConformanceCase[] = [
  { name: 'matmul: [2, 3] @ [3, 2]', ops: ['matmul'], run: () => ops.matmul(f32(A), f32(B)), expected: out.f32([2, 2], AB) },
  {
    name: 'matmul: transposeA',
    ops: ['matmul'],
    run: () => ops.matmul(f32(AT), f32(B), { transposeA: true }),
    expected: out.f32([2, 2], AB),
  },
  {
    name: 'matmul: transposeB',
    ops: ['matmul'],
    run: () => ops.matmul(f32(A), f32(BT), { transposeB: true }),
    expected: out.f32([2, 2], AB),
  },
  {
    name: 'matmul: transposeA and transposeB',
    ops: ['matmul'],
    run: () => ops.matmul(f32(AT), f32(BT), { transposeA: true, transposeB: true }),
    expected: out.f32([2, 2], AB),
  },
  { name: 'matmul: int32 is exact', ops: ['matmul'], run: () => ops.matmul(i32(A), i32(B)), expected: out.i32([2, 2], AB) },
  {
    name: 'matmul: 1×N row times N×1 column',
    ops: ['matmul'],
    run: () => ops.matmul(iota([1, 5]), iota([5, 1], 2)),
    expected: out.f32([1, 1], [60]),
  },
  {
    name: 'matmul: N×1 column times 1×N row (outer product)',
    ops: ['matmul'],
    run: () => ops.matmul(f32([[1], [2], [3]]), f32([[1, -1, 0.5]])),
    expected: out.f32([3, 3], [1, -1, 0.5, 2, -2, 1, 3, -3, 1.5]),
  },
  {
    name: 'matmul: batched [2, 2, 3] @ [2, 3, 2]',
    ops: ['matmul'],
    run: () =>
      ops.matmul(
        f32([A, C]),
        f32([
          B,
          [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
        ]),
      ),
    expected: out.f32([2, 2, 2], [...AB, 3, 2, -1, 0]),
  },
  {
    name: 'matmul: inner dimension 0 gives zeros',
    ops: ['matmul'],
    run: () => ops.matmul(f32([], [2, 0]), f32([], [0, 3])),
    expected: out.f32([2, 3], [0, 0, 0, 0, 0, 0]),
  },
  {
    name: 'matmul: zero rows',
    ops: ['matmul'],
    run: () => ops.matmul(f32([], [0, 3]), f32(B)),
    expected: out.f32([0, 2], []),
  },
];

const seededCases: ConformanceCase[] = [
  {
    name: 'matmul: odd sizes [5, 7] @ [7, 3]',
    ops: ['matmul'],
    run: () => ops.matmul(normal([5, 7], 51), normal([7, 3], 52)),
  },
  {
    name: 'matmul: [33, 65] @ [65, 17], every transpose combination',
    ops: ['matmul'],
    run: () => {
      const a = normal([33, 65], 53);
      const b = normal([65, 17], 54);
      const at = normal([65, 33], 55);
      const bt = normal([17, 65], 56);
      return [
        ops.matmul(a, b),
        ops.matmul(at, b, { transposeA: true }),
        ops.matmul(a, bt, { transposeB: true }),
        ops.matmul(at, bt, { transposeA: true, transposeB: true }),
      ];
    },
    tolerance: LONG,
  },
  {
    name: 'matmul: 1×129 row times [129, 130]',
    ops: ['matmul'],
    run: () => ops.matmul(normal([1, 129], 57), normal([129, 130], 58)),
    tolerance: LONG,
  },
  {
    name: 'matmul: square 128 (tiled kernels)',
    ops: ['matmul'],
    run: () => ops.matmul(normal([128, 128], 59), normal([128, 128], 60)),
    tolerance: LONG,
  },
  {
    name: 'matmul: batched [3, 9, 10] @ [3, 10, 11]',
    ops: ['matmul'],
    run: () => ops.matmul(normal([3, 9, 10], 61), normal([3, 10, 11], 62)),
  },
  {
    name: 'matmul: equal batches [2, 3, 9, 10] @ [2, 3, 10, 11] (attention-like), every transpose combination',
    ops: ['matmul'],
    run: () =>
      [false, true].flatMap((transposeA) =>
        [false, true].map((transposeB) =>
          ops.matmul(normal(transposeA ? [2, 3, 10, 9] : [2, 3, 9, 10], 69), normal(transposeB ? [2, 3, 11, 10] : [2, 3, 10, 11], 70), {
            transposeA,
            transposeB,
          }),
        ),
      ),
  },
  {
    name: 'matmul: batch broadcast [2, 1, 4, 6] @ [3, 6, 5]',
    ops: ['matmul'],
    run: () => ops.matmul(normal([2, 1, 4, 6], 63), normal([3, 6, 5], 64)),
  },
  {
    name: 'matmul: a batch times one matrix [4, 6, 7] @ [7, 3], transposeB',
    ops: ['matmul'],
    run: () => [
      ops.matmul(normal([4, 6, 7], 65), normal([7, 3], 66)),
      ops.matmul(normal([4, 6, 7], 67), normal([3, 7], 68), { transposeB: true }),
    ],
  },
  {
    name: 'matmul: int32 [6, 11] @ [11, 5]',
    ops: ['matmul'],
    run: () =>
      ops.matmul(
        i32(
          Array.from({ length: 66 }, (_, i) => (i % 7) - 3),
          [6, 11],
        ),
        i32(
          Array.from({ length: 55 }, (_, i) => (i % 5) - 2),
          [11, 5],
        ),
      ),
  },
];

/**
 * Cases for `matmul`.
 * @example
 * import { matmulCases } from '@mindts/ops/testing';
 * matmulCases.map((c) => c.name);
 */
export const matmulCases: readonly ConformanceCase[] = [...exactCases, ...seededCases];
