import { describe, expect, it } from 'vitest';
import { asciiDigit, confusion } from './confusion.js';

describe('confusion', () => {
  it('counts each class and orders the mistakes by frequency', () => {
    const labels = [0, 0, 1, 1, 1, 2, 2, 2, 2];
    const predicted = [0, 1, 1, 2, 2, 2, 0, 1, 2];
    const { perClass, confusions } = confusion(labels, predicted, 3);
    expect(perClass).toEqual([
      { label: 0, count: 2, correct: 1 },
      { label: 1, count: 3, correct: 1 },
      { label: 2, count: 4, correct: 2 },
    ]);
    expect(confusions).toEqual([
      { label: 1, predicted: 2, count: 2 },
      { label: 0, predicted: 1, count: 1 },
      { label: 2, predicted: 0, count: 1 },
      { label: 2, predicted: 1, count: 1 },
    ]);
  });

  it('refuses predictions that do not line up with the labels or the classes', () => {
    expect(() => confusion([0, 1], [0], 2)).toThrow('confusion: predictions must have one entry per label (2), but got 1.');
    expect(() => confusion([0, 1], [0, 2], 2)).toThrow('confusion: classes are 0…1, but entry 1 has label 1 and prediction 2.');
  });
});

describe('asciiDigit', () => {
  it('draws two pixel rows per line with shades from blank to @', () => {
    const pixels = new Float32Array(16);
    pixels.set([1, 1, 0, 0.5], 0);
    pixels.set([1, 0, 0, 0.5], 4);
    expect(asciiDigit(pixels, 4)).toBe('@+ +\n');
    expect(() => asciiDigit(new Float32Array(10))).toThrow('asciiDigit: pixels must hold 28×28 values, but got 10.');
  });
});
