import { fromValues, type Tensor, tensor } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { expectTensor, useCpu } from './test/helpers.js';
import { checkGradients } from './testing/gradCheck.js';

beforeAll(useCpu);

let seed = 100;
function f64(shape: number[], lo = -2, hi = 2): Tensor {
  const s = seed++;
  const n = shape.reduce((a, b) => a * b, 1);
  return fromValues(
    Array.from({ length: n }, (_, i) => randomValue('uniform', s, 0, i, lo, hi)),
    shape,
    'float64',
  );
}
const ok = (f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]) => expect(checkGradients(f, inputs)).toEqual([]);

describe('var and std', () => {
  it('match the MindSpore example and keep float64', () => {
    const x = tensor(
      [
        [1, 2, 3, 4],
        [-1, 1, 4, -10],
      ],
      'float32',
    );
    expectTensor(ops.std(x, 1, 2, true), 'float32', [2, 1], [1.5811388, 7.3824115]);
    expect(ops.var(f64([3])).dtype).toBe('float64');
    expectTensor(ops.var(tensor([1, 2], 'float16')), 'float16', [], [0.25]);
    expectTensor(ops.var(tensor([5], 'float32'), 0, 1), 'float32', [], [Number.NaN]);
  });

  it('name the bad argument', () => {
    expect(() => ops.var(tensor([1, 2], 'float32'), 0, 0.5)).toThrow('var: ddof must be an integer or a boolean, but got number 0.5.');
    expect(() => ops.std(tensor([1, 2], 'float32'), 2)).toThrow('std: axis 2 is out of range for rank 1');
    expect(() => ops.std(tensor([1, 2], 'float32'), 0, 0, 1 as never)).toThrow('std: keepDims must be a boolean');
  });

  it('gradients match finite differences', () => {
    ok((x) => ops.var(x, 1, 1), [f64([3, 4])]);
    ok((x) => ops.std(x, [0, 1], true, true), [f64([3, 4])]);
    ok((x) => ops.std(x), [f64([5])]);
  });
});

describe('norm', () => {
  it('refuses what it cannot compute, naming why', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    expect(() => ops.norm(a, 'nuc')).toThrow('norm: the matrix norm ord "nuc" needs singular values, which mindts does not compute yet.');
    expect(() => ops.norm(a, 2, [0, 1])).toThrow('needs singular values');
    expect(() => ops.norm(a, 3, [0, 1])).toThrow('norm: ord number 3 is not a matrix norm');
    expect(() => ops.norm(a, 'fro', 0)).toThrow('norm: ord "fro" is a matrix norm; a vector norm takes a number');
    expect(() => ops.norm(tensor([[[1]]], 'float32'), 1)).toThrow(
      'norm: with an ord and no dim, A must be 1-D or 2-D, but got shape [1, 1, 1].',
    );
    expect(() => ops.norm(a, null, [0, 0])).toThrow('norm: dim [0, 0] names axis 0 twice.');
    expect(() => ops.norm(a, 'max' as never)).toThrow(`norm: ord must be a number, 'fro', 'nuc' or null, but got string "max".`);
    expect(() => ops.norm(a, null, null, false, { dtype: 'int32' })).toThrow('norm: dtype must be a float dtype, but got int32.');
  });

  it('keepDim without a dim keeps every axis; the dtype option casts first', () => {
    expectTensor(ops.norm(tensor([[3, 4]], 'float32'), null, null, true), 'float32', [1, 1], [5]);
    expect(ops.norm(tensor([3, 4], 'float32'), null, null, false, { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('gradients match finite differences', () => {
    ok((x) => ops.norm(x), [f64([3, 4])]);
    ok((x) => ops.norm(x, 3, 1), [f64([3, 4], 0.5, 2)]);
    ok((x) => ops.norm(x, 1, [0, 1]), [f64([3, 4], 0.5, 2)]);
    ok((x) => ops.norm(x, Infinity, 0, true), [f64([3, 4], 0.5, 2)]);
  });
});
