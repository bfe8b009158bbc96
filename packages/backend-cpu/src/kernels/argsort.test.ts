import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

describe('Argsort', () => {
  it('gives the stable sort order along an axis as int32, both directions', () => {
    const x = t([3, 1, 2, 1, 0, 5, 5, -1], [2, 4], 'float32');
    const asc = runKernel('Argsort', [x], { axis: 1, descending: false });
    expect(asc.dtype).toBe('int32');
    expect(vals(asc)).toEqual([1, 3, 2, 0, 3, 0, 1, 2]);
    expect(vals(runKernel('Argsort', [x], { axis: 1, descending: true }))).toEqual([0, 2, 1, 3, 1, 2, 0, 3]);
    expect(vals(runKernel('Argsort', [x], { axis: 0, descending: false }))).toEqual([1, 0, 0, 1, 0, 1, 1, 0]);
  });

  it('puts NaN last ascending and first descending, and sorts ints, bools and empties', () => {
    const x = t([Number.NaN, 1, Number.NaN, -1], [4], 'float32');
    expect(vals(runKernel('Argsort', [x], { axis: 0, descending: false }))).toEqual([3, 1, 0, 2]);
    expect(vals(runKernel('Argsort', [x], { axis: 0, descending: true }))).toEqual([0, 2, 1, 3]);
    expect(vals(runKernel('Argsort', [t([5, -7, 0], [3], 'int32')], { axis: 0, descending: false }))).toEqual([1, 2, 0]);
    expect(vals(runKernel('Argsort', [t([1, 0, 1], [3], 'bool')], { axis: 0, descending: true }))).toEqual([0, 2, 1]);
    expect(runKernel('Argsort', [t([], [2, 0], 'float32')], { axis: 1, descending: false }).shape).toEqual([2, 0]);
  });

  it('refuses a bad axis', () => {
    expect(() => runKernel('Argsort', [t([1], [1], 'float32')], { axis: -1, descending: false })).toThrow(
      'Argsort: axis must be an integer in [0, 1) for x of shape [1], but got -1.',
    );
  });
});
