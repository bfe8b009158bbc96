import { Tensor, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { expectTensor, useCpu } from './test/helpers.js';

beforeAll(useCpu);

describe('Tensor methods', () => {
  const m = () =>
    tensor(
      [
        [1, 5, 3],
        [7, 4, 9],
      ],
      'float32',
    );

  it('are installed once, not enumerable, and typed through the @mindts/ops import', () => {
    expect(Object.keys(Tensor.prototype)).not.toContain('reshape');
    expect(typeof Tensor.prototype.reshape).toBe('function');
    expect(ops.sum).toBeTypeOf('function'); // the import that installs them
  });

  it('shape methods', () => {
    expect(m().reshape(3, 2).shape).toEqual([3, 2]);
    expect(m().reshape([-1]).shape).toEqual([6]);
    expect(m().view(1, 6).shape).toEqual([1, 6]);
    expect(zeros([2, 3, 4]).flatten().shape).toEqual([24]);
    expect(zeros([2, 3, 4]).flatten(1).shape).toEqual([2, 12]);
    expect(zeros([1, 3, 1]).squeeze().shape).toEqual([3]);
    expect(zeros([1, 3, 1]).squeeze(0).shape).toEqual([3, 1]);
    expect(zeros([3]).unsqueeze(0).shape).toEqual([1, 3]);
    expect(zeros([3]).expandDims(-1).shape).toEqual([3, 1]);
    expect(zeros([2, 3, 4]).transpose().shape).toEqual([4, 3, 2]);
    expect(zeros([2, 3, 4]).transpose(0, 2, 1).shape).toEqual([2, 4, 3]);
    expect(zeros([2, 3, 4]).permute([2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(zeros([2, 3, 4]).permute(1, 0, 2).shape).toEqual([3, 2, 4]);
    expect(zeros([2, 3, 4]).swapaxes(0, 2).shape).toEqual([4, 3, 2]);
    expectTensor(m().T, 'float32', [3, 2], [1, 7, 5, 4, 3, 9]);
  });

  it('properties on Tensor itself', () => {
    const x = m();
    expect([x.ndim, x.itemsize, x.nbytes, x.strides]).toEqual([2, 4, 24, [12, 4]]);
    const b = tensor([[true], [false]]);
    expect([b.ndim, b.itemsize, b.nbytes, b.strides]).toEqual([2, 1, 2, [1, 1]]);
    expect(tensor(1).strides).toEqual([]);
  });

  it('conversion and reading', () => {
    expectTensor(m().astype('int32'), 'int32', [2, 3], [1, 5, 3, 7, 4, 9]);
    expect(Array.from(m().asnumpy())).toEqual([1, 5, 3, 7, 4, 9]);
    expect(m().tolist()).toEqual([
      [1, 5, 3],
      [7, 4, 9],
    ]);
    expect(tensor([[2.5]], 'float32').item()).toBe(2.5);
    expect(tensor([true]).item()).toBe(true);
    expect(() => m().item()).toThrow('Tensor.item: only a tensor with one element can be read as a number, but this one has shape [2, 3].');
    const x = m();
    const c = x.copy();
    expect(c).not.toBe(x);
    expectTensor(c, 'float32', [2, 3], [1, 5, 3, 7, 4, 9]);
  });

  it('reductions', () => {
    expectTensor(m().sum(), 'float32', [], [29]);
    expectTensor(m().sum(1, true), 'float32', [2, 1], [9, 20]);
    expectTensor(m().mean(0), 'float32', [3], [4, 4.5, 6]);
    expectTensor(m().max(), 'float32', [], [9]);
    expectTensor(m().max(1), 'float32', [2], [5, 9]);
    expectTensor(m().min([0, 1]), 'float32', [], [1]);
    expectTensor(m().argmax(1), 'int32', [2], [1, 2]);
    expectTensor(m().argmin(), 'int32', [], [0]);
  });

  it('elementwise and matmul', () => {
    const v = tensor([-1, 4], 'float32');
    expectTensor(v.abs(), 'float32', [2], [1, 4]);
    expectTensor(tensor([0], 'float32').exp(), 'float32', [1], [1]);
    expectTensor(tensor([1], 'float32').log(), 'float32', [1], [0]);
    expectTensor(tensor([4], 'float32').sqrt(), 'float32', [1], [2]);
    expectTensor(v.add(1), 'float32', [2], [0, 5]);
    expectTensor(v.sub(v), 'float32', [2], [0, 0]);
    expectTensor(v.mul(2), 'float32', [2], [-2, 8]);
    expectTensor(v.div(2), 'float32', [2], [-0.5, 2]);
    expectTensor(v.pow(2), 'float32', [2], [1, 16]);
    expectTensor(v.clip(0, 3), 'float32', [2], [0, 3]);
    expectTensor(m().matmul(tensor([[1], [0], [1]], 'float32')), 'float32', [2, 1], [4, 16]);
  });

  it('maskedFill keeps the dtype and broadcasts the mask', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expectTensor(x.maskedFill(tensor([true, false]), 0.5), 'int32', [2, 2], [0, 2, 0, 4]);
    expectTensor(m().maskedFill(ops.greater(m(), 4), -1), 'float32', [2, 3], [1, -1, 3, -1, 4, -1]);
    expect(() => x.maskedFill(tensor([1, 0]), 0)).toThrow('maskedFill: mask must be a bool Tensor, but got int32.');
  });

  it('refuse extra arguments and bad ones, naming the method', () => {
    expect(() => (m().sum as (...a: unknown[]) => unknown)(0, false, 'x')).toThrow('Tensor.sum takes at most 2 arguments, but got 3.');
    expect(() => m().reshape('a' as never)).toThrow('Tensor.reshape: expected integers or one array of integers, but got string "a".');
    expect(() => m().reshape(4, 2)).toThrow('reshape: cannot reshape a tensor of shape [2, 3]');
  });
});
