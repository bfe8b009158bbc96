import type { DType } from '@mindts/tensor';
import { type ReduceOp, runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, rng, sizeOfShape, t, unravel, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const reduce = (op: ReduceOp, values: number[], shape: number[], axes: number[], dtype: DType = 'float32') =>
  runKernel('Reduce', [t(values, shape, dtype)], { op, axes });

/** Naive reference: visit every input element and fold it into its output cell. */
function reference(op: ReduceOp, x: number[], shape: number[], axes: number[]) {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => shape[i]!);
  const groups: number[][] = Array.from({ length: sizeOfShape(outShape) }, () => []);
  for (let i = 0; i < x.length; i++) {
    const idx = unravel(i, shape);
    let o = 0;
    for (const k of kept) o = o * shape[k]! + idx[k]!;
    groups[o]!.push(x[i]!);
  }
  const fold = (g: number[]): number => {
    switch (op) {
      case 'sum':
        return g.reduce((a, b) => a + b, 0);
      case 'prod':
        return g.reduce((a, b) => a * b, 1);
      case 'max':
        return Math.max(...g);
      case 'min':
        return Math.min(...g);
      case 'argmax':
        return g.indexOf(Math.max(...g));
      case 'argmin':
        return g.indexOf(Math.min(...g));
      case 'any':
        return g.some((v) => v !== 0) ? 1 : 0;
      case 'all':
        return g.every((v) => v !== 0) ? 1 : 0;
    }
  };
  return { outShape, out: groups.map(fold) };
}

describe('Reduce against a naive reference', () => {
  const shapes: [number[], number[][]][] = [
    [[5], [[0]]],
    [
      [3, 4],
      [[0], [1], [0, 1]],
    ],
    [
      [2, 3, 4],
      [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]],
    ],
    [
      [2, 1, 3, 2],
      [[1], [0, 3], [1, 2], [0, 2, 3]],
    ],
  ];
  const next = rng(7);
  for (const [shape, axesList] of shapes) {
    for (const axes of axesList) {
      it(`shape [${shape}] over axes [${axes}]`, () => {
        const x = randomArray(next, sizeOfShape(shape), -4, 4, true);
        const ops: ReduceOp[] = ['sum', 'prod', 'max', 'min', 'any', 'all'];
        if (axes.length === 1) ops.push('argmax', 'argmin');
        for (const op of ops) {
          const r = reference(op, x, shape, axes);
          const y = reduce(op, x, shape, axes);
          expect(y.shape, op).toEqual(r.outShape);
          expect(vals(y), op).toEqual(r.out);
          const yi = reduce(op, x, shape, axes, 'int32');
          expect(vals(yi), `${op} int32`).toEqual(r.out.map((v) => v + 0));
        }
      });
    }
  }
});

