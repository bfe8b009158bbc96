/**
 * Layout ops that move or repeat elements without arithmetic: reshape, transpose, expandDims,
 * squeeze, flatten, broadcastTo and tile, on float32, int32 and bool, including empty tensors.
 */
import * as ops from '../../index.js';
import { bool, f32, i32, iota, normal, randBool } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const reshapeCases: ConformanceCase[] = [
  {
    name: 'reshape: [2, 3, 4] → [4, −1] keeps row-major order',
    ops: ['reshape'],
    run: () => ops.reshape(iota([2, 3, 4]), [4, -1]),
    expected: out.f32([4, 6], range(24)),
  },
  {
    name: 'reshape: int32 and bool, to and from scalars and empties',
    ops: ['reshape'],
    run: () => [
      ops.reshape(i32([[5]]), []),
      ops.reshape(bool([true, false, false, true]), [2, 1, 2]),
      ops.reshape(f32([], [0, 3]), [3, 0]),
    ],
    expected: [out.i32([], [5]), out.bool([2, 1, 2], [1, 0, 0, 1]), out.f32([3, 0], [])],
  },
];

/** iota([2, 3, 4]) transposed by perm [1, 2, 0]: out[j, k, i] = 12i + 4j + k. */
const PERMUTED = range(3).flatMap((j) => range(4).flatMap((k) => range(2).map((i) => 12 * i + 4 * j + k)));

const transposeCases: ConformanceCase[] = [
  {
    name: 'transpose: 2-D default reverses the axes',
    ops: ['transpose'],
    run: () => ops.transpose(iota([2, 3])),
    expected: out.f32([3, 2], [0, 3, 1, 4, 2, 5]),
  },
  {
    name: 'transpose: 3-D perm [1, 2, 0]',
    ops: ['transpose'],
    run: () => ops.transpose(iota([2, 3, 4]), [1, 2, 0]),
    expected: out.f32([3, 4, 2], PERMUTED),
  },
  {
    name: 'transpose: int32 1×N and bool',
    ops: ['transpose'],
    run: () => [
      ops.transpose(i32([[1, 2, 3, 4, 5]])),
      ops.transpose(
        bool([
          [true, false],
          [false, false],
        ]),
        [1, 0],
      ),
    ],
    expected: [out.i32([5, 1], [1, 2, 3, 4, 5]), out.bool([2, 2], [1, 0, 0, 0])],
  },
  {
    name: 'transpose: seeded [5, 7, 3, 2] perm [3, 1, 0, 2]',
    ops: ['transpose'],
    run: () => ops.transpose(normal([5, 7, 3, 2], 91), [3, 1, 0, 2]),
  },
  { name: 'transpose: empty [0, 3]', ops: ['transpose'], run: () => ops.transpose(f32([], [0, 3])), expected: out.f32([3, 0], []) },
];

const axisCases: ConformanceCase[] = [
  {
    name: 'expandDims: axis 0 and −1',
    ops: ['expandDims'],
    run: () => [ops.expandDims(iota([2, 3]), 0), ops.expandDims(i32([1, 2]), -1)],
    expected: [out.f32([1, 2, 3], range(6)), out.i32([2, 1], [1, 2])],
  },
  {
    name: 'squeeze: every size-1 axis, or one',
    ops: ['squeeze'],
    run: () => [ops.squeeze(iota([1, 3, 1])), ops.squeeze(iota([1, 3, 1]), 0), ops.squeeze(bool([[true]]))],
    expected: [out.f32([3], [0, 1, 2]), out.f32([3, 1], [0, 1, 2]), out.bool([], [1])],
  },
  {
    name: 'flatten: keeps the batch axis by default; startDim/endDim',
    ops: ['flatten'],
    run: () => [ops.flatten(iota([2, 3, 4])), ops.flatten(iota([2, 3, 4]), { startDim: 0, endDim: 1 })],
    expected: [out.f32([2, 12], range(24)), out.f32([6, 4], range(24))],
  },
];

const repeatCases: ConformanceCase[] = [
  {
    name: 'broadcastTo: [3] → [2, 3]',
    ops: ['broadcastTo'],
    run: () => ops.broadcastTo(f32([1, 2, 3]), [2, 3]),
    expected: out.f32([2, 3], [1, 2, 3, 1, 2, 3]),
  },
  {
    name: 'broadcastTo: [3, 1] → [2, −1, 4], int32',
    ops: ['broadcastTo'],
    run: () => ops.broadcastTo(i32([[1], [2], [3]]), [2, -1, 4]),
    expected: out.i32(
      [2, 3, 4],
      [0, 1].flatMap(() => [1, 2, 3].flatMap((v) => [v, v, v, v])),
    ),
  },
  {
    name: 'broadcastTo: bool and seeded float32 to odd shapes',
    ops: ['broadcastTo'],
    run: () => [ops.broadcastTo(randBool([1, 5], 92), [3, 5]), ops.broadcastTo(normal([7, 1, 3], 93), [2, 7, 5, 3])],
  },
  {
    name: 'broadcastTo: to an empty shape',
    ops: ['broadcastTo'],
    run: () => ops.broadcastTo(f32([1, 2]), [0, 2]),
    expected: out.f32([0, 2], []),
  },
  {
    name: 'tile: [1, 2] by [2, 2]',
    ops: ['tile'],
    run: () => ops.tile(f32([[1, 2]]), [2, 2]),
    expected: out.f32([2, 4], [1, 2, 1, 2, 1, 2, 1, 2]),
  },
  {
    name: 'tile: more multiples than axes, int32',
    ops: ['tile'],
    run: () => ops.tile(i32([1, 2, 3]), [2, 1]),
    expected: out.i32([2, 3], [1, 2, 3, 1, 2, 3]),
  },
  {
    name: 'tile: seeded [3, 1, 5] by [2, 4, 1], and bool',
    ops: ['tile'],
    run: () => [ops.tile(normal([3, 1, 5], 94), [2, 4, 1]), ops.tile(randBool([2, 3], 95), [3, 2])],
  },
];

/**
 * Cases for reshape, transpose, expandDims, squeeze, flatten, broadcastTo and tile.
 * @example
 * import { shapeCases } from '@mindts/ops/testing';
 * shapeCases.length;
 */
export const shapeCases: readonly ConformanceCase[] = [...reshapeCases, ...transposeCases, ...axisCases, ...repeatCases];
