import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { sizeOfShape, t, unravel, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

function reference(x: number[], shape: number[], perm: number[]): number[] {
  const outShape = perm.map((p) => shape[p]!);
  return Array.from({ length: x.length }, (_, i) => {
    const idx = unravel(i, outShape);
    const src = new Array<number>(shape.length);
    perm.forEach((p, d) => {
      src[p] = idx[d]!;
    });
    return x[src.reduce((acc, v, d) => acc * shape[d]! + v, 0)]!;
  });
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('Transpose', () => {
  for (const shape of [
    [2, 3],
    [2, 3, 4],
    [2, 1, 3, 2],
    [3, 0, 2],
  ]) {
    it(`every permutation of [${shape}] matches a naive reference`, () => {
      const x = Array.from({ length: sizeOfShape(shape) }, (_, i) => i);
      for (const perm of permutations(shape.length)) {
        const y = runKernel('Transpose', [t(x, shape, 'int32')], { perm });
        expect(y.shape).toEqual(perm.map((p) => shape[p]!));
        expect(vals(y), `perm [${perm}]`).toEqual(reference(x, shape, perm));
      }
    });
  }

  it('works on every dtype and on scalars', () => {
    for (const dtype of ['float16', 'float32', 'float64', 'int8', 'uint8', 'bool'] as DType[]) {
      const v = dtype === 'bool' ? [1, 0, 0, 1, 1, 0] : [1, 2, 3, 4, 5, 6];
      const y = runKernel('Transpose', [t(v, [2, 3], dtype)], { perm: [1, 0] });
      expect(y.dtype).toBe(dtype);
      expect(vals(y)).toEqual([v[0], v[3], v[1], v[4], v[2], v[5]]);
    }
    expect(vals(runKernel('Transpose', [t([5], [])], { perm: [] }))).toEqual([5]);
  });

  it('rejects a perm that is not a permutation', () => {
    const x = t([1, 2, 3, 4], [2, 2]);
    for (const perm of [[0], [0, 0], [0, 2], [1, -1], [0, 1, 2]]) {
      expect(() => runKernel('Transpose', [x], { perm })).toThrow(/Transpose: perm must be a permutation of 0…1 \(rank 2\)/);
    }
  });
});

describe('Reshape', () => {
  it('copies into a new shape of the same size', () => {
    const x = t([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const y = runKernel('Reshape', [x], { shape: [3, 1, 2] });
    expect(y.shape).toEqual([3, 1, 2]);
    expect(vals(y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(runKernel('Reshape', [t([7], [1, 1])], { shape: [] }).shape).toEqual([]);
    expect(runKernel('Reshape', [t([], [0, 3])], { shape: [3, 0, 5] }).shape).toEqual([3, 0, 5]);
  });

  it('never aliases its input (float16 included)', () => {
    const x = t([1.5, 2.5], [2], 'float16');
    const y = runKernel('Reshape', [x], { shape: [1, 2] });
    x.setItem(0, 9);
    expect(vals(y)).toEqual([1.5, 2.5]);
    expect(vals(x)).toEqual([9, 2.5]);
  });

  it('rejects a size change or a bad shape', () => {
    const x = t([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(() => runKernel('Reshape', [x], { shape: [4, 2] })).toThrow(
      /Reshape: cannot reshape \[2, 3\] \(6 elements\) to \[4, 2\] \(8 elements\)/,
    );
    expect(() => runKernel('Reshape', [x], { shape: [-1, 6] })).toThrow(/Reshape: shape must contain non-negative integers/);
  });
});
