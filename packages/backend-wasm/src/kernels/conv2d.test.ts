import { getBackend, listBackends, registerBackend, removeBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, seeded, useBackends } from '../testing/harness.js';
import { wasm } from '../wasm.js';
import type { WasmBackend } from '../wasmBackend.js';
import { type ConvGeometry, directApplies } from './conv2dDirect.js';

// The direct path runs on one thread only; the default backend here may have several.
const ONE_THREAD = 'wasm-conv-1t';

beforeAll(() => {
  useBackends();
  if (!listBackends().includes(ONE_THREAD)) registerBackend(wasm({ name: ONE_THREAD, threads: 1 }));
});
afterAll(() => removeBackend(ONE_THREAD));

async function valuesOn(backend: string, fn: () => Tensor): Promise<{ shape: number[]; values: number[] }> {
  await setBackend(backend);
  const y = tidy(fn);
  try {
    return { shape: [...y.shape], values: Array.from(y.dataSync() as ArrayLike<number>) };
  } finally {
    y.dispose();
  }
}

type Case = {
  x: number[];
  w: number[];
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
  groups: number;
};

const plain: Omit<Case, 'x' | 'w'> = { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 };

// The direct path: LeNet's layers (6 channels in two tiles of 3, 16 in four of 4), channel counts
// that leave the last tile part empty (5 in 3 + 3, 7 in 4 + 4, 2 of 3), rows that are
// no multiple of 8 (the last tile overlaps the one before), padding on every side (asymmetric,
// wider than the image), vertical stride with dilations, groups, and the deepest window it takes.
const DIRECT: Case[] = [
  { x: [3, 1, 28, 28], w: [6, 1, 5, 5], ...plain },
  { x: [2, 6, 12, 12], w: [16, 6, 5, 5], ...plain },
  { x: [2, 3, 10, 13], w: [5, 3, 3, 3], ...plain, pads: [1, 1, 1, 1] },
  { x: [1, 4, 9, 9], w: [7, 4, 3, 3], ...plain },
  { x: [1, 2, 5, 5], w: [6, 2, 3, 3], ...plain, pads: [0, 3, 2, 4] },
  { x: [1, 2, 3, 3], w: [2, 2, 3, 3], ...plain, pads: [4, 4, 4, 4] },
  { x: [2, 3, 15, 14], w: [4, 3, 3, 3], ...plain, strides: [2, 1], pads: [1, 2, 0, 3], dilations: [2, 2] },
  { x: [2, 6, 10, 10], w: [9, 2, 3, 3], ...plain, pads: [1, 1, 1, 1], groups: 3 },
  { x: [1, 128, 10, 10], w: [4, 128, 3, 3], ...plain },
];

// The im2col + GEMM path on one thread: rows narrower than a tile in batches one GEMM takes in
// chunks, the last one partial (29 + 11 images), with groups and horizontal stride, and a
// window too deep for the direct path.
const GEMM: Case[] = [
  { x: [40, 2, 8, 8], w: [3, 2, 3, 3], ...plain },
  { x: [30, 4, 9, 9], w: [6, 2, 3, 3], ...plain, strides: [1, 2], pads: [1, 0, 0, 1], groups: 2 },
  { x: [1, 130, 10, 10], w: [3, 130, 3, 3], ...plain },
];

const label = (g: Case) => `x [${g.x}] w [${g.w}] strides [${g.strides}] pads [${g.pads}] dilations [${g.dilations}] groups ${g.groups}`;

describe('Conv2D float32 on wasm, one thread', () => {
  for (const g of [...DIRECT, ...GEMM]) {
    it(`${label(g)}: equal to the CPU oracle, no fallback`, async () => {
      await setBackend(ONE_THREAD);
      const b = getBackend() as WasmBackend;
      expect(b.threads).toBe(1);
      const before = b.explain().fallbacks.filter((f) => f.primitive === 'Conv2D').length;
      const { strides, pads, dilations, groups } = g;
      const fn = () => runKernel('Conv2D', [seeded(g.x, 1), seeded(g.w, 2)], { strides, pads, dilations, groups });
      const mine = await valuesOn(ONE_THREAD, fn);
      const oracle = await valuesOn('cpu', fn);
      expect(mine.shape).toEqual(oracle.shape);
      expect(closeMismatches(mine.values, oracle.values, 1e-5, 1e-5)).toEqual([]);
      expect(b.explain().fallbacks.filter((f) => f.primitive === 'Conv2D').length).toBe(before);
    });
  }
});

/** The geometry conv2d.ts hands the direct path, from a case and its output size. */
function geometry(g: Case, oh: number, ow: number): ConvGeometry {
  const [n, c, h, w] = g.x as [number, number, number, number];
  const [o, , kh, kw] = g.w as [number, number, number, number];
  return { n, c, h, w, o, groups: g.groups, kh, kw, oh, ow, strides: g.strides, pads: g.pads, dilations: g.dilations };
}

describe('directApplies', () => {
  it('takes LeNet-sized layers and the direct cases above', () => {
    expect(directApplies(geometry(DIRECT[0] as Case, 24, 24))).toBe(true);
    expect(directApplies(geometry(DIRECT[1] as Case, 8, 8))).toBe(true);
    expect(directApplies(geometry(DIRECT[8] as Case, 8, 8))).toBe(true);
  });

  it('leaves horizontal strides, rows narrower than a tile and deep windows to the GEMM', () => {
    expect(directApplies(geometry(GEMM[0] as Case, 6, 6))).toBe(false);
    expect(directApplies(geometry({ ...(DIRECT[0] as Case), strides: [1, 2] }, 24, 12))).toBe(false);
    expect(directApplies(geometry(GEMM[2] as Case, 8, 8))).toBe(false);
  });

  it('on several threads takes unpadded layers only (padded images use a scratch copy per call)', () => {
    const lenet = geometry(DIRECT[0] as Case, 24, 24);
    expect(directApplies({ ...lenet, pads: [0, 0, 0, 0] }, 2)).toBe(true);
    expect(directApplies({ ...lenet, pads: [1, 1, 1, 1] }, 2)).toBe(false);
    expect(directApplies({ ...lenet, pads: [1, 1, 1, 1] }, 1)).toBe(true);
  });
});
