import { describe, expect, it } from 'vitest';
import { formatTensor } from './format.js';

describe('formatTensor', () => {
  it('prints floats like MindSpore', () => {
    expect(formatTensor(new Float32Array([1, 2, 3]), [3], 'float32')).toBe(
      'Tensor(shape=[3], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00,  3.00000000e+00])',
    );
    expect(formatTensor(new Float32Array([1, -2, 3, 4]), [2, 2], 'float32')).toBe(
      'Tensor(shape=[2, 2], dtype=Float32, value=\n[[ 1.00000000e+00, -2.00000000e+00],\n [ 3.00000000e+00,  4.00000000e+00]])',
    );
  });

  it('prints ints, bools and scalars', () => {
    expect(formatTensor(new Int32Array([1, 22, 3]), [3], 'int32')).toBe('Tensor(shape=[3], dtype=Int32, value= [ 1, 22,  3])');
    expect(formatTensor(new Uint8Array([1, 0]), [2], 'bool')).toBe('Tensor(shape=[2], dtype=Bool, value= [ True, False])');
    expect(formatTensor(new Float32Array([0.1]), [], 'float32')).toBe('Tensor(shape=[], dtype=Float32, value= 0.1)');
    expect(formatTensor(new Int32Array([6]), [], 'int32')).toBe('Tensor(shape=[], dtype=Int32, value= 6)');
  });

  it('separates 3-D blocks with a blank line', () => {
    const s = formatTensor(new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]), [2, 2, 2], 'int32');
    expect(s).toBe('Tensor(shape=[2, 2, 2], dtype=Int32, value=\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]])');
  });

  it('elides large tensors', () => {
    const values = new Int32Array(2000).map((_, i) => i);
    const s = formatTensor(values, [2000], 'int32');
    expect(s).toBe('Tensor(shape=[2000], dtype=Int32, value= [   0,    1,    2, ..., 1997, 1998, 1999])');
    const m = formatTensor(new Float32Array(40 * 40), [40, 40], 'float32');
    expect(m.split('\n')).toHaveLength(8); // header line, 3 rows, '...', 3 rows
    expect(m).toContain(' ...,\n');
  });

  it('prints nan and inf', () => {
    expect(formatTensor(new Float32Array([Number.NaN, Number.POSITIVE_INFINITY]), [2], 'float32')).toBe(
      'Tensor(shape=[2], dtype=Float32, value= [ nan,  inf])',
    );
  });
});
