import { arange, slice, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, vals } from './testing/harness.js';

beforeAll(useCpu);

/** A 3×4 int32 tensor 0…11. */
const grid = (): Tensor => tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'int32', [3, 4]);

describe('getItem', () => {
  it('ints drop axes; negative ints count from the end', () => {
    const x = grid();
    expect(x.getItem(1).shape).toEqual([4]);
    expect(vals(x.getItem(1))).toEqual([4, 5, 6, 7]);
    expect(vals(x.getItem(-1))).toEqual([8, 9, 10, 11]);
    const s = x.getItem([2, -2]);
    expect(s.shape).toEqual([]);
    expect(vals(s)).toEqual([10]);
  });

  it('slices with start, stop and step, including negative steps', () => {
    const x = grid();
    expect(vals(x.getItem(slice(0, 2)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(vals(x.getItem([slice(), slice(1, null, 2)]))).toEqual([1, 3, 5, 7, 9, 11]);
    expect(vals(x.getItem([0, slice(null, null, -1)]))).toEqual([3, 2, 1, 0]);
    expect(vals(x.getItem([slice(null, null, -2), slice(-1, 0, -2)]))).toEqual([11, 9, 3, 1]);
    expect(vals(arange(10).getItem(slice(-3)))).toEqual([7, 8, 9]);
    expect(vals(arange(10).getItem(slice(8, 100)))).toEqual([8, 9]);
    expect(arange(10).getItem(slice(5, 2)).shape).toEqual([0]);
    expect(arange(10).getItem(slice(2, 5, -1)).shape).toEqual([0]);
  });

  it("'...' fills the remaining axes and null inserts a new axis", () => {
    const x = grid();
    expect(vals(x.getItem(['...', 0]))).toEqual([0, 4, 8]);
    const y = x.getItem([null, 1]);
    expect(y.shape).toEqual([1, 4]);
    expect(x.getItem(['...', null]).shape).toEqual([3, 4, 1]);
    expect(x.getItem([slice(0, 1), null, '...']).shape).toEqual([1, 1, 4]);
    expect(vals(tensor(5).getItem('...'))).toEqual([5]);
  });

  it('works on float16 and bool tensors', () => {
    expect(vals(tensor([0.5, 1.5, 2.5], 'float16').getItem(slice(null, null, -1)))).toEqual([2.5, 1.5, 0.5]);
    const b = tensor([true, false, true]).getItem(slice(1));
    expect(b.dtype).toBe('bool');
    expect(b.arraySync()).toEqual([false, true]);
  });

  it('errors: out of range, too many indices, two ellipses, bad elements, zero step', () => {
    const x = grid();
    expect(() => x.getItem(3)).toThrow('Index 3 is out of bounds for axis 0 with size 3.');
    expect(() => x.getItem([0, -5])).toThrow('Index -5 is out of bounds for axis 1 with size 4.');
    expect(() => x.getItem([0, 0, 0])).toThrow(
      /Too many indices for a tensor of shape \[3, 4\]: 3 were indexed but it has 2 dimension\(s\)/,
    );
    expect(() => x.getItem(['...', '...'])).toThrow(/single ellipsis/);
    expect(() => x.getItem(1.5)).toThrow(/Index 1.5 on axis 0 must be an integer/);
    expect(() => x.getItem('a' as never)).toThrow(/Invalid index element a/);
    expect(() => slice(0, 2, 0)).toThrow('slice step cannot be zero.');
    expect(() => slice(0.5)).toThrow(/slice start must be an integer or null, but got 0.5/);
  });
});

describe('setItem', () => {
  it('writes a number into an element, a row and a strided region, in place', () => {
    const x = grid();
    expect(x.setItem([0, 0], 100)).toBe(x);
    x.setItem(-1, 7);
    x.setItem([slice(null, null, 2), slice(null, null, -3)], -1);
    expect(x.arraySync()).toEqual([
      [-1, 1, 2, -1],
      [4, 5, 6, 7],
      [-1, 7, 7, -1],
    ]);
  });

  it('broadcasts arrays and tensors to the region', () => {
    const x = grid();
    x.setItem(slice(0, 2), [10, 20, 30, 40]);
    expect(vals(x.getItem(1))).toEqual([10, 20, 30, 40]);
    x.setItem([slice(), 0], tensor([[1], [2], [3]], 'int32').getItem([slice(), 0]));
    expect(vals(x.getItem(['...', 0]))).toEqual([1, 2, 3]);
    x.setItem(['...', slice(1, 3)], tensor([[5, 6]], 'int32').getItem(0));
    expect(vals(x.getItem(2))).toEqual([3, 5, 6, 11]);
  });

  it('casts the value to the tensor dtype', () => {
    const x = tensor([0, 0, 0], 'int32');
    x.setItem(0, 2.9);
    x.setItem(1, tensor([-3.7], 'float32'));
    x.setItem(2, true);
    expect(vals(x)).toEqual([2, -3, 1]);
    const h = tensor([0, 0], 'float16');
    h.setItem(slice(), 0.1);
    expect(vals(h)).toEqual([0.0999755859375, 0.0999755859375]);
    const b = tensor([false, false]);
    b.setItem(1, 5);
    expect(b.arraySync()).toEqual([false, true]);
  });

  it("drops a value's leading size-1 axes like NumPy", () => {
    const x = grid();
    x.setItem(0, tensor([[[7, 8, 9, 10]]], 'int32'));
    x.setItem([1, 1], [[9.5]]);
    expect(vals(x.getItem(slice(0, 2)))).toEqual([7, 8, 9, 10, 4, 9, 6, 7]);
  });

  it('rejects values that do not broadcast and bad indices', () => {
    const x = grid();
    expect(() => x.setItem(0, [1, 2, 3])).toThrow('setItem: a value of shape [3] cannot be broadcast to the indexed shape [4].');
    expect(() => x.setItem(5, 1)).toThrow('Index 5 is out of bounds for axis 0 with size 3.');
    expect(vals(x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
