import { memory, ones, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { interpolate } from './interpolate.js';

beforeAll(useCpu);

describe('interpolate', () => {
  const img = () =>
    tensor(
      [
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ],
      'float32',
    );

  it('bilinear matches PyTorch (align_corners false and true)', () => {
    expectTensor(
      interpolate(img(), { size: [4, 4], mode: 'bilinear' }),
      'float32',
      [1, 1, 4, 4],
      [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4],
    );
    const t = 1 / 3;
    expectTensor(
      interpolate(img(), { size: 3, mode: 'bilinear', alignCorners: true }),
      'float32',
      [1, 1, 3, 3],
      [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4],
    );
    expectTensor(
      interpolate(tensor([[[1, 2]]], 'float32'), { size: 4, mode: 'linear', alignCorners: true }),
      'float32',
      [1, 1, 4],
      [1, 1 + t, 1 + 2 * t, 2],
    );
    expectTensor(interpolate(img(), { scaleFactor: 0.5, mode: 'bilinear' }), 'float32', [1, 1, 1, 1], [2.5]);
  });

  it("nearest: ⌊dst·scale⌋, with scaleFactor's reciprocal or the size ratio", () => {
    expectTensor(interpolate(img(), { scaleFactor: 2 }), 'float32', [1, 1, 4, 4], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expectTensor(interpolate(img(), { size: [3, 1] }), 'float32', [1, 1, 3, 1], [1, 1, 3]);
    expectTensor(interpolate(ones([1, 1, 2, 2, 2]), { size: 3 }), 'float32', [1, 1, 3, 3, 3], new Array(27).fill(1));
    // 1.5×: floor(3 · 1.5) = 4 outputs, sources ⌊d / 1.5⌋ = 0, 0, 1, 2.
    expectTensor(interpolate(tensor([[[1, 2, 3]]], 'float32'), { scaleFactor: 1.5 }), 'float32', [1, 1, 4], [1, 1, 2, 3]);
    expectTensor(
      interpolate(tensor([[[1, 2, 3]]], 'float32'), { scaleFactor: 1.5, recomputeScaleFactor: true }),
      'float32',
      [1, 1, 4],
      [1, 1, 2, 3],
    );
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = img();
    const before = memory().numTensors;
    expect(() => interpolate(x, { size: 2, scaleFactor: 2 })).toThrow('interpolate: give exactly one of size and scaleFactor.');
    expect(() => interpolate(x)).toThrow('interpolate: give exactly one of size and scaleFactor.');
    expect(() => interpolate(x, { size: [2, 2, 2] })).toThrow(/interpolate: size must be one value or 2 \(one per spatial dimension\)/);
    expect(() => interpolate(x, { size: 2, mode: 'linear' })).toThrow(
      "interpolate: mode 'linear' takes a 3-D input, but got shape [1, 1, 2, 2].",
    );
    expect(() => interpolate(x, { size: 2, mode: 'bicubic' as never })).toThrow(
      /mode must be 'nearest', 'linear', 'bilinear' or 'trilinear'/,
    );
    expect(() => interpolate(x, { size: 2, alignCorners: true })).toThrow(
      "interpolate: alignCorners only applies to the linear modes, not 'nearest'.",
    );
    expect(() => interpolate(x, { sizes: 2 } as never)).toThrow("unknown option 'sizes' for interpolate; did you mean 'size'?");
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });

  it('gradients match finite differences', () => {
    expect(checkGradients((x) => interpolate(x, { size: [3, 5], mode: 'bilinear' }), [f64([1, 2, 2, 3])])).toEqual([]);
    expect(checkGradients((x) => interpolate(x, { size: [5, 2], mode: 'bilinear', alignCorners: true }), [f64([1, 1, 3, 3])])).toEqual([]);
    expect(checkGradients((x) => interpolate(x, { scaleFactor: [2, 1.5] }), [f64([1, 1, 2, 2])])).toEqual([]);
  });
});
