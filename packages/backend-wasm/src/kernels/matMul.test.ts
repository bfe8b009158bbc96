import * as ops from '@mindts/ops';
import { fromValues } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

// The GEMM packs A in 4-row slivers, B in 8-column slivers, blocks k by 256 and m by 128: the
// shapes cross every one of those edges. float32 accumulation against the float64 oracle.
const SHAPES: [m: number, k: number, n: number][] = [
  [1, 1, 1],
  [4, 8, 8],
  [3, 5, 7],
  [5, 9, 3],
  [8, 256, 16],
  [13, 257, 9],
  [130, 300, 17],
  [129, 513, 33],
];

describe('MatMul float32 on wasm', () => {
  for (const [m, k, n] of SHAPES) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`[${m}, ${k}] · [${k}, ${n}], transposeA=${ta}, transposeB=${tb}`, async () => {
        const r = await onBoth(() =>
          ops.matmul(seeded(ta ? [k, m] : [m, k], 1), seeded(tb ? [n, k] : [k, n], 2), { transposeA: ta, transposeB: tb }),
        );
        expect(r.wasm.shape).toEqual([m, n]);
        expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-4, 1e-5 * k)).toEqual([]);
      });
    }
  }

  it('broadcasts batch dims, each batch entry its own operands', async () => {
    const r = await onBoth(() => ops.matmul(seeded([2, 1, 5, 6], 3), seeded([3, 6, 11], 4)));
    expect(r.wasm.shape).toEqual([2, 3, 5, 11]);
    expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-5, 1e-5)).toEqual([]);
  });

  it('gives zeros for an empty inner dimension and an empty result for an empty outer one', async () => {
    const zeros = await onBoth(() => ops.matmul(fromValues([], [3, 0], 'float32'), fromValues([], [0, 4], 'float32')));
    expect(zeros.wasm.values).toEqual(new Array(12).fill(0));
    const empty = await onBoth(() => ops.matmul(fromValues([], [0, 5], 'float32'), seeded([5, 4], 1)));
    expect(empty.wasm.shape).toEqual([0, 4]);
  });

  it('keeps NaN and infinity where the operands have them', async () => {
    const r = await onBoth(() =>
      ops.matmul(fromValues([1, Number.NaN, 2, 3], [2, 2], 'float32'), fromValues([1, 0, Number.POSITIVE_INFINITY, 1], [2, 2], 'float32')),
    );
    expect(r.wasm.values).toEqual(r.cpu.values);
  });

  it('runs in wasm without a fallback', async () => {
    const b = await wasmBackend();
    const before = b.explain().fallbacks.filter((f) => f.primitive === 'MatMul').length;
    const y = ops.matmul(seeded([9, 9], 1), seeded([9, 9], 2));
    y.dispose();
    expect(b.explain().fallbacks.filter((f) => f.primitive === 'MatMul').length).toBe(before);
  });
});
