import { tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { cast } from './cast.js';
import { oneHot } from './oneHot.js';
import { logSoftmax, softmax } from './softmax.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

const e = (xs: number[]) => {
  const s = xs.reduce((acc, x) => acc + Math.exp(x), 0);
  return xs.map((x) => Math.exp(x) / s);
};

describe('softmax and logSoftmax', () => {
  it('normalise along the last axis by default', () => {
    expectTensor(softmax(tensor([[1, 2, 3]])), 'float32', [1, 3], e([1, 2, 3]));
    expectTensor(logSoftmax(tensor([0, 0])), 'float32', [2], [-Math.LN2, -Math.LN2]);
  });

  it('take another or negative axis, or several', () => {
    const [p1, p3] = e([1, 3]) as [number, number];
    expectTensor(
      softmax(
        tensor([
          [0, 1],
          [0, 3],
        ]),
        0,
      ),
      'float32',
      [2, 2],
      [0.5, p1, 0.5, p3],
    );
    expectTensor(
      softmax(
        tensor([
          [1, 1],
          [1, 1],
        ]),
        [0, -1],
      ),
      'float32',
      [2, 2],
      [0.25, 0.25, 0.25, 0.25],
    );
    expectTensor(logSoftmax(tensor([[1, 3]]), -2), 'float32', [1, 2], [0, 0]);
  });

  it('are stable for large inputs and keep float64', () => {
    expectTensor(softmax(tensor([1000, 1000, 1000])), 'float32', [3], [1 / 3, 1 / 3, 1 / 3]);
    expectTensor(logSoftmax(tensor([1000, 0])), 'float32', [2], [0, -1000]);
    expectTensor(softmax(tensor([-1000, 0], 'float64')), 'float64', [2], [0, 1], 1e-12);
  });

  it('handle -Infinity, scalars and empty tensors', () => {
    expectTensor(softmax(tensor([-Infinity, 0])), 'float32', [2], [0, 1]);
    expectTensor(softmax(tensor(5)), 'float32', [], [1]);
    expectTensor(softmax(zeros([0, 3])), 'float32', [0, 3], []);
    expectTensor(logSoftmax(zeros([2, 0])), 'float32', [2, 0], []);
  });

  it('compute ints in float32', () => {
    expectTensor(softmax(tensor([0, 0])), 'float32', [2], [0.5, 0.5]);
  });

  it('errors and memory', () => {
    expect(() => softmax(zeros([2, 3]), 2)).toThrow('softmax: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
    expect(() => logSoftmax(zeros([2]), null)).toThrow('logSoftmax: axis must be an integer or an array of integers, but got null.');
    expect(() => softmax('x' as never)).toThrow('softmax: input must be a Tensor, but got string "x".');
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(leakedBy(() => softmax(x))).toBe(0);
    expect(leakedBy(() => logSoftmax(x, 0))).toBe(0);
    x.dispose();
  });
});

describe('oneHot', () => {
  it('encodes along a new last axis', () => {
    expectTensor(oneHot(tensor([0, 2]), 3), 'float32', [2, 3], [1, 0, 0, 0, 0, 1]);
  });

  it('takes on/off values and an axis', () => {
    expectTensor(oneHot(tensor([1, 0]), 2, 5, -1), 'float32', [2, 2], [-1, 5, 5, -1]);
    expectTensor(oneHot(tensor([0, 2]), 3, 1, 0, 0), 'float32', [3, 2], [1, 0, 0, 0, 0, 1]);
    expectTensor(oneHot(tensor([[1], [0]]), 2, 1, 0, 1), 'float32', [2, 2, 1], [0, 1, 1, 0]);
  });

  it('out-of-range indices give rows of offValue; small int dtypes and scalars work', () => {
    expectTensor(oneHot(tensor([-1, 3, 1]), 3), 'float32', [3, 3], [0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expectTensor(oneHot(tensor([200], 'uint8'), 201), 'float32', [1, 201], [...new Array(200).fill(0), 1]);
    expectTensor(oneHot(tensor(1, 'int32'), 2), 'float32', [2], [0, 1]);
    expectTensor(oneHot(tensor([1]), 0), 'float32', [1, 0], []);
  });

  it('errors', () => {
    expect(() => oneHot(tensor([0.5]), 2)).toThrow('oneHot: indices must be an integer Tensor, but got float32.');
    expect(() => oneHot(tensor([0]), -1)).toThrow('oneHot: depth must be an integer >= 0, but got number -1.');
    expect(() => oneHot(tensor([0]), 2, 1, 0, 2)).toThrow('oneHot: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
    expect(() => oneHot(tensor([0]), 2, 'a' as never)).toThrow('oneHot: onValue must be a number, but got string "a".');
    expect(() => oneHot([0] as never, 2)).toThrow('oneHot: indices must be a Tensor, but got an array of length 1.');
  });

  it('leaves no temporaries', () => {
    const idx = tensor([0, 1], 'int8');
    expect(leakedBy(() => oneHot(idx, 4))).toBe(0);
    idx.dispose();
  });
});

describe('cast', () => {
  it('converts, truncating toward zero and mapping nonzero to true', () => {
    expectTensor(cast(tensor([1.7, -1.7]), 'int32'), 'int32', [2], [1, -1]);
    expectTensor(cast(tensor([0, 2, -0.5]), 'bool'), 'bool', [3], [0, 1, 1]);
    expectTensor(cast(tensor([true, false]), 'float16'), 'float16', [2], [1, 0]);
    expectTensor(cast(tensor([300]), 'uint8'), 'uint8', [1], [44]);
  });

  it('to the same dtype returns a copy', () => {
    const x = tensor([1, 2]);
    const y = cast(x, 'int32');
    expect(y).not.toBe(x);
    x.dispose();
    expectTensor(y, 'int32', [2], [1, 2]);
  });

  it('errors', () => {
    expect(() => cast(tensor([1]), 'float' as never)).toThrow(
      'cast: dtype must be one of bool, int8, uint8, int16, int32, int64, float16, float32, float64, but got "float".',
    );
    expect(() => cast(1 as never, 'int32')).toThrow('cast: input must be a Tensor, but got number 1.');
  });
});
