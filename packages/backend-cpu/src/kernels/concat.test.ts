import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

describe('Concat', () => {
  it('joins along axis 0, 1 and the last axis', () => {
    const a = t([1, 2, 3, 4], [2, 2], 'int32');
    const b = t([5, 6], [1, 2], 'int32');
    const c = t([7, 8, 9, 10, 11, 12], [2, 3], 'int32');
    const y0 = runKernel('Concat', [a, b], { axis: 0 });
    expect(y0.shape).toEqual([3, 2]);
    expect(vals(y0)).toEqual([1, 2, 3, 4, 5, 6]);
    const y1 = runKernel('Concat', [a, c], { axis: 1 });
    expect(y1.shape).toEqual([2, 5]);
    expect(vals(y1)).toEqual([1, 2, 7, 8, 9, 3, 4, 10, 11, 12]);
  });

  it('joins any number of inputs, including one and empty ones', () => {
    const parts = [0, 1, 2, 3, 4].map((i) => t([i, i + 10], [2, 1, 1], 'float64'));
    const y = runKernel('Concat', parts, { axis: 1 });
    expect(y.shape).toEqual([2, 5, 1]);
    expect(vals(y)).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    expect(vals(runKernel('Concat', [t([1, 2], [2])], { axis: 0 }))).toEqual([1, 2]);
    const e = runKernel('Concat', [t([], [0, 2]), t([1, 2], [1, 2]), t([], [0, 2])], { axis: 0 });
    expect(e.shape).toEqual([1, 2]);
    expect(vals(e)).toEqual([1, 2]);
  });

  it('keeps float16 and bool dtypes', () => {
    const h = runKernel('Concat', [t([0.5], [1], 'float16'), t([1.5], [1], 'float16')], { axis: 0 });
    expect(h.dtype).toBe('float16');
    expect(vals(h)).toEqual([0.5, 1.5]);
    expect(vals(runKernel('Concat', [t([1], [1], 'bool'), t([0], [1], 'bool')], { axis: 0 }))).toEqual([1, 0]);
  });

  it('rejects mismatched shapes, dtypes, a bad axis and no inputs', () => {
    const a = t([1, 2, 3, 4], [2, 2]);
    expect(() => runKernel('Concat', [a, t([1, 2, 3], [1, 3])], { axis: 0 })).toThrow(
      /Concat: input 1 has shape \[1, 3\], which does not match input 0's \[2, 2\] on every axis but 0/,
    );
    expect(() => runKernel('Concat', [a, t([1, 2], [1, 2], 'int32')], { axis: 0 })).toThrow(
      /Concat: every input must have input 0's dtype float32, but input 1 is int32/,
    );
    expect(() => runKernel('Concat', [a], { axis: 2 })).toThrow(
      /Concat: axis must be an integer in \[0, 2\) for inputs of rank 2, but got 2/,
    );
    expect(() => runKernel('Concat', [], { axis: 0 })).toThrow(/Concat: needs at least one input/);
    expect(() => runKernel('Concat', [t([1], []), t([2], [])], { axis: 0 })).toThrow(/in \[0, 0\)/);
  });
});
