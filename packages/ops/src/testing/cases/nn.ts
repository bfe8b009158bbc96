/**
 * Softmax, log-softmax, one-hot encoding and dropout.
 */
import { randomValue } from '@mindts/tensor/backend';
import * as ops from '../../index.js';
import { f32, i32, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

const softmaxRow = (xs: number[]) => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const ROWS = [
  [1, 2, 3],
  [1000, 1000, 1000],
  [-1000, 0, -1000],
];

const softmaxCases: ConformanceCase[] = [
  {
    name: 'softmax: last axis, stable for ±1000',
    ops: ['softmax'],
    run: () => ops.softmax(f32(ROWS)),
    expected: out.f32([3, 3], ROWS.flatMap(softmaxRow)),
    tolerance: { atol: 1e-6, rtol: 1e-5 },
  },
  {
    name: 'logSoftmax: last axis, stable for ±1000',
    ops: ['logSoftmax'],
    run: () => ops.logSoftmax(f32(ROWS)),
    expected: out.f32(
      [3, 3],
      ROWS.flatMap((r) => {
        const m = Math.max(...r);
        const lse = m + Math.log(r.reduce((s, x) => s + Math.exp(x - m), 0));
        return r.map((x) => x - lse);
      }),
    ),
  },
  {
    name: 'softmax: axis 0',
    ops: ['softmax'],
    run: () =>
      ops.softmax(
        f32([
          [0, 1],
          [0, 1],
          [Math.log(2), 1],
        ]),
        0,
      ),
    expected: out.f32([3, 2], [0.25, 1 / 3, 0.25, 1 / 3, 0.5, 1 / 3]),
  },
  {
    name: 'softmax, logSoftmax: seeded [4, 37] over each axis',
    ops: ['softmax', 'logSoftmax'],
    run: () => {
      const x = normal([4, 37], 71);
      return [ops.softmax(x, 0), ops.softmax(x, 1), ops.logSoftmax(x, 0), ops.logSoftmax(x, -1)];
    },
  },
  {
    name: 'softmax: seeded [2, 3, 5] over the middle axis',
    ops: ['softmax'],
    run: () => ops.softmax(uniform([2, 3, 5], 72, -5, 5), 1),
  },
];

const oneHotCases: ConformanceCase[] = [
  {
    name: 'oneHot: float32 rows, out-of-range indices give off rows',
    ops: ['oneHot'],
    run: () => ops.oneHot(i32([0, 2, -1, 3, 1]), 3),
    expected: out.f32([5, 3], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
  },
  {
    name: 'oneHot: on/off values and axis 0',
    ops: ['oneHot'],
    run: () => ops.oneHot(i32([1, 0]), 3, 5, -1, 0),
    expected: out.f32([3, 2], [-1, 5, 5, -1, -1, -1]),
  },
  {
    name: 'oneHot: 2-D indices, depth 10',
    ops: ['oneHot'],
    run: () =>
      ops.oneHot(
        i32([
          [3, 9, 0],
          [7, 7, 2],
        ]),
        10,
      ),
  },
];

/** The dropout mask the counter-based generator defines: element i kept iff uniform(seed, i) ≥ p. */
const dropped = (values: readonly number[], p: number, seed: number) =>
  values.map((v, i) => (randomValue('uniform', seed, 0, i, 0, 1) >= p ? v / (1 - p) : 0));
const DROP_INPUT = Array.from({ length: 40 }, (_, i) => (i % 9) - 4 + 0.5);

const dropoutCases: ConformanceCase[] = [
  {
    name: 'dropout: seeded mask and 1/(1−p) scaling are the same on every backend',
    ops: ['dropout'],
    run: () => ops.dropout(f32(DROP_INPUT, [5, 8]), 0.3, { seed: 73 }),
    expected: out.f32([5, 8], dropped(DROP_INPUT, 0.3, 73)),
  },
  {
    name: 'dropout: p = 0.5 on a seeded 7×13 tensor',
    ops: ['dropout'],
    run: () => ops.dropout(normal([7, 13], 74), 0.5, { seed: 75 }),
  },
  {
    name: 'dropout: evaluation mode and p = 0 return the input',
    ops: ['dropout'],
    run: () => [ops.dropout(f32([1, -2, 3]), 0.9, { training: false }), ops.dropout(f32([4, 5]), 0, { seed: 1 })],
    expected: [out.f32([3], [1, -2, 3]), out.f32([2], [4, 5])],
  },
];

/**
 * Cases for softmax, logSoftmax, oneHot and dropout.
 * @example
 * import { nnCases } from '@mindts/ops/testing';
 * nnCases.length;
 */
export const nnCases: readonly ConformanceCase[] = [...softmaxCases, ...oneHotCases, ...dropoutCases];
