/**
 * Ops that cut and join tensors: concat, stack, split, slice and gather.
 */
import * as ops from '../../index.js';
import { bool, f32, i32, iota, normal, randInt } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const M = () =>
  f32([
    [1, 2, 3],
    [4, 5, 6],
  ]);

const concatCases: ConformanceCase[] = [
  {
    name: 'concat: axis 0 with an empty piece',
    ops: ['concat'],
    run: () => ops.concat([M(), f32([], [0, 3]), f32([[7, 8, 9]])]),
    expected: out.f32([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
  },
  {
    name: 'concat: axis 1 and −1',
    ops: ['concat'],
    run: () => [
      ops.concat([M(), f32([[0], [-1]])], 1),
      ops.concat(
        [
          i32([[1], [2]]),
          i32([
            [3, 4],
            [5, 6],
          ]),
        ],
        -1,
      ),
    ],
    expected: [out.f32([2, 4], [1, 2, 3, 0, 4, 5, 6, -1]), out.i32([2, 3], [1, 3, 4, 2, 5, 6])],
  },
  {
    name: 'concat: bool, and int32 with float32 promotes',
    ops: ['concat'],
    run: () => [ops.concat([bool([true]), bool([false, true])]), ops.concat([i32([1, 2]), f32([0.5])])],
    expected: [out.bool([3], [1, 0, 1]), out.f32([3], [1, 2, 0.5])],
  },
  {
    name: 'concat: seeded pieces of odd widths on the last axis of a 3-D tensor',
    ops: ['concat'],
    run: () => ops.concat([normal([2, 3, 1], 101), normal([2, 3, 5], 102), normal([2, 3, 2], 103)], 2),
  },
  {
    name: 'stack: axis 0, 1 and −1',
    ops: ['stack'],
    run: () => {
      const a = f32([1, 2]);
      const b = f32([3, 4]);
      return [ops.stack([a, b]), ops.stack([a, b], 1), ops.stack([i32([[1, 2]]), i32([[3, 4]])], -1)];
    },
    expected: [out.f32([2, 2], [1, 2, 3, 4]), out.f32([2, 2], [1, 3, 2, 4]), out.i32([1, 2, 2], [1, 3, 2, 4])],
  },
];

const cutCases: ConformanceCase[] = [
  {
    name: 'split: by a size, the last piece shorter',
    ops: ['split'],
    run: () => ops.split(iota([5]), 2),
    expected: [out.f32([2], [0, 1]), out.f32([2], [2, 3]), out.f32([1], [4])],
  },
  {
    name: 'split: sections along axis 1',
    ops: ['split'],
    run: () => ops.split(iota([2, 5]), [1, 3, 1], 1),
    expected: [out.f32([2, 1], [0, 5]), out.f32([2, 3], [1, 2, 3, 6, 7, 8]), out.f32([2, 1], [4, 9])],
  },
  {
    name: 'split: int32 along axis −1',
    ops: ['split'],
    run: () => ops.split(i32([[1, 2, 3, 4]]), 2, -1),
    expected: [out.i32([1, 2], [1, 2]), out.i32([1, 2], [3, 4])],
  },
  {
    name: 'slice: begin and size',
    ops: ['slice'],
    run: () => ops.slice(iota([3, 4]), [1, 1], [2, 2]),
    expected: out.f32([2, 2], [5, 6, 9, 10]),
  },
  {
    name: 'slice: size −1 runs to the end; int32; empty size',
    ops: ['slice'],
    run: () => [
      ops.slice(
        i32([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        [1, 0],
        [1, -1],
      ),
      ops.slice(iota([3, 4]), [0, 2], [3, 0]),
    ],
    expected: [out.i32([1, 3], [4, 5, 6]), out.f32([3, 0], [])],
  },
  {
    name: 'slice: seeded 3-D block',
    ops: ['slice'],
    run: () => ops.slice(normal([4, 7, 9], 104), [1, 2, 3], [3, 4, 5]),
  },
];

const gatherCases: ConformanceCase[] = [
  {
    name: 'gather: rows along axis 0 with repeats',
    ops: ['gather'],
    run: () =>
      ops.gather(
        f32([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        i32([2, 0, 2]),
      ),
    expected: out.f32([3, 2], [5, 6, 1, 2, 5, 6]),
  },
  {
    name: 'gather: axis 1 with 2-D indices',
    ops: ['gather'],
    run: () =>
      ops.gather(
        i32([
          [10, 11, 12],
          [20, 21, 22],
        ]),
        i32([
          [2, 0],
          [1, 1],
        ]),
        1,
      ),
    expected: out.i32([2, 2, 2], [12, 10, 11, 11, 22, 20, 21, 21]),
  },
  {
    name: 'gather: bool values, and an empty index list',
    ops: ['gather'],
    run: () => [ops.gather(bool([true, false, true]), i32([1, 2])), ops.gather(iota([3, 2]), i32([], [0]))],
    expected: [out.bool([2], [0, 1]), out.f32([0, 2], [])],
  },
  {
    name: 'gather: seeded embedding lookup [50, 7] by [4, 6] indices',
    ops: ['gather'],
    run: () => ops.gather(normal([50, 7], 105), randInt([4, 6], 106, 0, 50)),
  },
];

/**
 * Cases for concat, stack, split, slice and gather.
 * @example
 * import { joinCases } from '@mindts/ops/testing';
 * joinCases.length;
 */
export const joinCases: readonly ConformanceCase[] = [...concatCases, ...cutCases, ...gatherCases];
