import { type Tensor, tensor, zeros } from '@mindts/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { argmax, argmin } from './argmax.js';
import { logsumexp } from './logsumexp.js';
import { all, amax, amin, any, max, mean, min, prod, sum } from './reduce.js';
import { expectClose, expectTensor, leakedBy, useCpu, values } from './test/helpers.js';
import { dataArb, naiveReduce, shapeArb } from './test/reference.js';

beforeAll(useCpu);

const m = () =>
  tensor([
    [1, 5, 2],
    [7, 4, 9],
  ]);

describe('sum, prod, max, min, mean', () => {
  it('reduce all axes by default', () => {
    expectTensor(sum(m()), 'int32', [], [28]);
    expectTensor(prod(m()), 'int32', [], [2520]);
    expectTensor(max(m()), 'int32', [], [9]);
    expectTensor(min(m()), 'int32', [], [1]);
    expectTensor(mean(m()), 'float32', [], [28 / 6]);
  });

  it('reduce one axis, negative axes and keepDims', () => {
    expectTensor(sum(m(), 0), 'int32', [3], [8, 9, 11]);
    expectTensor(sum(m(), -1), 'int32', [2], [8, 20]);
    expectTensor(sum(m(), 1, true), 'int32', [2, 1], [8, 20]);
    expectTensor(max(m(), -1, true)[0], 'int32', [2, 1], [5, 9]);
    expectTensor(min(m(), 0)[0], 'int32', [3], [1, 4, 2]);
    expectTensor(amax(m(), -1, true), 'int32', [2, 1], [5, 9]);
    expectTensor(amin(m(), [0, 1]), 'int32', [], [1]);
    expectTensor(prod(m(), [0, 1], true), 'int32', [1, 1], [2520]);
    expectTensor(mean(m(), 1), 'float32', [2], [8 / 3, 20 / 3]);
    expectTensor(
      mean(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          'float64',
        ),
        0,
        true,
      ),
      'float64',
      [1, 2],
      [2, 3],
    );
  });

  it('null and [] mean every axis (MindSpore default ())', () => {
    expectTensor(sum(m(), null, true), 'int32', [1, 1], [28]);
    expectTensor(sum(m(), []), 'int32', [], [28]);
  });

  it('dtype rules: bool sums to int32; mean of ints is float32', () => {
    expectTensor(sum(tensor([true, true, false])), 'int32', [], [2]);
    expectTensor(prod(tensor([true, true])), 'int32', [], [1]);
    expectTensor(mean(tensor([true, false])), 'float32', [], [0.5]);
    expectTensor(max(tensor([1.5, -2], 'float16')), 'float16', [], [1.5]);
    // A float16 sum of these overflows (max 65504); the mean must not.
    expectTensor(mean(tensor([60000, 60000], 'float16')), 'float16', [], [60000]);
  });

  it('reduces a scalar to itself', () => {
    expectTensor(sum(tensor(3, 'int32')), 'int32', [], [3]);
    expectTensor(sum(tensor(true), 0), 'int32', [], [1]);
    expectTensor(max(tensor(2.5), -1, true)[0], 'float32', [], [2.5]);
    expectTensor(max(tensor(2.5), -1, true)[1], 'int32', [], [0]);
  });

  it('empty tensors: sum 0, prod 1, mean NaN', () => {
    expectTensor(sum(zeros([0, 3]), 0), 'float32', [3], [0, 0, 0]);
    expectTensor(prod(zeros([2, 0]), 1), 'float32', [2], [1, 1]);
    expectTensor(mean(zeros([0])), 'float32', [], [NaN]);
    expectTensor(max(zeros([0, 3]), 1)[0], 'float32', [0], []);
  });

  it('any and all', () => {
    expectTensor(
      any(
        tensor([
          [0, 1],
          [0, 0],
        ]),
        1,
      ),
      'bool',
      [2],
      [1, 0],
    );
    expectTensor(
      all(
        tensor([
          [1, 1],
          [0, 1],
        ]),
        1,
      ),
      'bool',
      [2],
      [1, 0],
    );
    expectTensor(all(zeros([0])), 'bool', [], [1]);
    expectTensor(any(zeros([0])), 'bool', [], [0]);
  });

  it('match a naive reference on random shapes and axes', () => {
    const arb = shapeArb(4, 1, 3).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        dataArb(shape),
        fc.subarray(shape.map((_, i) => i)),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, data, picked, keepDims, negate]) => {
        // Some axes are written negatively; an empty pick means "all axes".
        const axes = picked.length === 0 ? shape.map((_, i) => i) : picked;
        const axisArg = picked.map((a) => (negate[a] ? a - shape.length : a));
        const x = tensor(data, 'float32', shape);
        const refs: [(t: Tensor, a: number[], k: boolean) => Tensor, number, (acc: number, v: number) => number][] = [
          [sum, 0, (acc, v) => acc + v],
          [prod, 1, (acc, v) => acc * v],
          [amax, -Infinity, Math.max],
          [amin, Infinity, Math.min],
        ];
        for (const [fn, init, combine] of refs) {
          const expected = naiveReduce(data, shape, axes, keepDims, init, combine);
          const out = fn(x, axisArg, keepDims);
          expect(out.shape).toEqual(expected.shape);
          expectClose(values(out), expected.values);
          out.dispose();
        }
        const count = axes.reduce((n, a) => n * (shape[a] as number), 1);
        const avg = mean(x, axisArg, keepDims);
        expectClose(
          values(avg),
          naiveReduce(data, shape, axes, keepDims, 0, (acc, v) => acc + v).values.map((s) => s / count),
        );
        avg.dispose();
        x.dispose();
      }),
      { numRuns: 50 },
    );
  });
});

