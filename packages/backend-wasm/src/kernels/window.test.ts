import { fromValues } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

type Geometry = {
  x: number[];
  w: number[];
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
  groups: number;
};

// Padding on every side (head and tail of the in-bounds run), strides and dilations (the
// strided copy), groups, a 1×1 direct case, an output wider than one GEMM panel, and batches
// of small images that one GEMM takes together in chunks, the last one partial (16 + 7 and,
// with groups, 13 + 7 images), and a depth above one packed k block (300 > 256) with a chunk
// width (12 columns) that ends inside a packed sliver.
const GEOMETRIES: Geometry[] = [
  { x: [1, 1, 5, 5], w: [1, 1, 3, 3], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 },
  { x: [2, 3, 9, 11], w: [8, 3, 3, 3], strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 },
  { x: [2, 4, 10, 9], w: [6, 2, 3, 2], strides: [2, 3], pads: [2, 0, 1, 3], dilations: [1, 1], groups: 2 },
  { x: [1, 3, 12, 12], w: [5, 3, 3, 3], strides: [1, 2], pads: [1, 2, 2, 1], dilations: [2, 3], groups: 1 },
  { x: [3, 16, 7, 7], w: [9, 16, 1, 1], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 },
  { x: [1, 6, 8, 8], w: [6, 1, 3, 3], strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 6 },
  { x: [1, 8, 20, 20], w: [16, 8, 5, 5], strides: [1, 1], pads: [2, 2, 2, 2], dilations: [1, 1], groups: 1 },
  { x: [1, 2, 3, 3], w: [2, 2, 3, 3], strides: [1, 1], pads: [4, 4, 4, 4], dilations: [1, 1], groups: 1 },
  { x: [23, 2, 10, 10], w: [3, 2, 3, 3], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 },
  { x: [20, 4, 9, 9], w: [6, 2, 2, 2], strides: [1, 1], pads: [1, 0, 0, 1], dilations: [1, 1], groups: 2 },
  { x: [3, 12, 6, 6], w: [4, 12, 5, 5], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 },
];

describe('Conv2D float32 on wasm', () => {
  for (const g of GEOMETRIES) {
    it(`x [${g.x}] w [${g.w}] strides [${g.strides}] pads [${g.pads}] dilations [${g.dilations}] groups ${g.groups}`, async () => {
      const b = await wasmBackend();
      const before = b.explain().fallbacks.filter((f) => f.primitive === 'Conv2D').length;
      const { strides, pads, dilations, groups } = g;
      const r = await onBoth(() => runKernel('Conv2D', [seeded(g.x, 1), seeded(g.w, 2)], { strides, pads, dilations, groups }));
      expect(r.wasm.shape).toEqual(r.cpu.shape);
      expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-5, 1e-5)).toEqual([]);
      expect(b.explain().fallbacks.filter((f) => f.primitive === 'Conv2D').length).toBe(before);
    });
  }

  it('leaves invalid geometry to the CPU kernel, whose error reaches the caller', async () => {
    const x = seeded([1, 3, 4, 4], 1);
    const w = seeded([2, 2, 3, 3], 2);
    const b = await wasmBackend();
    const before = b.explain().fallbacks;
    expect(() => runKernel('Conv2D', [x, w], { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 })).toThrow(/Conv2D/);
    expect(b.explain().fallbacks).toEqual(before);
    x.dispose();
    w.dispose();
  });
});

type PoolGeometry = { x: number[]; kernel: [number, number]; strides: [number, number]; pads: [number, number, number, number] };

const POOLS: PoolGeometry[] = [
  { x: [1, 1, 4, 4], kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
  { x: [2, 3, 9, 7], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
  { x: [1, 2, 8, 9], kernel: [3, 2], strides: [1, 3], pads: [2, 0, 1, 1] },
  { x: [1, 1, 1, 1], kernel: [1, 1], strides: [1, 1], pads: [0, 0, 0, 0] },
];

describe('Pool2D float32 on wasm', () => {
  for (const g of POOLS) {
    for (const mode of ['max', 'avg'] as const) {
      it(`${mode} x [${g.x}] kernel [${g.kernel}] strides [${g.strides}] pads [${g.pads}]: exactly the oracle`, async () => {
        const b = await wasmBackend();
        const { kernel, strides, pads } = g;
        const r = await onBoth(() => runKernel('Pool2D', [seeded(g.x, 3, 'float32', -5, 5)], { mode, kernel, strides, pads }));
        expect(r.wasm).toEqual(r.cpu);
        expect(b.explain().fallbacks.filter((f) => f.primitive === 'Pool2D')).toEqual([]);
      });
    }
  }

  it('max propagates NaN and ignores padding; avg divides by real cells only', async () => {
    const v = [1, Number.NaN, 3, -4, -5, -6, 7, 8, Number.NEGATIVE_INFINITY];
    for (const mode of ['max', 'avg'] as const) {
      const r = await onBoth(() =>
        runKernel('Pool2D', [fromValues(v, [1, 1, 3, 3], 'float32')], { mode, kernel: [2, 2], strides: [1, 1], pads: [1, 1, 1, 1] }),
      );
      expect(r.wasm, mode).toEqual(r.cpu);
    }
  });
});
