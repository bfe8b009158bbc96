import { tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from './compare.js';
import { logicalAnd, logicalNot, logicalOr, logicalXor } from './logical.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

describe('comparisons', () => {
  it('compare elementwise to bool', () => {
    const a = tensor([1, 2, 3]);
    expectTensor(equal(a, 2), 'bool', [3], [0, 1, 0]);
    expectTensor(notEqual(a, 2), 'bool', [3], [1, 0, 1]);
    expectTensor(less(a, 2), 'bool', [3], [1, 0, 0]);
    expectTensor(lessEqual(a, 2), 'bool', [3], [1, 1, 0]);
    expectTensor(greater(a, 2), 'bool', [3], [0, 0, 1]);
    expectTensor(greaterEqual(a, 2), 'bool', [3], [0, 1, 1]);
    a.dispose();
  });

  it('promote before comparing (int 1 equals float 1.0; 1 < 1.5 is not lost to truncation)', () => {
    expectTensor(equal(tensor([1, 2]), tensor([1.0, 2.5], 'float32')), 'bool', [2], [1, 0]);
    expectTensor(less(tensor([1, 2]), 1.5), 'bool', [2], [1, 0]);
    expectTensor(greater(2, tensor([1, 3])), 'bool', [2], [1, 0]);
  });

  it('broadcast and handle NaN and empty tensors', () => {
    expectTensor(less(tensor([[1], [3]]), tensor([2, 4])), 'bool', [2, 2], [1, 1, 0, 1]);
    expectTensor(equal(tensor([NaN]), tensor([NaN])), 'bool', [1], [0]);
    expectTensor(notEqual(tensor([NaN]), NaN), 'bool', [1], [1]);
    expectTensor(equal(zeros([0]), 1), 'bool', [0], []);
  });

  it('errors name the op', () => {
    expect(() => equal(zeros([2]), zeros([3]))).toThrow('equal: Shapes [2] and [3] cannot be broadcast together');
    expect(() => less(1, 2)).toThrow('less: at least one of input and other must be a Tensor');
  });
});

describe('logical ops', () => {
  const a = () => tensor([true, true, false, false]);
  const b = () => tensor([true, false, true, false]);

  it('truth tables', () => {
    expectTensor(logicalAnd(a(), b()), 'bool', [4], [1, 0, 0, 0]);
    expectTensor(logicalOr(a(), b()), 'bool', [4], [1, 1, 1, 0]);
    expectTensor(logicalXor(a(), b()), 'bool', [4], [0, 1, 1, 0]);
    expectTensor(logicalNot(a()), 'bool', [4], [0, 0, 1, 1]);
  });

  it('cast numbers and numeric tensors to bool (nonzero is true)', () => {
    expectTensor(logicalAnd(tensor([0, 2, -1]), 1), 'bool', [3], [0, 1, 1]);
    expectTensor(logicalOr(tensor([0, 0.5]), false), 'bool', [2], [0, 1]);
    expectTensor(logicalXor(tensor([0, 3]), tensor([[1], [0]])), 'bool', [2, 2], [1, 0, 0, 1]);
    expectTensor(logicalNot(tensor([0, 2.5])), 'bool', [2], [1, 0]);
  });

  it('errors and memory', () => {
    expect(() => logicalNot(true as never)).toThrow('logicalNot: input must be a Tensor, but got boolean true.');
    expect(() => logicalAnd(tensor([1]), 'a' as never)).toThrow('logicalAnd: other must be a Tensor or a number, but got string "a".');
    const x = tensor([0, 1]);
    expect(leakedBy(() => logicalNot(x))).toBe(0);
    expect(leakedBy(() => logicalOr(x, 0))).toBe(0);
    x.dispose();
  });
});