describe('argmax and argmin', () => {
  it('along an axis, int32, first index on ties', () => {
    expectTensor(argmax(m(), 1), 'int32', [2], [1, 2]);
    expectTensor(argmin(m(), 0), 'int32', [3], [0, 1, 0]);
    expectTensor(argmax(m(), -1, true), 'int32', [2, 1], [1, 2]);
    expectTensor(argmax(tensor([3, 7, 7, 1])), 'int32', [], [1]);
    expectTensor(argmin(tensor([2, 1, 1])), 'int32', [], [1]);
  });

  it('with no axis, index into the flattened tensor', () => {
    expectTensor(argmax(m()), 'int32', [], [5]);
    expectTensor(argmin(m(), null, true), 'int32', [1, 1], [0]);
    expectTensor(argmax(tensor(4.5)), 'int32', [], [0]);
  });

  it('errors', () => {
    expect(() => argmax(m(), [0, 1] as never)).toThrow('argmax: axis must be a single integer or null, but got an array of length 2.');
    expect(() => argmax(m(), 2)).toThrow('argmax: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
    expect(() => argmin(zeros([0]))).toThrow(
      'argmin: cannot reduce axis 0 of shape [0], which has size 0 (argmin of nothing is undefined).',
    );
  });
});

describe('logsumexp', () => {
  it('is stable for large and very negative inputs', () => {
    expectTensor(logsumexp(tensor([1000, 1000]), 0), 'float32', [], [1000 + Math.LN2]);
    expectTensor(logsumexp(tensor([-1000, -1000])), 'float32', [], [-1000 + Math.LN2]);
    expectTensor(
      logsumexp(
        tensor([
          [0, 0],
          [1, 2],
        ]),
        1,
        true,
      ),
      'float32',
      [2, 1],
      [Math.LN2, Math.log(Math.E + Math.E ** 2)],
    );
  });

  it('handles infinities and empty axes', () => {
    expectTensor(logsumexp(tensor([-Infinity, -Infinity])), 'float32', [], [-Infinity]);
    expectTensor(logsumexp(tensor([Infinity, 1])), 'float32', [], [Infinity]);
    expectTensor(logsumexp(zeros([2, 0]), 1), 'float32', [2], [-Infinity, -Infinity]);
  });

  it('computes ints in float32 and keeps float64', () => {
    expectTensor(logsumexp(tensor([0, 0])), 'float32', [], [Math.LN2]);
    expectTensor(logsumexp(tensor([1, 2], 'float64'), -1), 'float64', [], [Math.log(Math.E + Math.E ** 2)], 1e-12);
  });
});

describe('errors and memory', () => {
  it('axis errors name the op, the axis and the range', () => {
    expect(() => sum(m(), 2)).toThrow('sum: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
    expect(() => mean(m(), -3)).toThrow('mean: axis -3 is out of range for rank 2; it must be an integer in [-2, 1].');
    expect(() => amax(m(), [0, -2])).toThrow('amax: axis [0, -2] names axis 0 more than once.');
    expect(() => sum(m(), 0.5)).toThrow('sum: axis 0.5 is out of range for rank 2');
    expect(() => sum(m(), 'a' as never)).toThrow('sum: axis must be a number, an array of numbers or null, but got string "a".');
    expect(() => sum(tensor(1), 1)).toThrow('sum: axis 1 is out of range for a scalar (shape []); only 0 or -1 may be given.');
    expect(() => sum(m(), 0, 1 as never)).toThrow('sum: keepDims must be a boolean, but got number 1.');
    expect(() => prod([1, 2] as never)).toThrow('prod: input must be a Tensor, but got an array of length 2.');
  });

  it('max/min of a size-0 axis is an error', () => {
    expect(() => max(zeros([2, 0]), 1)).toThrow(
      'max: cannot reduce axis 1 of shape [2, 0], which has size 0 (max of nothing is undefined).',
    );
    expect(() => min(zeros([0]))).toThrow('min: cannot reduce axis 0 of shape [0]');
  });

  it('leaves no temporaries', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(leakedBy(() => sum(x, 0, true))).toBe(0);
    expect(leakedBy(() => mean(x, 1))).toBe(0);
    expect(leakedBy(() => argmax(x, null, true))).toBe(0);
    expect(leakedBy(() => logsumexp(x, 1))).toBe(0);
    expect(leakedBy(() => any(x))).toBe(0);
    x.dispose();
  });
});
