import { tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { clip } from './clip.js';
import { where } from './where.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

describe('where', () => {
  it('chooses elementwise with broadcasting', () => {
    const cond = tensor([true, false, true]);
    expectTensor(where(cond, tensor([1, 2, 3]), tensor([10, 20, 30])), 'int32', [3], [1, 20, 3]);
    expectTensor(where(tensor([[true], [false]]), tensor([1, 2]), tensor([[7], [8]])), 'int32', [2, 2], [1, 2, 8, 8]);
    cond.dispose();
  });

  it('takes numbers for either branch with the scalar dtype rule', () => {
    const cond = tensor([true, false]);
    expectTensor(where(cond, tensor([1, 2]), 0), 'int32', [2], [1, 0]);
    expectTensor(where(cond, tensor([1, 2]), 0.5), 'float32', [2], [1, 0.5]);
    expectTensor(where(cond, 1, 0), 'int32', [2], [1, 0]);
    expectTensor(where(cond, 1.5, 0), 'float32', [2], [1.5, 0]);
    expectTensor(where(cond, true, false), 'bool', [2], [1, 0]);
    expectTensor(where(cond, tensor([1, 2], 'int8'), tensor([1.5, 2.5], 'float16')), 'float16', [2], [1, 2.5]);
    cond.dispose();
  });

  it('handles empty tensors', () => {
    expectTensor(where(tensor([], 'bool'), zeros([0]), 1), 'float32', [0], []);
  });

  it('errors', () => {
    expect(() => where(tensor([1, 0]), 1, 0)).toThrow(
      'where: condition must be a bool Tensor, but got int32; compare first, e.g. ops.greater(x, 0).',
    );
    expect(() => where(true as never, 1, 0)).toThrow('where: condition must be a Tensor, but got boolean true.');
    expect(() => where(tensor([true]), 'a' as never, 0)).toThrow('where: input must be a Tensor or a number, but got string "a".');
    expect(() => where(tensor([true, false]), zeros([3]), 0)).toThrow(
      'where: condition [2], input [3] and other [] cannot be broadcast together.',
    );
  });

  it('frees its scalar and cast temporaries', () => {
    const cond = tensor([true, false]);
    const x = tensor([1, 2], 'int8');
    expect(leakedBy(() => where(cond, x, 0.5))).toBe(0);
    cond.dispose();
    x.dispose();
  });
});

describe('clip', () => {
  it('clamps to [min, max]', () => {
    expectTensor(clip(tensor([-2, 0.5, 3]), 0, 1), 'float32', [3], [0, 0.5, 1]);
    expectTensor(clip(tensor([-2, 5, 3]), 0, 4), 'int32', [3], [0, 4, 3]);
  });

  it('takes only one bound', () => {
    expectTensor(clip(tensor([-2, 5]), 0), 'int32', [2], [0, 5]);
    expectTensor(clip(tensor([-2, 5]), undefined, 0), 'int32', [2], [-2, 0]);
    expectTensor(clip(tensor([-2, 5]), null, 1), 'int32', [2], [-2, 1]);
  });

  it('where min > max the result is max (MindSpore clamp)', () => {
    expectTensor(clip(tensor([-1, 0.5, 9]), 2, 1), 'float32', [3], [1, 1, 1]);
  });

  it('takes Tensor bounds that broadcast', () => {
    expectTensor(
      clip(
        tensor([
          [1, 5],
          [3, 7],
        ]),
        tensor([2, 6]),
        tensor([[4], [6]]),
      ),
      'int32',
      [2, 2],
      [2, 4, 3, 6],
    );
  });

  it('promotes like maximum/minimum: a fractional bound makes an int tensor float32', () => {
    expectTensor(clip(tensor([0, 3]), 0.5, 2.5), 'float32', [2], [0.5, 2.5]);
  });

  it('errors', () => {
    expect(() => clip(tensor([1]))).toThrow("clip: at least one of 'min' or 'max' must be given, but both are missing.");
    expect(() => clip(tensor([1]), 'a' as never)).toThrow('clip: min must be a Tensor or a number, but got string "a".');
    expect(() => clip(5 as never, 0, 1)).toThrow('clip: input must be a Tensor, but got number 5.');
    expect(() => clip(zeros([2]), zeros([3]))).toThrow('maximum: Shapes [2] and [3] cannot be broadcast together');
  });

  it('frees the intermediate', () => {
    const x = tensor([1, 2, 3]);
    expect(leakedBy(() => clip(x, 1.5, 2))).toBe(0);
    expect(leakedBy(() => clip(x, 2))).toBe(0);
    x.dispose();
  });
});
