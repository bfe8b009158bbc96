import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const fill = (shape: number[], value: number, dtype: DType) => runKernel('Fill', [], { shape, dtype, value });

describe('Fill', () => {
  it('fills every dtype, converting the value as Cast does', () => {
    expect(vals(fill([2, 2], 7, 'float32'))).toEqual([7, 7, 7, 7]);
    expect(vals(fill([3], -2.7, 'int32'))).toEqual([-2, -2, -2]);
    expect(vals(fill([2], 300, 'int8'))).toEqual([44, 44]);
    expect(vals(fill([2], Number.NaN, 'int32'))).toEqual([0, 0]);
    expect(vals(fill([2], 0.1, 'float16'))).toEqual([0.0999755859375, 0.0999755859375]);
    expect(vals(fill([1], 0.1, 'float64'))).toEqual([0.1]);
    const b = fill([2], 5, 'bool');
    expect(b.dtype).toBe('bool');
    expect(vals(b)).toEqual([1, 1]);
    expect(vals(fill([1], -3.9, 'int64'))).toEqual([-3]);
    expect(vals(fill([1], 2049 + 2 ** -30, 'float16'))).toEqual([2050]);
  });

  it('makes scalars and empty tensors', () => {
    const s = fill([], 4, 'uint8');
    expect(s.shape).toEqual([]);
    expect(vals(s)).toEqual([4]);
    expect(vals(fill([0, 3], 1, 'float32'))).toEqual([]);
  });

  it('rejects a bad shape, dtype or value', () => {
    expect(() => fill([2, -1], 0, 'float32')).toThrow(/Fill: shape must contain non-negative integers, but got \[2, -1\]/);
    expect(() => fill([2], 0, 'complex64' as DType)).toThrow(/Fill: dtype must be one of .* but got "complex64"/);
    expect(() => runKernel('Fill', [], { shape: [1], dtype: 'float32', value: '1' as unknown as number })).toThrow(
      /Fill: value must be a number, but got string 1/,
    );
  });
});
