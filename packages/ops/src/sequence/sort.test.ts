import { memory, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { argsort, sort, topk } from './sort.js';

beforeAll(useCpu);

describe('sort, argsort, topk', () => {
  it('sort: values and indices, stable, NaN largest, any axis', () => {
    const x = tensor(
      [
        [3, 1, 2, 1],
        [0, Number.NaN, -1, 5],
      ],
      'float32',
    );
    const [v, i] = sort(x);
    expectTensor(v, 'float32', [2, 4], [1, 1, 2, 3, -1, 0, 5, Number.NaN]);
    expectTensor(i, 'int32', [2, 4], [1, 3, 2, 0, 2, 0, 3, 1]);
    const [vd, id] = sort(x, { descending: true });
    expectTensor(vd, 'float32', [2, 4], [3, 2, 1, 1, Number.NaN, 5, 0, -1]);
    expectTensor(id, 'int32', [2, 4], [0, 2, 1, 3, 1, 3, 0, 2]);
    const [v0, i0] = sort(x, { axis: 0 });
    expectTensor(v0, 'float32', [2, 4], [0, 1, -1, 1, 3, Number.NaN, 2, 5]);
    expectTensor(i0, 'int32', [2, 4], [1, 0, 1, 0, 0, 1, 0, 1]);
    expectTensor(argsort(tensor([5, 3, 9]), { descending: true }), 'int32', [3], [2, 0, 1]);
    x.dispose();
  });

  it('topk: largest or smallest k along dim, ties by index', () => {
    const x = tensor(
      [
        [1, 5, 3, 5],
        [4, 2, 8, 0],
      ],
      'float32',
    );
    const [v, i] = topk(x, 2);
    expectTensor(v, 'float32', [2, 2], [5, 5, 8, 4]);
    expectTensor(i, 'int32', [2, 2], [1, 3, 2, 0]);
    const [vs, is] = topk(x, 1, { dim: 0, largest: false });
    expectTensor(vs, 'float32', [1, 4], [1, 2, 3, 0]);
    expectTensor(is, 'int32', [1, 4], [0, 1, 0, 1]);
    const [v0, i0] = topk(x, 0);
    expectTensor(v0, 'float32', [2, 0], []);
    expectTensor(i0, 'int32', [2, 0], []);
    x.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = tensor([1, 2, 3], 'float32');
    const s = tensor(1, 'float32');
    const before = memory().numTensors;
    expect(() => topk(x, 4)).toThrow('topk: k must be an integer in [0, 3] (the size of dim 0), but got number 4.');
    expect(() => topk(x, 1, { dim: 1 })).toThrow(/topk: dim 1 is out of range/);
    expect(() => topk(x, 1, { largest: 'yes' } as never)).toThrow('topk: largest must be a boolean, but got string "yes".');
    expect(() => sort(x, { axes: 0 } as never)).toThrow("unknown option 'axes' for sort; did you mean 'axis'?");
    expect(() => sort(s)).toThrow('sort: input is a scalar (shape []); it has no axis to sort along.');
    expect(() => argsort(x, { descending: 1 } as never)).toThrow('argsort: descending must be a boolean, but got number 1.');
    expect(memory().numTensors).toBe(before);
    x.dispose();
    s.dispose();
  });

  it('gradients of the values scatter back to where they came from', () => {
    expect(checkGradients((x) => sort(x)[0], [f64([3, 5])])).toEqual([]);
    expect(checkGradients((x) => sort(x, { axis: 0, descending: true })[0], [f64([4, 3])])).toEqual([]);
    expect(checkGradients((x) => topk(x, 2)[0], [f64([3, 5])])).toEqual([]);
    expect(checkGradients((x) => topk(x, 2, { dim: 0, largest: false })[0], [f64([4, 3])])).toEqual([]);
  });
});
