/**
 * The ops of sequence models: scans (cumsum, cumprod), sorting (sort, argsort, topk), masks
 * (tril, triu, maskedFill), indexing along an axis (gatherElements, scatter,
 * tensorScatterElements, repeatInterleave) and the `Cumulative`/`Argsort` primitives.
 * The second family, `sequenceModelCases`, holds pad, einsum, layerNorm, interpolate and
 * multinomial.
 */
import * as ops from '../../index.js';
import { bool, f32, i32, iota, normal, randInt } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const X = [
  [3, 1, 2, 1],
  [0, -2, 5, 4],
];

/**
 * Cases for cumsum, cumprod, sort, argsort, topk, tril, triu, maskedFill, gatherElements,
 * tensorScatterElements, scatter and repeatInterleave.
 * @example
 * import { sequenceCases } from '@mindts/ops/testing';
 * sequenceCases.length;
 */
export const sequenceCases: readonly ConformanceCase[] = [
  {
    name: 'cumsum, cumprod: float32 and int32 along each axis',
    ops: ['cumsum', 'cumprod'],
    run: () => [ops.cumsum(f32(X), 1), ops.cumsum(i32(X), 0), ops.cumprod(f32(X), -1), ops.cumsum(bool([true, false, true]), 0)],
    expected: [
      out.f32([2, 4], [3, 4, 6, 7, 0, -2, 3, 7]),
      out.i32([2, 4], [3, 1, 2, 1, 3, -1, 7, 5]),
      out.f32([2, 4], [3, 3, 6, 6, 0, 0, 0, 0]),
      out.i32([3], [1, 1, 2]),
    ],
  },
  {
    name: 'cumsum: seeded 6×300 along the long axis and 300×6 along the short one',
    ops: ['cumsum'],
    run: () => [
      ops.cumsum(normal([6, 300], 161), 1),
      ops.cumsum(normal([300, 6], 162), 1),
      ops.cumprod(ops.add(ops.mul(normal([4, 40], 163), 0.1), 1), 1),
    ],
    tolerance: { atol: 1e-3, rtol: 1e-4 },
  },
  {
    name: 'sort, argsort: stable, both directions, NaN largest',
    ops: ['sort', 'argsort'],
    run: () => {
      const x = f32([3, Number.NaN, 1, 3, -1]);
      const [v, i] = ops.sort(x);
      const [vd, id] = ops.sort(x, { descending: true });
      return [v, i, vd, id, ops.argsort(i32(X), { axis: 0 })];
    },
    expected: [
      out.f32([5], [-1, 1, 3, 3, Number.NaN]),
      out.i32([5], [4, 2, 0, 3, 1]),
      out.f32([5], [Number.NaN, 3, 3, 1, -1]),
      out.i32([5], [1, 0, 3, 2, 4]),
      out.i32([2, 4], [1, 1, 0, 0, 0, 0, 1, 1]),
    ],
  },
  {
    name: 'topk: largest and smallest along a dim',
    ops: ['topk'],
    run: () => [...ops.topk(f32(X), 2), ...ops.topk(f32(X), 1, { dim: 0, largest: false })],
    expected: [out.f32([2, 2], [3, 2, 5, 4]), out.i32([2, 2], [0, 2, 2, 3]), out.f32([1, 4], [0, -2, 2, 1]), out.i32([1, 4], [1, 1, 0, 0])],
  },
  {
    name: 'sort, topk: seeded 5×64 (ties from int values) against the oracle',
    ops: ['sort', 'topk'],
    run: () => {
      const x = ops.cast(randInt([5, 64], 164, -8, 8), 'float32');
      return [...ops.sort(x, { axis: 1, descending: true }), ...ops.topk(normal([64, 5], 165), 7, { dim: 0 })];
    },
  },
  {
    name: 'tril, triu: diagonals and batches',
    ops: ['tril', 'triu'],
    run: () => [ops.tril(iota([2, 3])), ops.triu(iota([2, 3]), 1), ops.tril(bool([true, true, true, true], [1, 2, 2]), -1)],
    expected: [out.f32([2, 3], [0, 0, 0, 3, 4, 0]), out.f32([2, 3], [0, 1, 2, 0, 0, 5]), out.bool([1, 2, 2], [0, 0, 1, 0])],
  },
  {
    name: 'maskedFill: a broadcast mask, a number and a 0-d Tensor',
    ops: ['maskedFill'],
    run: () => [ops.maskedFill(iota([2, 3]), bool([false, true, true]), -1), ops.maskedFill(i32([1, 2]), bool([true, false]), f32(7, []))],
    expected: [out.f32([2, 3], [0, -1, -1, 3, -1, -1]), out.i32([2], [7, 2])],
  },
  {
    name: 'gatherElements: along each dim, negative indices',
    ops: ['gatherElements'],
    run: () => [
      ops.gatherElements(
        f32(X),
        1,
        i32([
          [3, 0],
          [-1, 1],
        ]),
      ),
      ops.gatherElements(i32(X), 0, [[1, 0, 1, 0]]),
    ],
    expected: [out.f32([2, 2], [1, 3, 4, -2]), out.i32([1, 4], [0, 1, 5, 1])],
  },
  {
    name: "tensorScatterElements, scatter: 'none' and 'add'",
    ops: ['tensorScatterElements', 'scatter'],
    run: () => [
      ops.tensorScatterElements(f32(X), [[1, 0, 1, 0]], f32([[9, 8, 7, 6]])),
      ops.tensorScatterElements(
        f32(X),
        [
          [0, 0],
          [3, 3],
        ],
        f32([
          [1, 2],
          [3, 4],
        ]),
        { axis: 1, reduction: 'add' },
      ),
      ops.scatter(i32([0, 0, 0]), 0, [2, 0], i32([5, 7])),
    ],
    expected: [out.f32([2, 4], [3, 8, 2, 6, 9, -2, 7, 4]), out.f32([2, 4], [6, 1, 2, 1, 0, -2, 5, 11]), out.i32([3], [7, 0, 5])],
  },
  {
    name: 'repeatInterleave: a count, per-element counts, flattened',
    ops: ['repeatInterleave'],
    run: () => [
      ops.repeatInterleave(f32(X), 2, 0),
      ops.repeatInterleave(i32([1, 2, 3]), [0, 2, 1]),
      ops.repeatInterleave(i32([[1, 2]]), 2),
    ],
    expected: [out.f32([4, 4], [3, 1, 2, 1, 3, 1, 2, 1, 0, -2, 5, 4, 0, -2, 5, 4]), out.i32([3], [2, 2, 3]), out.i32([4], [1, 1, 2, 2])],
  },
];
