import { describe, expect, it } from 'vitest';
import { broadcastedAxes, broadcastShapes } from './broadcast.js';
import { dtypeDisplayName } from './dtype.js';
import { normalizeAxis, sizeOf, stridesOf, validateShape } from './shape.js';

describe('broadcasting and shapes', () => {
  it('follows NumPy rules', () => {
    expect(broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(broadcastShapes([], [4, 5])).toEqual([4, 5]);
    expect(broadcastShapes([5, 1, 3], [4, 1])).toEqual([5, 4, 3]);
    expect(broadcastShapes([0], [1])).toEqual([0]);
  });

  it('names both shapes when they do not broadcast', () => {
    expect(() => broadcastShapes([2, 3], [4])).toThrow('Shapes [2, 3] and [4] cannot be broadcast together (dimension 1: 3 vs 4).');
  });

  it('finds broadcast axes', () => {
    expect(broadcastedAxes([3], [2, 3])).toEqual([0]);
    expect(broadcastedAxes([2, 1], [2, 5])).toEqual([1]);
    expect(broadcastedAxes([2, 5], [2, 5])).toEqual([]);
  });

  it('computes sizes, strides and axes', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(normalizeAxis(-1, 3)).toBe(2);
    expect(() => normalizeAxis(3, 3)).toThrow('axis must be an integer in [-3, 3), but got 3.');
    expect(validateShape(4, 'shape')).toEqual([4]);
    expect(() => validateShape([2, -1], 'shape')).toThrow('shape must contain non-negative integers, but got [2, -1] (shape[1] is -1).');
    expect(() => validateShape([2 ** 53 + 2], 'shape')).toThrow(/at most 2147483647 \(2\*\*31 - 1\) elements/);
    expect(() => validateShape('x', 'shape')).toThrow(/shape must be an array/);
  });
});

describe('broadcastShapes and dtypeDisplayName under bad arguments', () => {
  it('name the argument instead of failing inside', () => {
    expect(() => broadcastShapes(null as never, [1])).toThrow(
      'broadcastShapes: a must be an array of non-negative integers, but got null.',
    );
    expect(() => broadcastShapes([2], [-1] as never)).toThrow(/broadcastShapes: b must contain non-negative integers/);
    expect(broadcastShapes(3 as never, [1])).toEqual([3]);
    expect(() => dtypeDisplayName(null as never)).toThrow(/dtypeDisplayName: dtype must be one of bool, .*, but got null\./);
    expect(dtypeDisplayName('uint8')).toBe('UInt8');
  });
});
