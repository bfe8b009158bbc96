import * as ops from '@mindts/ops';
import type { DType } from '@mindts/tensor';
import { type BinaryOp, broadcastShapes, runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';
import { planBlocks } from './broadcastBlocks.js';
import { planBroadcast } from './broadcastPlan.js';

beforeAll(useBackends);

// Broadcasts with no single rows × inner plan: a middle axis repeated in one input and not the
// other, both inputs broadcast along different axes, attention masks, rank-5 checkerboards.
const GENERAL: [number[], number[]][] = [
  [
    [2, 1, 3],
    [4, 1],
  ],
  [
    [16, 4, 8, 9],
    [16, 1, 1, 9],
  ],
  [
    [3, 1, 5],
    [1, 4, 1],
  ],
  [
    [2, 1, 3, 1, 5],
    [1, 4, 1, 6, 1],
  ],
  [
    [5, 1, 7],
    [5, 6, 7],
  ],
  [
    [2, 3, 1, 4],
    [3, 5, 1],
  ],
];

describe('planBlocks', () => {
  it('merges what every input walks alike and keeps the rest as outer blocks', () => {
    const p = planBlocks(
      [
        [16, 4, 8, 9],
        [16, 1, 1, 9],
      ],
      [16, 4, 8, 9],
    );
    expect(p).toEqual({
      rows: 32,
      inner: 9,
      walks: [
        { rowStride: 9, vec: 1 },
        { rowStride: 0, vec: 1 },
      ],
      outer: [{ size: 16, strides: [288, 9] }],
    });
  });

  it('drops size-1 axes and collapses same-shape inputs to one run', () => {
    expect(planBlocks([[2, 1, 3], [2, 1, 3], []], [2, 1, 3])).toEqual({
      rows: 1,
      inner: 6,
      walks: [
        { rowStride: 0, vec: 1 },
        { rowStride: 0, vec: 1 },
        { rowStride: 0, vec: 0 },
      ],
      outer: [],
    });
  });

  it('is only needed where planBroadcast has no plan', () => {
    for (const [a, b] of GENERAL) expect(planBroadcast([a, b], broadcastShapes(a, b))).toBeUndefined();
  });
});

const binary = (op: BinaryOp, a: ReturnType<typeof seeded>, b: ReturnType<typeof seeded>) => runKernel('Binary', [a, b], { op });

describe('Binary with any broadcast on wasm', () => {
  for (const [as, bs] of GENERAL) {
    for (const dtype of ['float32', 'int32'] as DType[]) {
      it(`${dtype} [${as}] with [${bs}]: arithmetic and comparisons, both orders, exactly as the oracle`, async () => {
        for (const op of ['add', 'sub', 'mul', 'maximum', 'less', 'equal'] as BinaryOp[]) {
          const r = await onBoth(() => binary(op, seeded(as, 5, dtype, -9, 9), seeded(bs, 6, dtype, -9, 9)));
          expect(r.wasm, op).toEqual(r.cpu);
          const s = await onBoth(() => binary(op, seeded(bs, 7, dtype, -9, 9), seeded(as, 8, dtype, -9, 9)));
          expect(s.wasm, `${op} swapped`).toEqual(s.cpu);
        }
        if (dtype === 'float32') {
          const d = await onBoth(() => binary('div', seeded(as, 5, dtype, 1, 9), seeded(bs, 6, dtype, 1, 9)));
          expect(d.wasm).toEqual(d.cpu);
        }
      });
    }
    it(`bool [${as}] with [${bs}]: logical ops exactly as the oracle`, async () => {
      for (const op of ['logicalAnd', 'logicalOr', 'logicalXor'] as BinaryOp[]) {
        const r = await onBoth(() => binary(op, seeded(as, 1, 'bool'), seeded(bs, 2, 'bool')));
        expect(r.wasm, op).toEqual(r.cpu);
      }
    });
  }

  it('Where with condition, values and fallback broadcast along different axes', async () => {
    for (const dtype of ['float32', 'int32'] as DType[]) {
      const r = await onBoth(() =>
        ops.where(seeded([2, 1, 3, 1], 1, 'bool'), seeded([1, 4, 1, 5], 2, dtype, -9, 9), seeded([4, 3, 1], 3, dtype)),
      );
      expect(r.wasm).toEqual(r.cpu);
    }
  });

  it('runs them all in wasm: no fallback recorded', async () => {
    await onBoth(() => ops.add(seeded([16, 4, 8, 9], 1), seeded([16, 1, 1, 9], 2)));
    const b = await wasmBackend();
    expect(b.explain().fallbacks.filter((f) => f.primitive === 'Binary' || f.primitive === 'Where')).toEqual([]);
  });
});
