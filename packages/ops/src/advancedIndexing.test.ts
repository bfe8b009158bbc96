/**
 * Advanced indexing (getItem/setItem with int tensors, bool masks and index lists, mixed with
 * slices and integers), against NumPy's results, with gradients through both.
 */
import { cpu } from '@mindts/backend-cpu';
import { arange, listBackends, memory, registerBackend, slice, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const x = () => ops.reshape(arange(0, 24, 1, 'float32'), [2, 3, 4]);
const read = (t: Tensor) => [t.shape, Array.from(t.dataSync())];

describe('getItem with advanced indices (NumPy results)', () => {
  it('index lists, alone and mixed with slices and integers', () => {
    expect(read(x().getItem([[1, 0]]))).toEqual([
      [2, 3, 4],
      [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    ]);
    expect(read(x().getItem([slice(), [2, 0]]))).toEqual([
      [2, 2, 4],
      [8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15],
    ]);
    // Non-adjacent index arrays: their broadcast dimension goes first.
    expect(read(x().getItem([[1, 0], slice(), [3, 1]]))).toEqual([
      [2, 3],
      [15, 19, 23, 1, 5, 9],
    ]);
    expect(read(x().getItem([slice(), [0, 2], [1, 3]]))).toEqual([
      [2, 2],
      [1, 11, 13, 23],
    ]);
    expect(read(x().getItem([1, [0, 2], slice(1, 3)]))).toEqual([
      [2, 2],
      [13, 14, 21, 22],
    ]);
    expect(x().getItem(['...', [1]]).shape).toEqual([2, 3, 1]);
    expect(x().getItem([null, [1, 0]]).shape).toEqual([1, 2, 3, 4]);
  });

  it('int tensors broadcast together, and bool masks select their true elements', () => {
    const y = ops.reshape(arange(0, 6, 1, 'float32'), [2, 3]);
    expect(read(y.getItem([tensor([[1], [0]], 'int32'), tensor([0, 2], 'int32')]))).toEqual([
      [2, 2],
      [3, 5, 0, 2],
    ]);
    expect(read(y.getItem([true, false]))).toEqual([
      [1, 3],
      [0, 1, 2],
    ]);
    const t = x();
    const mask = ops.equal(ops.mod(t, 5), 0);
    expect(read(t.getItem(mask))).toEqual([[5], [0, 5, 10, 15, 20]]);
    expect(read(y.getItem(tensor([-1], 'int32')))).toEqual([
      [1, 3],
      [3, 4, 5],
    ]);
  });

  it('refuses bad indices clearly and leaks nothing', () => {
    const y = ops.reshape(arange(0, 6, 1, 'float32'), [2, 3]);
    const half = tensor([0.5], 'float32');
    const before = memory().numTensors;
    expect(() => y.getItem([[2, 0]])).toThrow('Index 2 is out of bounds for axis 0 with size 2.');
    expect(() => y.getItem([[true, false, true]])).toThrow('a boolean mask of shape [3] does not match the indexed shape [2]');
    expect(() => y.getItem(half as never)).toThrow('an index tensor must be of an integer or bool dtype, but got float32');
    expect(() => y.getItem([[[0, 1], [1]]] as never)).toThrow('must be rectangular');
    expect(memory().numTensors).toBe(before);
  });
});

describe('setItem with advanced indices', () => {
  it('writes in place, the last value winning where an element is selected twice', () => {
    const z = tensor([0, 0, 0, 0, 0], 'float32');
    z.setItem([[1, 3, 1]], tensor([10, 20, 30], 'float32'));
    expect(Array.from(z.dataSync())).toEqual([0, 30, 0, 20, 0]);
    const w = ops.reshape(arange(0, 6, 1, 'float32'), [2, 3]);
    w.setItem(ops.greater(w, 2), -1);
    expect(Array.from(w.dataSync())).toEqual([0, 1, 2, -1, -1, -1]);
    const v = ops.reshape(arange(0, 6, 1, 'int32'), [2, 3]);
    v.setItem([slice(), [0, 2]], [[7, 8]]);
    expect(Array.from(v.dataSync())).toEqual([7, 1, 8, 7, 4, 8]);
  });
});

describe('gradients through advanced indexing', () => {
  it('getItem scatters the gradient back to the picked elements (repeats add up)', () => {
    const p = tensor([1, 2, 3, 4], 'float32');
    const [, dp] = ops.valueAndGrad((a: Tensor) => ops.sum(ops.mul(a.getItem([[3, 0, 3]]), tensor([1, 2, 3], 'float32'))))(p);
    expect(Array.from(dp.dataSync())).toEqual([2, 0, 0, 4]);
  });

  it('setItem passes the gradient to the written values and to the elements kept', () => {
    const base = tensor([1, 2, 3, 4], 'float32');
    const vals = tensor([5, 6], 'float32');
    const f = (a: Tensor, b: Tensor) => {
      const c = ops.mul(a, 1);
      c.setItem([[0, 2]], b);
      return ops.sum(ops.mul(c, tensor([1, 10, 100, 1000], 'float32')));
    };
    const [, grads] = ops.valueAndGrad(f, [0, 1])(base, vals);
    const [da, db] = grads;
    expect(Array.from(da.dataSync())).toEqual([0, 10, 0, 1000]);
    expect(Array.from(db.dataSync())).toEqual([1, 100]);
  });
});
