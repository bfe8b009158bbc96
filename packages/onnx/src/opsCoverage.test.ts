/**
 * Each family of primitives, exported through small functions and run in onnxruntime-node:
 * elementwise (float, int and bool), reductions, shapes and slices, gathers, casts, cumulative
 * sums, convolutions and pooling with padding, strides, dilations and groups. Outputs equal
 * mindts's to 1e-5 at the traced batch size and at another.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, randn, registerBackend, setBackend, setSeed, slice, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameOutputs, flatTensors } from './ort.testkit.js';
import { toOnnx } from './toOnnx.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
  setSeed(11);
});

type Case = readonly [name: string, fn: (...xs: Tensor[]) => unknown, make: (batch: number) => Tensor[]];

const x4 = (b: number) => [randn([b, 4])];
const ints = (b: number) => [
  tensor(
    Array.from({ length: b * 4 }, (_, i) => ((i * 7) % 11) - 5),
    'int32',
  ).reshape([b, 4]),
];
const nonzeroInts = (b: number) => [
  tensor(
    Array.from({ length: b * 4 }, (_, i) => ((i * 5) % 7) - 3 || 2),
    'int32',
  ).reshape([b, 4]),
];

const CASES: readonly Case[] = [
  [
    'float unary ops',
    (x) => [
      ops.neg(x),
      ops.abs(x),
      ops.sign(x),
      ops.exp(x),
      ops.expm1(x),
      ops.log(ops.add(ops.abs(x), 1)),
      ops.log1p(ops.abs(x)),
      ops.sqrt(ops.abs(x)),
      ops.rsqrt(ops.add(ops.abs(x), 0.5)),
      ops.square(x),
      ops.reciprocal(ops.add(ops.abs(x), 1)),
      ops.sin(x),
      ops.cos(x),
      ops.tan(ops.mul(x, 0.3)),
      ops.tanh(x),
      ops.sigmoid(x),
      ops.relu(x),
      ops.gelu(x),
      ops.softplus(x),
      ops.erf(x),
      ops.floor(ops.mul(x, 3)),
      ops.ceil(ops.mul(x, 3)),
      ops.round(ops.mul(x, 3)),
    ],
    x4,
  ],
  [
    'isNaN and isFinite',
    (x) => [ops.isNaN(ops.log(x)), ops.isFinite(ops.div(ops.log(x), x))],
    (b) => [
      tensor(
        Array.from({ length: b * 4 }, (_, i) => (i % 4) - 1),
        'float32',
      ).reshape([b, 4]),
    ],
  ],
  [
    'float binary ops, comparisons and logic',
    (a, b) => {
      const m = ops.greater(a, b);
      return [
        ops.add(a, b),
        ops.sub(a, b),
        ops.mul(a, b),
        ops.div(a, ops.add(ops.abs(b), 0.5)),
        ops.floorDiv(a, ops.add(ops.abs(b), 0.5)),
        ops.mod(ops.mul(a, 5), ops.add(b, 0.01)),
        ops.pow(ops.abs(a), 2.5),
        ops.maximum(a, b),
        ops.minimum(a, b),
        ops.equal(ops.round(a), ops.round(b)),
        ops.notEqual(ops.round(a), ops.round(b)),
        ops.less(a, b),
        ops.lessEqual(a, b),
        ops.greaterEqual(a, b),
        ops.logicalAnd(m, ops.greater(a, 0)),
        ops.logicalOr(m, ops.greater(a, 0)),
        ops.logicalXor(m, ops.greater(a, 0)),
        ops.logicalNot(m),
        ops.where(m, a, b),
        ops.clip(a, -0.5, 0.5),
      ];
    },
    (b) => [randn([b, 4]), randn([1, 4])],
  ],
  [
    'int32 arithmetic (truncating div, NumPy floor division and modulo)',
    (a, b) => [ops.add(a, b), ops.mul(a, b), ops.div(a, b), ops.floorDiv(a, b), ops.mod(a, b), ops.neg(a), ops.abs(a), ops.maximum(a, b)],
    (b) => [...ints(b), ...nonzeroInts(b)],
  ],
  [
    'reductions',
    (x) => [
      ops.sum(x, 1),
      ops.sum(x, [0, 2], true),
      ops.mean(x, -1),
      ops.prod(x, 2),
      ops.amax(x, 1),
      ops.amin(x, [1, 2]),
      ops.argmax(x, 2),
      ops.argmin(x, 1),
      ops.any(ops.greater(x, 1), 2),
      ops.all(ops.greater(x, -1), 1),
      ops.logsumexp(x, 2),
      ops.softmax(x, 1),
      ops.logSoftmax(x),
      ops.variance(x, 2),
      ops.sum(ops.greater(x, 0), 2),
    ],
    (b) => [randn([b, 3, 5])],
  ],
  [
    'shapes: reshape, transpose, slices, concat, stack, split, tile, broadcast, flips',
    (x) => [
      ops.reshape(x, [-1, 3, 2]),
      ops.transpose(x, [2, 0, 1]),
      x.getItem([slice(null), slice(1, 3)]),
      x.getItem([slice(null), slice(null, null, -1), slice(0, null, 2)]),
      ops.concat([x, ops.mul(x, 2)], 1),
      ops.stack([x, x], 1),
      ...ops.split(x, [1, 2], 1),
      ops.tile(x, [1, 2, 1]),
      ops.broadcastTo(ops.expandDims(x, 1), [x.shape[0] as number, 2, 3, 2]),
      ops.squeeze(ops.expandDims(x, 0), 0),
      ops.flatten(x),
      ops.add(x, ops.zeros([...x.shape])),
      ops.mul(x, ops.ones([3, 2])),
      ops.pad(x, [1, 0, 0, 2]),
      ops.tril(ops.reshape(x, [-1, 3, 2])),
    ],
    (b) => [randn([b, 3, 2])],
  ],
  [
    'in-place updates (setItem) on a copy',
    (x) => {
      const y = ops.mul(x, 1);
      y.setItem([slice(null), 1], ops.zeros([x.shape[0] as number, 2]));
      y.setItem([slice(null), slice(null, null, -1), 0], ops.mul(x.getItem([slice(null), slice(null), 1]), 10));
      return y;
    },
    (b) => [randn([b, 3, 2])],
  ],
  [
    'gathers, one-hot, casts and cumulative sums',
    (x, idx) => [
      ops.gather(x, idx, 1),
      ops.oneHot(idx, 4),
      ops.cast(ops.mul(x, 3), 'int32'),
      ops.cast(idx, 'float32'),
      ops.cast(x, 'bool'),
      ops.cumsum(x, 1),
      ops.maskedFill(x, ops.greater(x, 0.5), -1),
    ],
    (b) => [
      randn([b, 4]),
      tensor(
        Array.from({ length: b * 3 }, (_, i) => (i * 3) % 4),
        'int32',
      ).reshape([b, 3]),
    ],
  ],
  [
    'convolution and pooling with padding, strides, dilations and groups',
    (x, w1, w2) => [
      ops.conv2d(x, w1, { stride: 2, padding: [1, 2], dilation: [1, 2] }),
      ops.conv2d(x, w2, { padding: 'same', groups: 2 }),
      ops.maxPool2d(x, 3, { stride: 2, padding: 1 }),
      ops.avgPool2d(x, [2, 3], { stride: [1, 2], padding: [1, 1] }),
      ops.adaptiveAvgPool2d(x, [2, 2]),
    ],
    (b) => [randn([b, 4, 7, 8]), randn([6, 4, 3, 3]), randn([4, 2, 3, 3])],
  ],
  [
    'matmul with transposes and broadcast batches',
    (a, b) => [
      ops.matmul(a, b, { transposeB: true }),
      ops.matmul(a, b, { transposeA: true, transposeB: false }).sum(),
      ops.bmm(a, ops.transpose(a, [0, 2, 1])),
    ],
    (b) => [randn([b, 3, 3]), randn([1, 3, 3])],
  ],
];

describe('every primitive family exports and runs in onnxruntime', () => {
  for (const [name, fn, make] of CASES) {
    it(name, async () => {
      const model = await toOnnx(fn, make(3));
      expect(model.fixedBatchReason).toBe(null);
      for (const b of [3, 2]) {
        const inputs = make(b);
        await expectSameOutputs(model, inputs, fn(...inputs));
      }
      expect(flatTensors(fn(...make(3))).length).toBe(model.outputs.length);
    });
  }
});
