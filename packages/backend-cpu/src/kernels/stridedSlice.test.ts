import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { sizeOfShape, t, unravel, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function reference(x: number[], shape: number[], begin: number[], size: number[], step: number[]): number[] {
  return Array.from({ length: sizeOfShape(size) }, (_, i) => {
    const idx = unravel(i, size);
    return x[idx.reduce((acc, v, d) => acc * shape[d]! + begin[d]! + v * step[d]!, 0)]!;
  });
}

describe('StridedSlice', () => {
  const shape = [4, 5, 6];
  const x = range(120);
  const cases: [number[], number[], number[]][] = [
    [
      [0, 0, 0],
      [4, 5, 6],
      [1, 1, 1],
    ],
    [
      [1, 2, 3],
      [2, 2, 2],
      [1, 1, 1],
    ],
    [
      [0, 0, 0],
      [2, 3, 3],
      [2, 2, 2],
    ],
    [
      [3, 4, 5],
      [4, 5, 6],
      [-1, -1, -1],
    ],
    [
      [3, 0, 5],
      [2, 5, 3],
      [-2, 1, -2],
    ],
    [
      [2, 1, 0],
      [1, 1, 6],
      [1, 1, 1],
    ],
    [
      [0, 0, 0],
      [0, 5, 6],
      [1, 1, 1],
    ],
  ];
  for (const [begin, size, step] of cases) {
    it(`begin [${begin}] size [${size}] step [${step}]`, () => {
      const y = runKernel('StridedSlice', [t(x, shape, 'int32')], { begin, size, step });
      expect(y.shape).toEqual(size);
      expect(vals(y)).toEqual(reference(x, shape, begin, size, step));
    });
  }

  it('slices float16 and bool without changing values', () => {
    expect(vals(runKernel('StridedSlice', [t([0.5, 1.5, 2.5], [3], 'float16')], { begin: [2], size: [2], step: [-2] }))).toEqual([
      2.5, 0.5,
    ]);
    const b = runKernel('StridedSlice', [t([1, 0, 1], [3], 'bool')], { begin: [1], size: [2], step: [1] });
    expect(b.dtype).toBe('bool');
    expect(vals(b)).toEqual([0, 1]);
  });

  it('rejects regions outside the tensor, zero steps and wrong lengths', () => {
    const y = t(range(6), [2, 3]);
    expect(() => runKernel('StridedSlice', [y], { begin: [0, 1], size: [2, 3], step: [1, 1] })).toThrow(
      /StridedSlice: axis 1 selects indices 1 to 3 \(begin 1, size 3, step 1\), outside \[0, 3\) of shape \[2, 3\]/,
    );
    expect(() => runKernel('StridedSlice', [y], { begin: [1, 0], size: [2, 1], step: [-2, 1] })).toThrow(/indices 1 to -1/);
    expect(() => runKernel('StridedSlice', [y], { begin: [0, 0], size: [1, 1], step: [0, 1] })).toThrow(/step on axis 0 must not be zero/);
    expect(() => runKernel('StridedSlice', [y], { begin: [0], size: [1], step: [1] })).toThrow(
      /begin must be 2 integers for shape \[2, 3\]/,
    );
    expect(() => runKernel('StridedSlice', [y], { begin: [0, 0], size: [1, -1], step: [1, 1] })).toThrow(
      /size on axis 1 must be non-negative/,
    );
  });
});

describe('SliceUpdate', () => {
  it('replaces a strided region (negative steps included) and leaves the input alone', () => {
    const x = t(range(12), [3, 4], 'int32');
    const v = t([100, 101, 102, 103], [2, 2], 'int32');
    const y = runKernel('SliceUpdate', [x, v], { begin: [2, 3], size: [2, 2], step: [-2, -2] });
    expect(vals(y)).toEqual([0, 103, 2, 102, 4, 5, 6, 7, 8, 101, 10, 100]);
    expect(vals(x)).toEqual(range(12));
  });

  it('handles an empty region and float16/bool values', () => {
    const x = t([1, 2, 3], [3], 'float16');
    expect(vals(runKernel('SliceUpdate', [x, t([], [0], 'float16')], { begin: [0], size: [0], step: [1] }))).toEqual([1, 2, 3]);
    expect(vals(runKernel('SliceUpdate', [x, t([0.1], [1], 'float16')], { begin: [1], size: [1], step: [1] }))).toEqual([
      1, 0.0999755859375, 3,
    ]);
    const b = runKernel('SliceUpdate', [t([0, 0], [2], 'bool'), t([1], [1], 'bool')], { begin: [1], size: [1], step: [1] });
    expect(vals(b)).toEqual([0, 1]);
  });

  it('rejects a value of the wrong shape or dtype and regions outside the tensor', () => {
    const x = t(range(4), [4]);
    expect(() => runKernel('SliceUpdate', [x, t([1, 2, 3], [3])], { begin: [0], size: [2], step: [1] })).toThrow(
      /SliceUpdate: value must have the region's shape \[2\], but got \[3\]/,
    );
    expect(() => runKernel('SliceUpdate', [x, t([1, 2], [2], 'int32')], { begin: [0], size: [2], step: [1] })).toThrow(
      /SliceUpdate: x and value must have the same dtype, but got float32 and int32/,
    );
    expect(() => runKernel('SliceUpdate', [x, t([1, 2], [2])], { begin: [3], size: [2], step: [1] })).toThrow(/outside \[0, 4\)/);
  });
});
