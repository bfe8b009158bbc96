import { describe, expect, it } from 'vitest';
import { formatNumpy } from './numpyFormat.js';

const f32 = (v: number[]) => new Float32Array(v);

describe('formatNumpy (NumPy str of an array)', () => {
  it('prints floats positionally with shortest float32 digits', () => {
    expect(formatNumpy(f32([1, 2, 3]), [3], 'float32')).toBe('[1. 2. 3.]');
    expect(formatNumpy(f32([1.5, 2.25]), [2], 'float32')).toBe('[1.5  2.25]');
    expect(formatNumpy(f32([0.1, 0.2]), [2], 'float32')).toBe('[0.1 0.2]');
    expect(formatNumpy(f32([-0.68417376, 0.5163628, 1.2089843]), [3], 'float32')).toBe('[-0.68417376  0.5163628   1.2089843 ]');
    expect(formatNumpy(f32([3, 4, 5]), [3], 'float32')).toBe('[3. 4. 5.]');
  });

  it('switches to scientific notation like NumPy', () => {
    expect(formatNumpy(f32([1e-5, 2500]), [2], 'float32')).toBe('[1.0e-05 2.5e+03]');
    expect(formatNumpy(new Float64Array([1e10, 1]), [2], 'float64')).toBe('[1.e+10 1.e+00]');
  });

  it('prints ints, bools and nested arrays', () => {
    expect(formatNumpy(new Int32Array([0, 1, 2, 3, 4, 5]), [2, 3], 'int32')).toBe('[[0 1 2]\n [3 4 5]]');
    expect(formatNumpy(new Int32Array([-1, 10]), [2], 'int32')).toBe('[-1 10]');
    expect(formatNumpy(new Uint8Array([1, 0]), [2], 'bool')).toBe('[ True False]');
    expect(formatNumpy(new Uint8Array([1, 1]), [2], 'bool')).toBe('[ True  True]');
    expect(formatNumpy(f32([1, 1, 1, 1, 1, 1]), [1, 2, 3], 'float32')).toBe('[[[1. 1. 1.]\n  [1. 1. 1.]]]');
    expect(
      formatNumpy(
        new Int32Array(8).map((_, i) => i),
        [2, 2, 2],
        'int32',
      ),
    ).toBe('[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]');
  });

  it('prints 0-d arrays like scalars', () => {
    expect(formatNumpy(f32([2]), [], 'float32')).toBe('2.0');
    expect(formatNumpy(f32([0.1]), [], 'float32')).toBe('0.1');
    expect(formatNumpy(new Int32Array([5]), [], 'int32')).toBe('5');
    expect(formatNumpy(new Uint8Array([0]), [], 'bool')).toBe('False');
  });

  it('handles nan and inf', () => {
    expect(formatNumpy(f32([Number.NaN, 1]), [2], 'float32')).toBe('[nan  1.]');
    expect(formatNumpy(f32([Number.NEGATIVE_INFINITY, 1]), [2], 'float32')).toBe('[-inf   1.]');
  });

  it('wraps at 75 columns and summarises large arrays', () => {
    const a = new Int32Array(30).map((_, i) => i);
    expect(formatNumpy(a, [30], 'int32')).toBe(
      '[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]',
    );
    const big = new Int32Array(2000).map((_, i) => i);
    expect(formatNumpy(big, [2000], 'int32')).toBe('[   0    1    2 ... 1997 1998 1999]');
  });
});
