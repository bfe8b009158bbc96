/**
 * conv2d (stride, padding, dilation, groups, bias) and max/average pooling, NCHW.
 */
import * as ops from '../../index.js';
import { f32, i32, iota, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/** Sums of products over up to 3·3·3 taps; a little looser than elementwise. */
const CONV = { atol: 2e-5, rtol: 1e-4 };

const conv2dCases: ConformanceCase[] = [
  {
    name: 'conv2d: 3×3 input, 2×2 ones kernel, valid',
    ops: ['conv2d'],
    run: () => ops.conv2d(iota([1, 1, 3, 3]), f32([1, 1, 1, 1], [1, 1, 2, 2])),
    expected: out.f32([1, 1, 2, 2], [8, 12, 20, 24]),
  },
  {
    name: 'conv2d: stride 2, padding 1',
    ops: ['conv2d'],
    run: () => ops.conv2d(iota([1, 1, 4, 4]), f32(new Array(9).fill(1), [1, 1, 3, 3]), { stride: 2, padding: 1 }),
    expected: out.f32([1, 1, 2, 2], [10, 24, 51, 90]),
  },
  {
    name: 'conv2d: dilation 2',
    ops: ['conv2d'],
    run: () => ops.conv2d(iota([1, 1, 5, 5]), f32([1, 2, 3, 4], [1, 1, 2, 2]), { dilation: 2 }),
    expected: out.f32([1, 1, 3, 3], [82, 92, 102, 132, 142, 152, 182, 192, 202]),
  },
  {
    name: 'conv2d: 2 groups of 1×1 kernels with bias',
    ops: ['conv2d'],
    run: () =>
      ops.conv2d(f32([1, 2, 3, 4, 10, 20, 30, 40], [1, 2, 2, 2]), f32([2, -1], [2, 1, 1, 1]), {
        groups: 2,
        bias: f32([0.5, 1]),
      }),
    expected: out.f32([1, 2, 2, 2], [2.5, 4.5, 6.5, 8.5, -9, -19, -29, -39]),
  },
  {
    name: "conv2d: int32 inputs compute in float32; 'same' padding",
    ops: ['conv2d'],
    run: () => ops.conv2d(i32([1, 2, 3, 4], [1, 1, 2, 2]), i32([1, 1, 1, 1], [1, 1, 2, 2]), { padding: 'same' }),
    expected: out.f32([1, 1, 2, 2], [10, 6, 7, 4]),
  },
  {
    name: 'conv2d: seeded batch 2, 3 → 4 channels, 7×9, kernel 3×2, stride [2, 1], padding [1, 0], dilation [1, 2], bias',
    ops: ['conv2d'],
    run: () =>
      ops.conv2d(normal([2, 3, 7, 9], 111), normal([4, 3, 3, 2], 112), {
        stride: [2, 1],
        padding: [1, 0],
        dilation: [1, 2],
        bias: normal([4], 113),
      }),
    tolerance: CONV,
  },
  {
    name: "conv2d: seeded 'same' padding with stride 2 on 6×5",
    ops: ['conv2d'],
    run: () => ops.conv2d(normal([1, 2, 6, 5], 114), normal([3, 2, 3, 3], 115), { stride: 2, padding: 'same' }),
    tolerance: CONV,
  },
  {
    name: 'conv2d: seeded asymmetric padding [0, 1, 2, 0]',
    ops: ['conv2d'],
    run: () => ops.conv2d(normal([1, 3, 5, 5], 116), normal([2, 3, 2, 3], 117), { padding: [0, 1, 2, 0] }),
    tolerance: CONV,
  },
  {
    name: 'conv2d: seeded depthwise, groups = channels = 4, and 2 groups of 3 → 2',
    ops: ['conv2d'],
    run: () => [
      ops.conv2d(normal([2, 4, 6, 6], 118), normal([4, 1, 3, 3], 119), { groups: 4, padding: 1 }),
      ops.conv2d(normal([1, 6, 5, 4], 120), normal([4, 3, 2, 2], 121), { groups: 2 }),
    ],
    tolerance: CONV,
  },
];

const poolCases: ConformanceCase[] = [
  {
    name: 'maxPool2d: 2×2 windows',
    ops: ['maxPool2d'],
    run: () => ops.maxPool2d(iota([1, 1, 4, 4]), 2),
    expected: out.f32([1, 1, 2, 2], [5, 7, 13, 15]),
  },
  {
    name: 'avgPool2d: 2×2 windows',
    ops: ['avgPool2d'],
    run: () => ops.avgPool2d(iota([1, 1, 4, 4]), 2),
    expected: out.f32([1, 1, 2, 2], [2.5, 4.5, 10.5, 12.5]),
  },
  {
    name: 'maxPool2d: 3×3, stride 2, padding 1 never picks the padding',
    ops: ['maxPool2d'],
    run: () => ops.maxPool2d(iota([1, 1, 4, 4], -1), 3, { stride: 2, padding: 1 }),
    expected: out.f32([1, 1, 2, 2], [0, -1, -4, -5]),
  },
  {
    name: 'avgPool2d: 3×3, stride 2, padding 1 excludes the padding from the count',
    ops: ['avgPool2d'],
    run: () => ops.avgPool2d(iota([1, 1, 4, 4]), 3, { stride: 2, padding: 1 }),
    expected: out.f32([1, 1, 2, 2], [2.5, 4, 8.5, 10]),
  },
  {
    name: 'maxPool2d: int32 stays int32; avgPool2d of int32 is float32',
    ops: ['maxPool2d', 'avgPool2d'],
    run: () => {
      const x = i32([1, -2, 3, 4, -5, 6, 7, 8], [1, 2, 2, 2]);
      return [ops.maxPool2d(x, 2), ops.avgPool2d(x, [1, 2])];
    },
    expected: [out.i32([1, 2, 1, 1], [4, 8]), out.f32([1, 2, 2, 1], [-0.5, 3.5, 0.5, 7.5])],
  },
  {
    name: 'pooling: seeded [2, 3, 7, 9], 3×3 stride 2, and [2, 3] stride [1, 2] same padding',
    ops: ['maxPool2d', 'avgPool2d'],
    run: () => {
      const x = uniform([2, 3, 7, 9], 122, -3, 3);
      return [
        ops.maxPool2d(x, 3, { stride: 2 }),
        ops.avgPool2d(x, 3, { stride: 2 }),
        ops.maxPool2d(x, [2, 3], { stride: [1, 2], padding: 'same' }),
        ops.avgPool2d(x, [2, 3], { stride: [1, 2], padding: 'same' }),
      ];
    },
  },
];

/**
 * Cases for conv2d, maxPool2d and avgPool2d.
 * @example
 * import { convCases } from '@mindts/ops/testing';
 * convCases.length;
 */
export const convCases: readonly ConformanceCase[] = [...conv2dCases, ...poolCases];
