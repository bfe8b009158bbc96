import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, ravelBroadcast, rng, sizeOfShape, t, unravel, useCpu, vals } from '../testing/harness.js';
import { gemmFloat } from './gemm.js';

beforeAll(useCpu);

/** Naive batched reference with broadcast batch dims and optional transposes. */
function reference(a: number[], aShape: number[], b: number[], bShape: number[], ta: boolean, tb: boolean) {
  const [ar, ac] = aShape.slice(-2) as [number, number];
  const [br, bc] = bShape.slice(-2) as [number, number];
  const [m, k] = ta ? [ac, ar] : [ar, ac];
  const n = tb ? br : bc;
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const [pa, pb] = [pad(batchA), pad(batchB)];
  const batch = pa.map((d, i) => (d === 1 ? pb[i]! : d));
  const out: number[] = [];
  for (let bi = 0; bi < sizeOfShape(batch); bi++) {
    const idx = unravel(bi, batch);
    const ao = ravelBroadcast(idx, pa) * ar * ac;
    const bo = ravelBroadcast(idx, pb) * br * bc;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const av = a[ao + (ta ? p * ac + i : i * ac + p)]!;
          const bv = b[bo + (tb ? j * bc + p : p * bc + j)]!;
          s += av * bv;
        }
        out.push(s);
      }
    }
  }
  return { shape: [...batch, m, n], out };
}

const mm = (a: number[], aShape: number[], b: number[], bShape: number[], ta = false, tb = false, dtype: DType = 'float32') =>
  runKernel('MatMul', [t(a, aShape, dtype), t(b, bShape, dtype)], { transposeA: ta, transposeB: tb });

describe('MatMul against a naive reference', () => {
  const next = rng(3);
  const cases: [number[], number[]][] = [
    [
      [1, 1],
      [1, 1],
    ],
    [
      [1, 5],
      [5, 1],
    ],
    [
      [5, 1],
      [1, 7],
    ],
    [
      [3, 5],
      [5, 2],
    ],
    [
      [4, 4],
      [4, 4],
    ],
    [
      [7, 9],
      [9, 13],
    ],
    [
      [17, 33],
      [33, 6],
    ],
    [
      [70, 300],
      [300, 260],
    ],
    [
      [2, 3, 4],
      [2, 4, 5],
    ],
    [
      [2, 1, 3, 4],
      [5, 4, 2],
    ],
    [
      [3, 4],
      [6, 4, 2],
    ],
  ];
  for (const [aShape, bShape] of cases) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`[${aShape}] · [${bShape}] transposeA=${ta} transposeB=${tb}`, () => {
        // Build operands in the stored layout the transpose flags describe.
        const sa = ta ? [...aShape.slice(0, -2), aShape.at(-1)!, aShape.at(-2)!] : aShape;
        const sb = tb ? [...bShape.slice(0, -2), bShape.at(-1)!, bShape.at(-2)!] : bShape;
        const a = randomArray(next, sizeOfShape(sa)).map(Math.fround);
        const b = randomArray(next, sizeOfShape(sb)).map(Math.fround);
        const r = reference(a, sa, b, sb, ta, tb);
        const y = mm(a, sa, b, sb, ta, tb);
        expect(y.shape).toEqual(r.shape);
        expectClose(vals(y), r.out.map(Math.fround), 1e-6, 1e-6);
      });
    }
  }
});

describe('MatMul dtypes and edge cases', () => {
  it('float64 is exact for small integers and keeps full precision', () => {
    const y = mm([1, 2, 3, 4, 5, 6], [2, 3], [7, 8, 9, 10, 11, 12], [3, 2], false, false, 'float64');
    expect(vals(y)).toEqual([58, 64, 139, 154]);
    expect(vals(mm([0.1, 0.2], [1, 2], [0.3, 0.4], [2, 1], false, false, 'float64'))).toEqual([0.1 * 0.3 + 0.2 * 0.4]);
  });

  it('float16 computes in float32 and stores half precision', () => {
    const y = mm([1, 2], [1, 2], [1000, 1], [2, 1], false, false, 'float16');
    expect(y.dtype).toBe('float16');
    expect(vals(y)).toEqual([1002]);
    expect(vals(mm([300], [1, 1], [300], [1, 1], false, false, 'float16'))).toEqual([Infinity]);
  });

  it('int32 wraps around; int8 wraps at 8 bits; uint8 too', () => {
    expect(vals(mm([65536, 1], [1, 2], [65536, 5], [2, 1], false, false, 'int32'))).toEqual([5]);
    expect(vals(mm([1, 2, 3, 4], [2, 2], [5, 6, 7, 8], [2, 2], false, true, 'int32'))).toEqual([17, 23, 39, 53]);
    expect(vals(mm([100, 100], [1, 2], [1, 1], [2, 1], false, false, 'int8'))).toEqual([-56]);
    expect(vals(mm([200, 100], [1, 2], [1, 1], [2, 1], false, false, 'uint8'))).toEqual([44]);
  });

  it('bool is OR of ANDs', () => {
    const y = mm([1, 0, 0, 0], [2, 2], [1, 1, 0, 1], [2, 2], false, false, 'bool');
    expect(y.dtype).toBe('bool');
    expect(vals(y)).toEqual([1, 1, 0, 0]);
  });

  it('handles zero-sized dimensions: k = 0 gives zeros, m = 0 or a 0 batch gives nothing', () => {
    const z = mm([], [2, 0], [], [0, 3]);
    expect(z.shape).toEqual([2, 3]);
    expect(vals(z)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(mm([], [0, 4], [1, 2, 3, 4], [4, 1]).shape).toEqual([0, 1]);
    expect(mm([], [0, 2, 2], [1, 2, 3, 4], [2, 2]).shape).toEqual([0, 2, 2]);
  });

  it('rejects mismatched inner dimensions, low rank, mixed dtypes and batch mismatches', () => {
    expect(() => mm([1, 2, 3, 4, 5, 6], [2, 3], [1, 2], [2, 1])).toThrow(
      /MatMul: inner dimensions differ: a \[2, 3\] \(transposeA=false\) has 3 columns but b \[2, 1\] \(transposeB=false\) has 2 rows/,
    );
    expect(() => mm([1, 2], [2], [1, 2], [2, 1])).toThrow(/MatMul: a must have rank ≥ 2, but got shape \[2\]/);
    expect(() => runKernel('MatMul', [t([1], [1, 1]), t([1], [1, 1], 'int32')], { transposeA: false, transposeB: false })).toThrow(
      /MatMul: a and b must have the same dtype, but got float32 and int32/,
    );
    expect(() => mm(new Array(12).fill(1), [2, 2, 3], new Array(9).fill(1), [3, 3, 1])).toThrow(/cannot be broadcast/);
  });

  it('gemmFloat accumulates into a view at an offset and leaves the rest alone', () => {
    const c = new Float64Array(6).fill(9);
    gemmFloat(
      1,
      2,
      2,
      { data: [1, 2], offset: 0, rowStride: 2, colStride: 1 },
      { data: [1, 0, 0, 1], offset: 0, rowStride: 2, colStride: 1 },
      c,
      2,
    );
    expect(Array.from(c)).toEqual([9, 9, 1, 2, 9, 9]);
  });
});
