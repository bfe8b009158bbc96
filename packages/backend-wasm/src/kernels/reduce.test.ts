import * as ops from '@mindts/ops';
import { fromValues, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import type { ReduceOp } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

const reduce = (op: ReduceOp, x: Tensor, axes: number[]) => runKernel('Reduce', [x], { op, axes });

// Consecutive axes of [outer, red, inner] in every position: trailing (rows), leading and middle
// (columns, `inner` lanes at a time), sizes off the vector width.
const CASES: [shape: number[], axes: number[]][] = [
  [[1001], [0]],
  [[7, 13], [1]],
  [[7, 13], [0]],
  [
    [7, 13],
    [0, 1],
  ],
  [[3, 5, 7], [1]],
  [
    [3, 5, 7],
    [1, 2],
  ],
  [
    [3, 5, 7],
    [0, 1],
  ],
  [
    [2, 3, 4, 9],
    [1, 2],
  ],
  [[5, 0], [1]],
  [[0, 5], [0]],
];

describe('Reduce float32 on wasm', () => {
  for (const [shape, axes] of CASES) {
    for (const op of ['sum', 'max', 'min'] as const) {
      if (op !== 'sum' && shape.includes(0)) continue;
      it(`${op} of [${shape}] over [${axes}]`, async () => {
        const r = await onBoth(() => reduce(op, seeded(shape, 11, 'float32', -10, 10), axes));
        expect(r.wasm.shape).toEqual(r.cpu.shape);
        if (op === 'sum') expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-6, 1e-5)).toEqual([]);
        else expect(r.wasm.values).toEqual(r.cpu.values);
      });
    }
  }

  it('sums a million values to float32 rounding of the compensated float64 oracle', async () => {
    const r = await onBoth(() => ops.sum(seeded([1 << 20], 12, 'float32', -1, 1)));
    expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-6, 1e-6)).toEqual([]);
  });

  it('propagates NaN and infinities in rows and columns', async () => {
    const v = [1, Number.NaN, 3, 4, 5, 6, Number.POSITIVE_INFINITY, 8, Number.NEGATIVE_INFINITY, 10, 11, 12];
    for (const axes of [[0], [1]]) {
      for (const op of ['sum', 'max', 'min'] as const) {
        const r = await onBoth(() => reduce(op, fromValues(v, [3, 4], 'float32'), axes));
        expect(r.wasm.values, `${op} over ${axes}`).toEqual(r.cpu.values);
      }
    }
  });

  for (const op of ['argmax', 'argmin'] as const) {
    it(`${op} over each axis of [3, 37, 6] and rows of every length up to 13, in wasm`, async () => {
      for (const axis of [0, 1, 2]) {
        const r = await onBoth(() => reduce(op, seeded([3, 37, 6], 15, 'float32', -10, 10), [axis]));
        expect(r.wasm, `axis ${axis}`).toEqual(r.cpu);
      }
      for (let n = 1; n <= 13; n++) {
        const r = await onBoth(() => reduce(op, seeded([2, n], n, 'float32', -10, 10), [1]));
        expect(r.wasm, `rows of ${n}`).toEqual(r.cpu);
      }
      const reasons = (await wasmBackend()).explain().fallbacks.map((f) => f.reason);
      expect(reasons.filter((r) => r.includes(`'${op}' on float32`))).toEqual([]);
    });

    it(`${op}: the first of tied extremes wins, and the first NaN counts as the extreme`, async () => {
      const rows = [
        [1, 5, 5, 2, 5, 0, 0, 5, 1, 5, 3],
        [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
        [0, 1, 2, 3, 4, 5, 6, Number.NaN, 8, Number.NaN, 1],
        [Number.NaN, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
        [9, 9, 9, 9, 9, -9, 9, 9, 9, 9, -9],
        [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, Number.NaN],
      ];
      const flat = rows.flat();
      for (const axis of [0, 1]) {
        const r = await onBoth(() => reduce(op, fromValues(flat, [rows.length, 11], 'float32'), [axis]));
        expect(r.wasm, `axis ${axis}`).toEqual(r.cpu);
      }
    });
  }

  for (const [dtype, op] of [
    ['int32', 'sum'],
    ['int32', 'max'],
    ['int32', 'min'],
    ['bool', 'any'],
    ['bool', 'all'],
  ] as const) {
    it(`${dtype} ${op} over trailing, leading and middle axes, exactly and in wasm`, async () => {
      for (const [shape, axes] of CASES) {
        if (op !== 'sum' && dtype === 'int32' && shape.includes(0)) continue;
        const r = await onBoth(() => reduce(op, seeded(shape, 16, dtype, -3e9, 3e9), axes));
        expect(r.wasm, `[${shape}] over [${axes}]`).toEqual(r.cpu);
      }
      // Sparse and dense bools, so any and all both see true and false rows.
      for (const p of [0.05, 0.95]) {
        const v = Array.from({ length: 5 * 37 }, (_, i) => (((i * 7919) % 100) / 100 < p ? 1 : 0));
        for (const axes of [[0], [1]]) {
          const r = await onBoth(() => reduce(op, fromValues(dtype === 'bool' ? v : v.map((b, i) => b * i), [5, 37], dtype), axes));
          expect(r.wasm, `p ${p} over [${axes}]`).toEqual(r.cpu);
        }
      }
      const reasons = (await wasmBackend()).explain().fallbacks.map((f) => f.reason);
      expect(reasons.filter((r) => r.startsWith(`Reduce '${op}' on ${dtype}`))).toEqual([]);
    });
  }

  it('falls back for scattered axes and other ops, with results equal to the oracle', async () => {
    const r = await onBoth(() => reduce('sum', seeded([3, 4, 5], 13), [0, 2]));
    expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-6, 1e-6)).toEqual([]);
    const p = await onBoth(() => reduce('prod', seeded([3, 4], 14), [1]));
    expect(closeMismatches(p.wasm.values, p.cpu.values, 1e-6, 1e-6)).toEqual([]);
    const reasons = (await wasmBackend()).explain().fallbacks.map((f) => f.reason);
    expect(reasons).toContain('Reduce over axes that are not one consecutive run');
    expect(reasons).toContain("Reduce 'prod' on float32 has no wasm kernel yet");
  });
});
