import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, rng, sizeOfShape, t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

interface Attrs {
  mode: 'max' | 'avg';
  kernel: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
}

function reference(x: number[], xs: number[], a: Attrs) {
  const [n, c, h, w] = xs as [number, number, number, number];
  const oh = Math.floor((h + a.pads[0] + a.pads[1] - a.kernel[0]) / a.strides[0]) + 1;
  const ow = Math.floor((w + a.pads[2] + a.pads[3] - a.kernel[1]) / a.strides[1]) + 1;
  const out: number[] = [];
  for (let p = 0; p < n * c; p++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        const cells: number[] = [];
        for (let ki = 0; ki < a.kernel[0]; ki++)
          for (let kj = 0; kj < a.kernel[1]; kj++) {
            const y = i * a.strides[0] - a.pads[0] + ki;
            const z = j * a.strides[1] - a.pads[2] + kj;
            if (y >= 0 && y < h && z >= 0 && z < w) cells.push(x[(p * h + y) * w + z]!);
          }
        out.push(a.mode === 'max' ? Math.max(...cells) : cells.reduce((s, v) => s + v, 0) / cells.length);
      }
  return { shape: [n, c, oh, ow], out };
}

const pool = (x: number[], xs: number[], attrs: Attrs, dtype: DType = 'float32') => runKernel('Pool2D', [t(x, xs, dtype)], attrs);

describe('Pool2D against a direct reference', () => {
  const next = rng(5);
  const cases: [number[], Omit<Attrs, 'mode'>][] = [
    [[1, 1, 4, 4], { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] }],
    [[2, 3, 5, 6], { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] }],
    [[1, 2, 7, 5], { kernel: [3, 2], strides: [2, 1], pads: [2, 0, 0, 1] }],
    [[1, 1, 3, 3], { kernel: [3, 3], strides: [3, 3], pads: [0, 0, 0, 0] }],
  ];
  for (const [xs, geometry] of cases) {
    for (const mode of ['max', 'avg'] as const) {
      it(`${mode} over [${xs}] kernel [${geometry.kernel}] strides [${geometry.strides}] pads [${geometry.pads}]`, () => {
        const x = randomArray(next, sizeOfShape(xs)).map(Math.fround);
        const r = reference(x, xs, { mode, ...geometry });
        const y = pool(x, xs, { mode, ...geometry });
        expect(y.shape).toEqual(r.shape);
        expectClose(vals(y), r.out.map(Math.fround), 1e-6, 1e-7);
      });
    }
  }

  it('averages count only real cells (padding excluded)', () => {
    const y = pool([1, 2, 3, 4], [1, 1, 2, 2], { mode: 'avg', kernel: [2, 2], strides: [1, 1], pads: [1, 0, 1, 0] });
    expect(vals(y)).toEqual([1, 1.5, 2, 2.5]);
    const m = pool([-1, -2, -3, -4], [1, 1, 2, 2], { mode: 'max', kernel: [2, 2], strides: [1, 1], pads: [1, 0, 1, 0] });
    expect(vals(m)).toEqual([-1, -1, -1, -1]);
  });
});

describe('Pool2D dtypes and errors', () => {
  it('max propagates NaN and works on ints; avg rounds float16', () => {
    expect(
      vals(pool([1, Number.NaN, 3, 4], [1, 1, 2, 2], { mode: 'max', kernel: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0] }))[0],
    ).toBeNaN();
    const i = pool([1, 9, 3, 4], [1, 1, 2, 2], { mode: 'max', kernel: [1, 2], strides: [1, 1], pads: [0, 0, 0, 0] }, 'int32');
    expect(i.dtype).toBe('int32');
    expect(vals(i)).toEqual([9, 4]);
    expect(vals(pool([1, 2, 2, 2], [1, 1, 2, 2], { mode: 'avg', kernel: [1, 2], strides: [1, 2], pads: [0, 0, 0, 0] }, 'float16'))).toEqual(
      [1.5, 2],
    );
  });

  it('rejects avg of ints, pads as large as the kernel and bad geometry', () => {
    const g = {
      kernel: [2, 2] as [number, number],
      strides: [1, 1] as [number, number],
      pads: [0, 0, 0, 0] as [number, number, number, number],
    };
    expect(() => pool([1, 2, 3, 4], [1, 1, 2, 2], { mode: 'avg', ...g }, 'int32')).toThrow(
      /Pool2D avg: x must be float16, float32 or float64, but got int32/,
    );
    expect(() => pool([1, 2, 3, 4], [1, 1, 2, 2], { mode: 'max', ...g, pads: [2, 0, 0, 0] })).toThrow(
      /Pool2D: each pad must be smaller than the kernel \[2,2\], but got pads \[2,0,0,0\]/,
    );
    expect(() => pool([1, 2, 3, 4], [1, 1, 2, 2], { mode: 'max', ...g, kernel: [3, 1] })).toThrow(/padded input height 2/);
    expect(() => pool([1, 2], [1, 2], { mode: 'max', ...g })).toThrow(/Pool2D: x must have rank 4/);
    expect(() => pool([1], [1, 1, 1, 1], { mode: 'sum' as 'max', ...g })).toThrow(/Pool2D: mode must be 'max' or 'avg', but got "sum"/);
  });
});