describe('Reduce dtypes and semantics', () => {
  it('output dtypes: argmax/argmin int32, any/all bool, sum/prod of bool int32, else the input dtype', () => {
    const x = [1, 0, 1, 1];
    expect(reduce('argmax', x, [4], [0]).dtype).toBe('int32');
    expect(reduce('argmin', x, [4], [0], 'float16').dtype).toBe('int32');
    expect(reduce('any', x, [4], [0]).dtype).toBe('bool');
    expect(reduce('all', x, [4], [0], 'int8').dtype).toBe('bool');
    const s = reduce('sum', x, [4], [0], 'bool');
    expect(s.dtype).toBe('int32');
    expect(vals(s)).toEqual([3]);
    expect(vals(reduce('prod', x, [4], [0], 'bool'))).toEqual([0]);
    expect(reduce('max', x, [4], [0], 'bool').dtype).toBe('bool');
    expect(reduce('sum', x, [4], [0], 'float64').dtype).toBe('float64');
    expect(reduce('sum', x, [4], [0], 'uint8').dtype).toBe('uint8');
  });

  it('max/min propagate NaN and argmax/argmin return the first NaN or first extreme', () => {
    const x = [1, Number.NaN, 3, Number.NaN];
    expect(vals(reduce('max', x, [4], [0]))[0]).toBeNaN();
    expect(vals(reduce('min', x, [4], [0]))[0]).toBeNaN();
    expect(vals(reduce('argmax', x, [4], [0]))).toEqual([1]);
    expect(vals(reduce('argmin', x, [4], [0]))).toEqual([1]);
    expect(vals(reduce('argmax', [2, 5, 5, 1], [4], [0]))).toEqual([1]);
    expect(vals(reduce('argmin', [2, 1, 5, 1], [4], [0]))).toEqual([1]);
    expect(vals(reduce('max', [Number.NEGATIVE_INFINITY, -3], [2], [0]))).toEqual([-3]);
  });

  it('sum is compensated: float64 sums keep digits a naive loop loses', () => {
    const x = [1e16, 1, -1e16, 1];
    expect(vals(reduce('sum', x, [4], [0], 'float64'))).toEqual([2]);
    expect(vals(reduce('sum', [Infinity, 1, Number.NEGATIVE_INFINITY], [3], [0], 'float64'))[0]).toBeNaN();
    expect(vals(reduce('sum', [Infinity, 1], [2], [0], 'float64'))).toEqual([Infinity]);
  });

  it('float32 sums accumulate in float64 and round once', () => {
    const n = 10000;
    const x = new Array<number>(n).fill(0.1);
    expect(vals(reduce('sum', x, [n], [0]))).toEqual([Math.fround(Math.fround(0.1) * n)]);
  });

  it('int32 sum and prod wrap around; int8 wraps at 8 bits', () => {
    expect(vals(reduce('sum', [2147483647, 1], [2], [0], 'int32'))).toEqual([-2147483648]);
    expect(vals(reduce('prod', [65536, 65536, 3], [3], [0], 'int32'))).toEqual([0]);
    expect(vals(reduce('prod', [100000, 100000], [2], [0], 'int32'))).toEqual([Math.imul(100000, 100000)]);
    expect(vals(reduce('sum', [100, 100], [2], [0], 'int8'))).toEqual([-56]);
    expect(vals(reduce('sum', [2147483647, 1], [2], [0], 'int64'))).toEqual([2147483648]);
  });

  it('float16 reduces in float32 precision and stores half precision', () => {
    const y = reduce('sum', [0.1, 0.2, 0.3], [3], [0], 'float16');
    expect(y.dtype).toBe('float16');
    expectClose(vals(y), [0.6], 1e-3);
    expect(vals(reduce('prod', [300, 300], [2], [0], 'float16'))).toEqual([Infinity]);
  });

  it('reduces empty axes to the identity and empty outputs to nothing', () => {
    expect(vals(reduce('sum', [], [0], [0]))).toEqual([0]);
    expect(vals(reduce('prod', [], [0], [0]))).toEqual([1]);
    expect(vals(reduce('any', [], [0], [0]))).toEqual([0]);
    expect(vals(reduce('all', [], [0], [0]))).toEqual([1]);
    const y = reduce('sum', [], [2, 0], [0]);
    expect(y.shape).toEqual([0]);
    const z = reduce('sum', [], [2, 0], [1]);
    expect(vals(z)).toEqual([0, 0]);
    expect(vals(reduce('max', [], [0, 3], [1]))).toEqual([]);
  });

  it('max/argmax of an empty axis is an error naming the axis', () => {
    expect(() => reduce('max', [], [2, 0], [1])).toThrow(/Reduce 'max' has no identity, so it cannot reduce axis 1, which has size 0/);
    expect(() => reduce('argmin', [], [0], [0])).toThrow(/argmin/);
  });

  it('rejects bad axes with the expected form', () => {
    expect(() => reduce('sum', [1, 2], [2], [])).toThrow(/axes must be sorted, distinct, non-empty integers in \[0, 1\).*but got \[\]/);
    expect(() => reduce('sum', [1, 2, 3, 4], [2, 2], [1, 0])).toThrow(/but got \[1, 0\]/);
    expect(() => reduce('sum', [1, 2], [2], [1])).toThrow(/in \[0, 1\)/);
    expect(() => reduce('sum', [1, 2], [2], [-1])).toThrow(/but got \[-1\]/);
    expect(() => reduce('argmax', [1, 2, 3, 4], [2, 2], [0, 1])).toThrow(/Reduce 'argmax' takes exactly one axis, but got \[0, 1\]/);
    expect(() => reduce('median' as ReduceOp, [1], [1], [0])).toThrow(/unknown op "median"/);
  });
});
