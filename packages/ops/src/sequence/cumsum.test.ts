import { memory, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { valueAndGrad } from '../autograd/valueAndGrad.js';
import { sum } from '../reduce.js';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu, values } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { cumprod, cumsum } from './cumsum.js';

beforeAll(useCpu);

describe('cumsum, cumprod', () => {
  it('scan along any axis, negative axes included', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectTensor(cumsum(x, 1), 'int32', [2, 3], [1, 3, 6, 4, 9, 15]);
    expectTensor(cumsum(x, 0), 'int32', [2, 3], [1, 2, 3, 5, 7, 9]);
    expectTensor(cumsum(x, -1), 'int32', [2, 3], [1, 3, 6, 4, 9, 15]);
    expectTensor(cumprod(x, 1), 'int32', [2, 3], [1, 2, 6, 4, 20, 120]);
    expectTensor(cumprod(tensor([0.5, 2, 0, 3], 'float32'), 0), 'float32', [4], [0.5, 1, 0, 0]);
    x.dispose();
  });

  it('sums bool as int32, casts to dtype first, handles empty and long axes', () => {
    expectTensor(cumsum(tensor([true, false, true]), 0), 'int32', [3], [1, 1, 2]);
    expectTensor(cumsum(tensor([100, 100, 100], 'int8'), 0, { dtype: 'float32' }), 'float32', [3], [100, 200, 300]);
    expectTensor(cumsum(tensor([], 'float32', [0, 2]), 0), 'float32', [0, 2], []);
    const long = cumsum(tensor(new Float32Array(5000).fill(1)), 0);
    expect(values(long).at(-1)).toBe(5000);
    long.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = tensor([1, 2], 'float32');
    const before = memory().numTensors;
    expect(() => cumsum(x, 1)).toThrow(/cumsum: axis 1 is out of range/);
    expect(() => cumsum([1, 2] as never, 0)).toThrow('cumsum: input must be a Tensor, but got an array of length 2.');
    expect(() => cumsum(x, 0, { dtype: 'bool' })).toThrow('cumsum: dtype must be a numeric dtype, but got string "bool".');
    expect(() => cumsum(x, 0, { dtyp: 'int32' } as never)).toThrow("unknown option 'dtyp' for cumsum; did you mean 'dtype'?");
    expect(() => (cumprod as (...a: unknown[]) => unknown)(x, 0, {}, 1)).toThrow('cumprod takes at most 3 arguments, but got 4.');
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });

  it('gradients match finite differences (cumprod with zeros included)', () => {
    expect(checkGradients((x) => cumsum(x, 1), [f64([3, 5])])).toEqual([]);
    expect(checkGradients((x) => cumsum(x, 0), [f64([4, 2])])).toEqual([]);
    expect(checkGradients((x) => cumprod(x, 1), [f64([3, 5], 0.5, 1.5)])).toEqual([]);
    expect(checkGradients((x) => cumprod(x, 0), [f64([4, 3], -1.5, 1.5)])).toEqual([]);
    // Zeros: one, two in a row, and one at the start, where y/x cannot be used.
    const z = tensor(
      [
        [1.5, 0, 2, -1],
        [0, 0.5, 0, 3],
        [0, 2, 1.5, 0.5],
      ],
      'float64',
    );
    const [, g] = valueAndGrad((x: Tensor) => sum(cumprod(x, 1)))(z);
    // d/dx_j Σ_i Π_{k≤i} x_k, by hand for each row.
    expect(values(g)).toEqual([1, 1.5 * (1 + 2 + 2 * -1), 0, 0, 1 + 0.5 + 0 + 0, 0, 0, 0, 1 + 2 + 3 + 1.5, 0, 0, 0]);
    expect(checkGradients((x) => cumprod(x, 1), [z], { eps: 1e-7 })).toEqual([]);
  });
});
