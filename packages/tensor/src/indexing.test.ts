import { describe, expect, it } from 'vitest';
import { resolveIndex, slice } from './indexing.js';

describe('resolveIndex', () => {
  it('resolves integers, negative integers and slices', () => {
    expect(resolveIndex([4, 5], 1)).toEqual({ begin: [1, 0], size: [1, 5], step: [1, 1], shape: [5] });
    expect(resolveIndex([4, 5], [-1, slice(1, 4)])).toEqual({ begin: [3, 1], size: [1, 3], step: [1, 1], shape: [3] });
    expect(resolveIndex([5], slice(null, null, 2))).toMatchObject({ begin: [0], size: [3], step: [2], shape: [3] });
  });

  it('resolves negative steps like Python', () => {
    expect(resolveIndex([5], slice(null, null, -1))).toMatchObject({ begin: [4], size: [5], step: [-1] });
    expect(resolveIndex([5], slice(3, 0, -2))).toMatchObject({ begin: [3], size: [2], step: [-2] });
    expect(resolveIndex([5], slice(-2, null, -1))).toMatchObject({ begin: [3], size: [4] });
  });

  it('clamps slice bounds and allows empty results', () => {
    expect(resolveIndex([3], slice(1, 100))).toMatchObject({ begin: [1], size: [2] });
    expect(resolveIndex([3], slice(2, 1))).toMatchObject({ size: [0], shape: [0] });
  });

  it('handles ellipsis and new axes', () => {
    expect(resolveIndex([2, 3, 4], ['...', 1])).toEqual({ begin: [0, 0, 1], size: [2, 3, 1], step: [1, 1, 1], shape: [2, 3] });
    expect(resolveIndex([2, 3], [null, 0])).toMatchObject({ shape: [1, 3] });
    expect(resolveIndex([2, 3], ['...', null])).toMatchObject({ shape: [2, 3, 1] });
  });

  it('rejects bad indices clearly', () => {
    expect(() => resolveIndex([3], 3)).toThrow('Index 3 is out of bounds for axis 0 with size 3.');
    expect(() => resolveIndex([3], -4)).toThrow('Index -4 is out of bounds for axis 0 with size 3.');
    expect(() => resolveIndex([3], [0, 0])).toThrow(
      'Too many indices for a tensor of shape [3]: 2 were indexed but it has 1 dimension(s).',
    );
    expect(() => resolveIndex([3], ['...', '...'])).toThrow(/single ellipsis/);
    expect(() => resolveIndex([3], 1.5)).toThrow(/must be an integer/);
    expect(() => slice(0, 1, 0)).toThrow('slice step cannot be zero.');
  });
});
