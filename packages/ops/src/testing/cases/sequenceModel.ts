/**
 * Ops of sequence and vision models built from the primitives: pad, einsum, layerNorm,
 * interpolate and seeded multinomial sampling.
 */
import * as ops from '../../index.js';
import { f32, iota, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/**
 * Cases for pad, einsum, layerNorm, interpolate and multinomial.
 * @example
 * import { sequenceModelCases } from '@mindts/ops/testing';
 * sequenceModelCases.length;
 */
export const sequenceModelCases: readonly ConformanceCase[] = [
  {
    name: 'pad: constant (with cropping), reflect, replicate, circular',
    ops: ['pad'],
    run: () => [
      ops.pad(iota([2, 3]), [1, -1, 0, 1], { value: 9 }),
      ops.pad(iota([2, 3]), [2, 1], { mode: 'reflect' }),
      ops.pad(iota([2, 3]), [1, 1, 1, 0], { mode: 'replicate' }),
      ops.pad(iota([1, 3]), [1, 2], { mode: 'circular' }),
    ],
    expected: [
      out.f32([3, 3], [9, 0, 1, 9, 3, 4, 9, 9, 9]),
      out.f32([2, 6], [2, 1, 0, 1, 2, 1, 5, 4, 3, 4, 5, 4]),
      out.f32([3, 5], [0, 0, 1, 2, 2, 0, 0, 1, 2, 2, 3, 3, 4, 5, 5]),
      out.f32([1, 6], [2, 0, 1, 2, 0, 1]),
    ],
  },
  {
    name: 'einsum: matmul, trace, diagonal, outer, sum, broadcast product',
    ops: ['einsum'],
    run: () => {
      const a = f32([
        [1, 2],
        [3, 4],
      ]);
      return [
        ops.einsum('ij,jk->ik', a, a),
        ops.einsum('ii', a),
        ops.einsum('ii->i', a),
        ops.einsum('i,j->ij', f32([1, 2]), f32([3, 4, 5])),
        ops.einsum('ij->', a),
        ops.einsum('ij,j->ij', a, f32([10, 100])),
      ];
    },
    expected: [
      out.f32([2, 2], [7, 10, 15, 22]),
      out.f32([], [5]),
      out.f32([2], [1, 4]),
      out.f32([2, 3], [3, 4, 5, 6, 8, 10]),
      out.f32([], [10]),
      out.f32([2, 2], [10, 200, 30, 400]),
    ],
  },
  {
    name: 'einsum: seeded attention, ellipsis batch and a three-operand chain',
    ops: ['einsum'],
    run: () => [
      ops.einsum('bhqd,bhkd->bhqk', normal([2, 2, 5, 8], 171), normal([2, 2, 6, 8], 172)),
      ops.einsum('...ij,...jk->...ik', normal([3, 1, 4, 5], 173), normal([2, 5, 3], 174)),
      ops.einsum('bn,anm,bm->ba', normal([2, 3], 175), normal([4, 3, 5], 176), normal([2, 5], 177)),
    ],
  },
  {
    name: 'layerNorm: the last dimension, with weight and bias',
    ops: ['layerNorm'],
    run: () => ops.layerNorm(f32([[1, 2, 3]]), [3], f32([1, 2, 3]), f32([0, 1, 0]), 0),
    expected: out.f32([1, 3], [-Math.sqrt(1.5), 1, 3 * Math.sqrt(1.5)]),
  },
  {
    name: 'layerNorm: seeded 4×2×16 over the last two dimensions',
    ops: ['layerNorm'],
    run: () => ops.layerNorm(normal([4, 2, 16], 178), [2, 16]),
  },
  {
    name: 'interpolate: bilinear (both corner rules), nearest by scale factor',
    ops: ['interpolate'],
    run: () => {
      const img = f32([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]);
      return [
        ops.interpolate(img, { size: [4, 4], mode: 'bilinear' }),
        ops.interpolate(img, { size: 3, mode: 'bilinear', alignCorners: true }),
        ops.interpolate(img, { scaleFactor: 2 }),
      ];
    },
    expected: [
      out.f32([1, 1, 4, 4], [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]),
      out.f32([1, 1, 3, 3], [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]),
      out.f32([1, 1, 4, 4], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]),
    ],
  },
  {
    name: 'interpolate: seeded 2×3×5×7 bilinear up and down',
    ops: ['interpolate'],
    run: () => {
      const x = uniform([2, 3, 5, 7], 179);
      return [ops.interpolate(x, { size: [8, 4], mode: 'bilinear' }), ops.interpolate(x, { scaleFactor: [0.5, 1.5], mode: 'bilinear' })];
    },
  },
  {
    name: 'multinomial: seeded, with and without replacement (exact probabilities)',
    ops: ['multinomial'],
    run: () => {
      const p = f32([
        [0.5, 0, 0.25, 0.25],
        [0, 0, 1, 0],
      ]);
      return [ops.multinomial(p, 16, { seed: 11 }), ops.multinomial(p, 1, { replacement: false, seed: 12 })];
    },
  },
  {
    name: 'multinomial: a one-hot row always draws its category',
    ops: ['multinomial'],
    run: () => [
      ops.multinomial(f32([0, 0, 2, 0]), 5, { seed: 13 }),
      ops.multinomial(f32([[0, 3, 0]]), 1, { replacement: false, seed: 14 }),
    ],
    expected: [out.i32([5], [2, 2, 2, 2, 2]), out.i32([1, 1], [1])],
  },
];
