import { tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { matmul } from './matmul.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

const a = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]); // [2, 3]
const b = () =>
  tensor([
    [1, 0],
    [0, 1],
    [1, 1],
  ]); // [3, 2]

describe('matmul', () => {
  it('multiplies matrices', () => {
    expectTensor(matmul(a(), b()), 'int32', [2, 2], [4, 5, 10, 11]);
    expectTensor(matmul(tensor([[1.5, 2]]), tensor([[2], [0.25]])), 'float32', [1, 1], [3.5]);
  });

  it('transposes either operand', () => {
    expectTensor(matmul(b(), a(), { transposeA: true, transposeB: true }), 'int32', [2, 2], [4, 10, 5, 11]);
    expectTensor(matmul(a(), a(), { transposeB: true }), 'int32', [2, 2], [14, 32, 32, 77]);
    expectTensor(matmul(a(), a(), { transposeA: true }), 'int32', [3, 3], [17, 22, 27, 22, 29, 36, 27, 36, 45]);
  });

  it('1-D operands follow NumPy: promoted to a row/column, then squeezed', () => {
    expectTensor(matmul(tensor([1, 2, 3]), b()), 'int32', [2], [4, 5]);
    expectTensor(matmul(a(), tensor([1, 0, 1])), 'int32', [2], [4, 10]);
    expectTensor(matmul(tensor([1, 2, 3]), tensor([4, 5, 6])), 'int32', [], [32]);
    expectTensor(matmul(tensor([1, 2]), zeros([4, 2, 3])), 'float32', [4, 3], new Array(12).fill(0));
  });

  it('broadcasts batch dims, including different ranks', () => {
    const batch = tensor([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 0],
        [0, 2],
      ],
    ]); // [2, 2, 2]
    const m2 = tensor([
      [1, 2],
      [3, 4],
    ]);
    expectTensor(matmul(batch, m2), 'int32', [2, 2, 2], [1, 2, 3, 4, 2, 4, 6, 8]);
    expectTensor(matmul(m2, batch), 'int32', [2, 2, 2], [1, 2, 3, 4, 2, 4, 6, 8]);
    expectTensor(matmul(zeros([3, 1, 2, 4]), zeros([5, 4, 1])), 'float32', [3, 5, 2, 1], new Array(30).fill(0));
  });

  it('promotes dtypes and multiplies bools as OR of ANDs', () => {
    expectTensor(matmul(tensor([[1, 2]], 'int8'), tensor([[0.5], [0.25]], 'float32')), 'float32', [1, 1], [1]);
    expectTensor(matmul(tensor([[true, false]]), tensor([[false], [true]])), 'bool', [1, 1], [0]);
  });

  it('handles empty dims', () => {
    expectTensor(matmul(zeros([0, 3]), zeros([3, 2])), 'float32', [0, 2], []);
    expectTensor(matmul(zeros([2, 0]), zeros([0, 2])), 'float32', [2, 2], [0, 0, 0, 0]);
  });

  it('errors name both shapes', () => {
    expect(() => matmul(a(), a())).toThrow('matmul: the inner dimensions of input [2, 3] and other [2, 3] do not match: 3 vs 2.');
    expect(() => matmul(a(), b(), { transposeB: true })).toThrow(
      'matmul: the inner dimensions of input [2, 3] and other [3, 2] do not match: 3 vs 2 (with transposeB).',
    );
    expect(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 4]))).toThrow(
      'matmul: the batch dimensions of input [2, 2, 3] and other [3, 3, 4] cannot be broadcast together.',
    );
    expect(() => matmul(tensor(1), a())).toThrow('matmul: input must have at least 1 dimension, but got a scalar (shape []).');
    expect(() => matmul(a(), [1, 2] as never)).toThrow('matmul: other must be a Tensor, but got an array of length 2.');
    expect(() => matmul(a(), b(), { transposeA: 1 as never })).toThrow(
      'matmul: transposeA and transposeB must be booleans, but got number 1 and boolean false.',
    );
  });

  it('leaves no temporaries', () => {
    const v = tensor([1, 2, 3], 'int8');
    const w = b();
    expect(leakedBy(() => matmul(v, w))).toBe(0);
    expect(leakedBy(() => matmul(w, w, { transposeA: true }))).toBe(0);
    v.dispose();
    w.dispose();
  });
});
