import { arange, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from './testing/harness.js';

beforeAll(useCpu);

describe('Tensor.toString (MindSpore form)', () => {
  it('floats print in 8-digit scientific notation with room for a sign', () => {
    expect(tensor([1, 2, 3], 'float32').toString()).toBe(
      'Tensor(shape=[3], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00,  3.00000000e+00])',
    );
    expect(tensor([-1.5, 2, 1e-5]).toString()).toBe(
      'Tensor(shape=[3], dtype=Float32, value= [-1.50000000e+00,  2.00000000e+00,  9.99999975e-06])',
    );
    expect(tensor([Number.NaN, Infinity, -Infinity]).toString()).toBe('Tensor(shape=[3], dtype=Float32, value= [ nan,  inf, -inf])');
  });

  it('ints print plainly, right-aligned', () => {
    expect(tensor([1, 2, 3]).toString()).toBe('Tensor(shape=[3], dtype=Int32, value= [1, 2, 3])');
    expect(tensor([1, -22, 3], 'int8').toString()).toBe('Tensor(shape=[3], dtype=Int8, value= [  1, -22,   3])');
    expect(tensor([7], 'uint8').toString()).toBe('Tensor(shape=[1], dtype=UInt8, value= [7])');
  });

  it('bools print True/False padded like NumPy', () => {
    expect(tensor([true, false]).toString()).toBe('Tensor(shape=[2], dtype=Bool, value= [ True, False])');
    expect(tensor([true, true]).toString()).toBe('Tensor(shape=[2], dtype=Bool, value= [ True,  True])');
    expect(tensor(false).toString()).toBe('Tensor(shape=[], dtype=Bool, value= False)');
  });

  it('rank ≥ 2 starts the values on a new line', () => {
    expect(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        'float32',
      ).toString(),
    ).toBe('Tensor(shape=[2, 2], dtype=Float32, value=\n[[ 1.00000000e+00,  2.00000000e+00],\n [ 3.00000000e+00,  4.00000000e+00]])');
    expect(
      tensor([
        [1, -2],
        [3, 4],
      ]).toString(),
    ).toBe('Tensor(shape=[2, 2], dtype=Int32, value=\n[[ 1, -2],\n [ 3,  4]])');
    expect(arange(8).getItem([]).toString()).toContain('[0, 1, 2, 3, 4, 5, 6, 7]');
  });

  it('scalars print the shortest round-tripping value', () => {
    expect(tensor(1.5).toString()).toBe('Tensor(shape=[], dtype=Float32, value= 1.5)');
    expect(tensor(0.1).toString()).toBe('Tensor(shape=[], dtype=Float32, value= 0.1)');
    expect(tensor(0.1, 'float64').toString()).toBe('Tensor(shape=[], dtype=Float64, value= 0.1)');
    expect(tensor(5, 'int32').toString()).toBe('Tensor(shape=[], dtype=Int32, value= 5)');
  });

  it('more than 1000 elements elide the middle with ...', () => {
    expect(arange(1001).toString()).toBe('Tensor(shape=[1001], dtype=Int32, value= [   0,    1,    2, ...,  998,  999, 1000])');
    expect(arange(1000).toString()).not.toContain('...');
    const m = zeros([40, 40]).toString();
    expect(m.split('\n')).toHaveLength(8);
    expect(m).toContain(' ...,\n');
  });

  it('float16 prints its rounded value; a disposed tensor says so', () => {
    expect(tensor([0.1], 'float16').toString()).toBe('Tensor(shape=[1], dtype=Float16, value= [ 9.99755859e-02])');
    const x = tensor([1, 2]);
    x.dispose();
    expect(x.toString()).toBe('Tensor(shape=[2], dtype=Int32, disposed)');
  });
});
