import { arange, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTensor, leakedBy, useCpu, values } from '../test/helpers.js';
import { concat, stack } from './concat.js';
import { reshape } from './reshape.js';
import { split } from './split.js';

beforeAll(useCpu);

describe('concat', () => {
  it('joins along an axis, negative axes too', () => {
    expectTensor(
      concat([
        tensor([[1, 2]]),
        tensor([
          [3, 4],
          [5, 6],
        ]),
      ]),
      'int32',
      [3, 2],
      [1, 2, 3, 4, 5, 6],
    );
    expectTensor(concat([tensor([[1], [2]]), tensor([[3], [4]])], -1), 'int32', [2, 2], [1, 3, 2, 4]);
    expectTensor(concat([tensor([1, 2])]), 'int32', [2], [1, 2]);
    expectTensor(concat([zeros([0, 2]), tensor([[1, 2]], 'float32')]), 'float32', [1, 2], [1, 2]);
  });

  it('promotes dtypes', () => {
    expectTensor(concat([tensor([1], 'int8'), tensor([0.5], 'float16'), tensor([true])]), 'float16', [3], [1, 0.5, 1]);
  });

  it('errors', () => {
    expect(() => concat([zeros([2, 3]), zeros([2, 4])])).toThrow(
      'concat: tensors[1] has shape [2, 4] but tensors[0] has shape [2, 3]; they must match on every axis except axis 0.',
    );
    expect(() => concat([zeros([2]), zeros([2, 1])])).toThrow('concat: tensors[1] has shape [2, 1] but tensors[0] has shape [2]');
    expect(() => concat([])).toThrow('concat: tensors must hold at least one Tensor, but got an empty array.');
    expect(() => concat([zeros([1]), 1 as never])).toThrow('concat: tensors[1] must be a Tensor, but got number 1.');
    expect(() => concat([tensor(1), tensor(2)])).toThrow(
      'concat: tensors[0] is a scalar (shape []); a scalar cannot be concatenated, use stack.',
    );
    expect(() => concat([zeros([2])], 1)).toThrow('concat: axis 1 is out of range for rank 1; it must be an integer in [-1, 0].');
    expect(() => concat(zeros([2]) as never)).toThrow(
      'concat: tensors must be an array of Tensors, but got a float32 Tensor of shape [2].',
    );
  });
});

describe('stack', () => {
  it('stacks on a new axis', () => {
    expectTensor(stack([tensor([1, 2]), tensor([3, 4])]), 'int32', [2, 2], [1, 2, 3, 4]);
    expectTensor(stack([tensor([1, 2]), tensor([3, 4])], 1), 'int32', [2, 2], [1, 3, 2, 4]);
    expectTensor(stack([tensor([1, 2]), tensor([3, 4])], -1), 'int32', [2, 2], [1, 3, 2, 4]);
    expectTensor(stack([tensor(1, 'int32'), tensor(2.5)]), 'float32', [2], [1, 2.5]);
  });

  it('errors', () => {
    expect(() => stack([zeros([2]), zeros([3])])).toThrow(
      'stack: tensors[1] has shape [3] but tensors[0] has shape [2]; all must have one shape.',
    );
    expect(() => stack([zeros([2])], 2)).toThrow('stack: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
  });
});

describe('split', () => {
  it('splits by chunk size; the last piece may be smaller', () => {
    const parts = split(arange(5), 2);
    expect(parts.map((p) => p.shape)).toEqual([[2], [2], [1]]);
    expect(parts.map(values)).toEqual([[0, 1], [2, 3], [4]]);
    for (const p of parts) p.dispose();
  });

  it('splits by section sizes along an axis', () => {
    const parts = split(reshape(arange(6), [2, 3]), [1, 0, 2], -1);
    expect(parts.map((p) => p.shape)).toEqual([
      [2, 1],
      [2, 0],
      [2, 2],
    ]);
    expect(parts.map(values)).toEqual([[0, 3], [], [1, 2, 4, 5]]);
    for (const p of parts) p.dispose();
  });

  it('an empty axis gives one empty piece', () => {
    const parts = split(zeros([0, 2]), 3);
    expect(parts.map((p) => p.shape)).toEqual([[0, 2]]);
    for (const p of parts) p.dispose();
  });

  it('errors', () => {
    expect(() => split(arange(5), [2, 2])).toThrow('split: section sizes [2, 2] add up to 4, but axis 0 of shape [5] has size 5.');
    expect(() => split(arange(5), 0)).toThrow('split: splitSizeOrSections must be a positive integer or an array of sizes, but got 0.');
    expect(() => split(arange(5), [-1, 6])).toThrow('split: section sizes must be integers >= 0, but got number -1.');
    expect(() => split(tensor(1), 1)).toThrow('split: input is a scalar (shape []); it has no axis to split.');
    expect(() => split(arange(5), 'a' as never)).toThrow(
      'split: splitSizeOrSections must be a number or an array of numbers, but got string "a".',
    );
  });
});

describe('memory', () => {
  it('leaves no temporaries', () => {
    const a = tensor([1, 2], 'int8');
    const b = tensor([3, 4]);
    expect(leakedBy(() => concat([a, b]))).toBe(0);
    expect(leakedBy(() => stack([a, b], 1))).toBe(0);
    expect(leakedBy(() => split(b, 1))).toBe(0);
    a.dispose();
    b.dispose();
  });
});
