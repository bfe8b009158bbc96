import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, rng, sizeOfShape, t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

interface Attrs {
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
  groups: number;
}

/** Direct seven-loop reference convolution. */
function reference(x: number[], xs: number[], w: number[], ws: number[], a: Attrs) {
  const [n, c, h, wd] = xs as [number, number, number, number];
  const [o, cg, kh, kw] = ws as [number, number, number, number];
  const oh = Math.floor((h + a.pads[0] + a.pads[1] - a.dilations[0] * (kh - 1) - 1) / a.strides[0]) + 1;
  const ow = Math.floor((wd + a.pads[2] + a.pads[3] - a.dilations[1] * (kw - 1) - 1) / a.strides[1]) + 1;
  const og = o / a.groups;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let s = 0;
          const g = Math.floor(oc / og);
          for (let ic = 0; ic < cg; ic++)
            for (let ki = 0; ki < kh; ki++)
              for (let kj = 0; kj < kw; kj++) {
                const y = i * a.strides[0] - a.pads[0] + ki * a.dilations[0];
                const z = j * a.strides[1] - a.pads[2] + kj * a.dilations[1];
                if (y < 0 || y >= h || z < 0 || z >= wd) continue;
                s += x[((b * c + g * cg + ic) * h + y) * wd + z]! * w[((oc * cg + ic) * kh + ki) * kw + kj]!;
              }
          out.push(s);
        }
  return { shape: [n, o, oh, ow], out };
}

const base: Attrs = { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 };
const conv = (x: number[], xs: number[], w: number[], ws: number[], attrs: Attrs, dtype: DType = 'float32') =>
  runKernel('Conv2D', [t(x, xs, dtype), t(w, ws, dtype)], attrs);

describe('Conv2D against a direct reference', () => {
  const next = rng(11);
  const cases: [string, number[], number[], Attrs][] = [
    ['3×3 valid', [1, 1, 5, 5], [1, 1, 3, 3], base],
    ['same padding, several channels', [2, 3, 6, 5], [4, 3, 3, 3], { ...base, pads: [1, 1, 1, 1] }],
    ['stride 2, asymmetric pads', [1, 2, 7, 8], [3, 2, 3, 2], { ...base, strides: [2, 3], pads: [0, 2, 1, 0] }],
    ['dilation 2', [1, 2, 9, 9], [2, 2, 3, 3], { ...base, dilations: [2, 2], pads: [2, 2, 1, 1] }],
    ['groups 2', [2, 4, 5, 5], [6, 2, 2, 2], { ...base, groups: 2 }],
    ['depthwise', [1, 3, 4, 4], [3, 1, 3, 3], { ...base, groups: 3, pads: [1, 1, 1, 1] }],
    ['1×1 kernel', [1, 5, 3, 3], [2, 5, 1, 1], base],
    ['kernel as large as the input', [1, 1, 3, 4], [1, 1, 3, 4], base],
  ];
  for (const [name, xs, ws, attrs] of cases) {
    it(name, () => {
      const x = randomArray(next, sizeOfShape(xs)).map(Math.fround);
      const w = randomArray(next, sizeOfShape(ws)).map(Math.fround);
      const r = reference(x, xs, w, ws, attrs);
      const y = conv(x, xs, w, ws, attrs);
      expect(y.shape).toEqual(r.shape);
      expectClose(vals(y), r.out.map(Math.fround), 1e-6, 1e-6);
    });
  }

  it('hand-computed 2×2 example', () => {
    const y = conv([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3], [1, 0, 0, 1], [1, 1, 2, 2], base);
    expect(vals(y)).toEqual([6, 8, 12, 14]);
  });
});

describe('Conv2D dtypes, edge cases and errors', () => {
  it('int32 and float64 and float16 paths', () => {
    expect(vals(conv([1, 2, 3, 4], [1, 1, 2, 2], [2], [1, 1, 1, 1], base, 'int32'))).toEqual([2, 4, 6, 8]);
    expect(vals(conv([0.1, 0.2], [1, 1, 1, 2], [1, 1], [1, 1, 1, 2], base, 'float64'))).toEqual([0.1 + 0.2]);
    const h = conv([1000, 1000], [1, 1, 1, 2], [1, 1], [1, 1, 1, 2], base, 'float16');
    expect(h.dtype).toBe('float16');
    expect(vals(h)).toEqual([2000]);
  });

  it('empty batch gives an empty output', () => {
    expect(conv([], [0, 1, 3, 3], [1], [1, 1, 1, 1], base).shape).toEqual([0, 1, 3, 3]);
  });

  it('rejects bad ranks, channel counts, groups, attrs and windows that do not fit', () => {
    expect(() => conv([1], [1, 1, 1], [1], [1, 1, 1, 1], base)).toThrow(/Conv2D: x must have rank 4 \(NCHW\), but got shape \[1, 1, 1\]/);
    expect(() => conv(new Array(8).fill(1), [1, 2, 2, 2], [1], [1, 1, 1, 1], base)).toThrow(
      /Conv2D: w \[1, 1, 1, 1\] must have C\/groups = 2 input channels for x \[1, 2, 2, 2\] with groups 1, but has 1/,
    );
    expect(() => conv(new Array(12).fill(1), [1, 3, 2, 2], [1], [1, 1, 1, 1], { ...base, groups: 2 })).toThrow(
      /groups must be a positive integer dividing the 3 input and 1 output channels, but got 2/,
    );
    expect(() => conv([1], [1, 1, 1, 1], [1], [1, 1, 1, 1], { ...base, strides: [0, 1] })).toThrow(
      /Conv2D: strides must be 2 integers ≥ 1, but got \[0,1\]/,
    );
    expect(() => conv([1], [1, 1, 1, 1], [1], [1, 1, 1, 1], { ...base, pads: [-1, 0, 0, 0] })).toThrow(/pads must be 4 integers ≥ 0/);
    expect(() => conv([1, 2, 3, 4], [1, 1, 2, 2], new Array(9).fill(1), [1, 1, 3, 3], base)).toThrow(
      /Conv2D: the padded input height 2 \(2 \+ pads 0, 0\) is smaller than the window's extent 3/,
    );
    expect(() => runKernel('Conv2D', [t([1], [1, 1, 1, 1]), t([1], [1, 1, 1, 1], 'int32')], base)).toThrow(
      /Conv2D: x and w must have the same dtype, but got float32 and int32/,
    );
  });
});
