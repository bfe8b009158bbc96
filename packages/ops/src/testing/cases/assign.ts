/**
 * In-place updates: assign, assignAdd and assignSub write into the variable they are given.
 */
import * as ops from '../../index.js';
import { f32, i32, normal } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/**
 * Cases for assign, assignAdd and assignSub. Each returns the variable itself, so the check
 * reads the updated storage, not a copy.
 * @example
 * import { assignCases } from '@mindts/ops/testing';
 * assignCases.length;
 */
export const assignCases: readonly ConformanceCase[] = [
  {
    name: 'assign: a tensor value replaces the variable in place',
    ops: ['assign'],
    run: () => {
      const v = f32([1, 2, 3]);
      ops.assign(v, f32([-1, 0.5, 9]));
      return v;
    },
    expected: out.f32([3], [-1, 0.5, 9]),
  },
  {
    name: 'assign: a number broadcasts; an int32 value casts up to a float32 variable',
    ops: ['assign'],
    run: () => [
      ops.assign(
        f32([
          [1, 2],
          [3, 4],
        ]),
        7,
      ),
      ops.assign(f32([0, 0]), i32([5, -6])),
    ],
    expected: [out.f32([2, 2], [7, 7, 7, 7]), out.f32([2], [5, -6])],
  },
  {
    name: 'assignAdd: float32 and int32 variables',
    ops: ['assignAdd'],
    run: () => [ops.assignAdd(f32([1, 2, 3]), f32([0.5, -2, 10])), ops.assignAdd(i32([1, 2]), 40)],
    expected: [out.f32([3], [1.5, 0, 13]), out.i32([2], [41, 42])],
  },
  {
    name: 'assignSub: float32 and int32 variables',
    ops: ['assignSub'],
    run: () => [ops.assignSub(f32([1, 2, 3]), f32([0.5, -2, 10])), ops.assignSub(i32([1, 2]), i32([3, -3]))],
    expected: [out.f32([3], [0.5, 4, -7]), out.i32([2], [-2, 5])],
  },
  {
    name: 'assign, assignAdd, assignSub: a seeded SGD-like sequence on 9×7',
    ops: ['assign', 'assignAdd', 'assignSub'],
    run: () => {
      const w = normal([9, 7], 131);
      const g = normal([9, 7], 132);
      ops.assignSub(w, ops.mul(g, 0.1));
      ops.assignAdd(w, ops.mul(w, 0.01));
      const snapshot = ops.mul(w, 1);
      ops.assign(w, ops.sub(w, g));
      return [snapshot, w];
    },
  },
];
