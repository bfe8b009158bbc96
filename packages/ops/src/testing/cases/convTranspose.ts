/**
 * conv1d, conv2dTranspose (stride, padding modes, outputPadding, dilation, groups, bias) and
 * adaptiveAvgPool2d, NCHW.
 */
import * as ops from '../../index.js';
import { f32, iota, normal } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const CONV = { atol: 2e-5, rtol: 1e-4 };

/**
 * The cases of the transposed and 1-D convolutions and adaptive pooling.
 * @example
 * import { convTransposeCases } from '@mindts/ops/testing';
 * convTransposeCases.map((c) => c.name);
 */
export const convTransposeCases: ConformanceCase[] = [
  {
    name: 'conv1d: [0, 1, 2, 3] with a ones kernel of 2, valid',
    ops: ['conv1d'],
    run: () => ops.conv1d(iota([1, 1, 4]), f32([1, 1], [1, 1, 2])),
    expected: out.f32([1, 1, 3], [1, 3, 5]),
  },
  {
    name: "conv1d: seeded 'same' padding, stride 2, dilation 2, 2 groups, bias",
    ops: ['conv1d'],
    run: () =>
      ops.conv1d(normal([2, 4, 9], 301), normal([6, 2, 3], 302), {
        padding: 'same',
        stride: 2,
        dilation: 2,
        groups: 2,
        bias: normal([6], 303),
      }),
    tolerance: CONV,
  },
  {
    name: 'conv2dTranspose: 2×2 input, 2×2 ones kernel, stride 1',
    ops: ['conv2dTranspose'],
    run: () => ops.conv2dTranspose(f32([1, 2, 3, 4], [1, 1, 2, 2]), f32([1, 1, 1, 1], [1, 1, 2, 2])),
    expected: out.f32([1, 1, 3, 3], [1, 3, 2, 4, 10, 6, 3, 7, 4]),
  },
  {
    name: 'conv2dTranspose: stride 2 tiles each input over its 2×2 block',
    ops: ['conv2dTranspose'],
    run: () => ops.conv2dTranspose(f32([1, 2, 3, 4], [1, 1, 2, 2]), f32([1, 1, 1, 1], [1, 1, 2, 2]), { stride: 2 }),
    expected: out.f32([1, 1, 4, 4], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]),
  },
  {
    name: 'conv2dTranspose: seeded stride [2, 1], padding [1, 0, 2, 1], outputPadding [1, 0], dilation [1, 2], 2 groups, bias',
    ops: ['conv2dTranspose'],
    run: () =>
      ops.conv2dTranspose(normal([2, 4, 5, 4], 311), normal([4, 3, 3, 2], 312), {
        stride: [2, 1],
        padding: [1, 0, 2, 1],
        outputPadding: [1, 0],
        dilation: [1, 2],
        groups: 2,
        bias: normal([6], 313),
      }),
    tolerance: CONV,
  },
  {
    name: "conv2dTranspose: seeded 'same' and 'valid' with a kernel smaller than the stride",
    ops: ['conv2dTranspose'],
    run: () => [
      ops.conv2dTranspose(normal([1, 2, 3, 3], 321), normal([2, 2, 2, 2], 322), { stride: 3, padding: 'same' }),
      ops.conv2dTranspose(normal([1, 2, 3, 3], 321), normal([2, 2, 3, 3], 323), { stride: 2, padding: 'valid' }),
    ],
    tolerance: CONV,
  },
  {
    name: 'adaptiveAvgPool2d: width 5 into bins [0, 2), [1, 4), [3, 5)',
    ops: ['adaptiveAvgPool2d'],
    run: () => ops.adaptiveAvgPool2d(iota([1, 1, 1, 5]), [1, 3]),
    expected: out.f32([1, 1, 1, 3], [0.5, 2, 3.5]),
  },
  {
    name: 'adaptiveAvgPool2d: seeded 7×6 to 3×4, and 3-D input to 1',
    ops: ['adaptiveAvgPool2d'],
    run: () => [ops.adaptiveAvgPool2d(normal([2, 3, 7, 6], 331), [3, 4]), ops.adaptiveAvgPool2d(normal([3, 4, 5], 332), 1)],
    tolerance: CONV,
  },
];
