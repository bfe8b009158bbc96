import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('Gather', () => {
  it('picks rows, columns and inner slices; out shape = x[:axis] + indices + x[axis+1:]', () => {
    const x = t(range(24), [2, 3, 4], 'int32');
    const rows = runKernel('Gather', [x, t([1, 0, 1], [3], 'int32')], { axis: 0 });
    expect(rows.shape).toEqual([3, 3, 4]);
    expect(vals(rows)).toEqual([...range(24).slice(12), ...range(12), ...range(24).slice(12)]);
    const mid = runKernel('Gather', [x, t([2, 0], [2, 1], 'int32')], { axis: 1 });
    expect(mid.shape).toEqual([2, 2, 1, 4]);
    expect(vals(mid)).toEqual([8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15]);
    const last = runKernel('Gather', [x, t([3], [], 'int32')], { axis: 2 });
    expect(last.shape).toEqual([2, 3]);
    expect(vals(last)).toEqual([3, 7, 11, 15, 19, 23]);
  });

  it('counts negative indices from the end and accepts empty index lists', () => {
    const x = t([10, 20, 30], [3]);
    expect(vals(runKernel('Gather', [x, t([-1, -3, 0], [3], 'int32')], { axis: 0 }))).toEqual([30, 10, 10]);
    expect(runKernel('Gather', [x, t([], [0], 'int32')], { axis: 0 }).shape).toEqual([0]);
  });

  it('keeps dtypes (float16, bool)', () => {
    const h = runKernel('Gather', [t([0.5, 1.5], [2], 'float16'), t([1], [1], 'int32')], { axis: 0 });
    expect(h.dtype).toBe('float16');
    expect(vals(h)).toEqual([1.5]);
    expect(vals(runKernel('Gather', [t([1, 0], [2], 'bool'), t([1, 0], [2], 'int32')], { axis: 0 }))).toEqual([0, 1]);
  });

  it('names the index, axis and size of an out-of-range index', () => {
    const x = t(range(6), [2, 3]);
    expect(() => runKernel('Gather', [x, t([0, 3], [2], 'int32')], { axis: 1 })).toThrow(
      'Gather: index 3 is out of range for axis 1 with size 3.',
    );
    expect(() => runKernel('Gather', [x, t([-3], [1], 'int32')], { axis: 0 })).toThrow(
      'Gather: index -3 is out of range for axis 0 with size 2.',
    );
  });

  it('rejects float indices and a bad axis', () => {
    const x = t(range(6), [2, 3]);
    expect(() => runKernel('Gather', [x, t([0], [1])], { axis: 0 })).toThrow(
      /Gather: indices must have an integer dtype \(int32\), but got float32/,
    );
    expect(() => runKernel('Gather', [x, t([0], [1], 'int32')], { axis: 2 })).toThrow(/Gather: axis must be an integer in \[0, 2\)/);
  });
});

describe('ScatterAdd', () => {
  it('adds updates at indices, accumulating repeats, and leaves x alone', () => {
    const x = t([1, 1, 1, 1, 1, 1], [3, 2]);
    const y = runKernel('ScatterAdd', [x, t([2, 0, 2], [3], 'int32'), t([1, 2, 3, 4, 5, 6], [3, 2])], { axis: 0 });
    expect(vals(y)).toEqual([4, 5, 1, 1, 7, 9]);
    expect(vals(x)).toEqual([1, 1, 1, 1, 1, 1]);
    const z = runKernel('ScatterAdd', [t([0, 0, 0, 0], [2, 2], 'int32'), t([-1], [1], 'int32'), t([5, 6], [2, 1], 'int32')], { axis: 1 });
    expect(vals(z)).toEqual([0, 5, 0, 6]);
  });

  it('is the adjoint of Gather: <gather(x), u> = <x, scatterAdd(0, u)>', () => {
    const xs = [0.5, -1, 2, 3, 0.25, -2, 1, 4];
    const idx = t([3, 0, 3, 1, -1], [5], 'int32');
    const u = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const g = vals(runKernel('Gather', [t(xs, [2, 4], 'float64'), idx], { axis: 1 }));
    const s = vals(runKernel('ScatterAdd', [t(new Array(8).fill(0), [2, 4], 'float64'), idx, t(u, [2, 5], 'float64')], { axis: 1 }));
    const lhs = g.reduce((acc, v, i) => acc + v * u[i]!, 0);
    const rhs = s.reduce((acc, v, i) => acc + v * xs[i]!, 0);
    expect(lhs).toBeCloseTo(rhs, 12);
  });

  it('wraps int32, ORs bool and rounds float16', () => {
    expect(vals(runKernel('ScatterAdd', [t([2147483647], [1], 'int32'), t([0], [1], 'int32'), t([1], [1], 'int32')], { axis: 0 }))).toEqual(
      [-2147483648],
    );
    expect(vals(runKernel('ScatterAdd', [t([1, 0], [2], 'bool'), t([0, 0], [2], 'int32'), t([1, 1], [2], 'bool')], { axis: 0 }))).toEqual([
      1, 0,
    ]);
    expect(vals(runKernel('ScatterAdd', [t([1], [1], 'float16'), t([0], [1], 'int32'), t([0.0001], [1], 'float16')], { axis: 0 }))).toEqual(
      [1],
    );
  });

  it('rejects wrong update shapes, dtypes and out-of-range indices', () => {
    const x = t([0, 0, 0], [3]);
    expect(() => runKernel('ScatterAdd', [x, t([0, 1], [2], 'int32'), t([1], [1])], { axis: 0 })).toThrow(
      /ScatterAdd: updates must have shape \[2\] \(x\[:axis\] \+ indices \+ x\[axis\+1:\]\), but got \[1\]/,
    );
    expect(() => runKernel('ScatterAdd', [x, t([0], [1], 'int32'), t([1], [1], 'int32')], { axis: 0 })).toThrow(
      /ScatterAdd: x and updates must have the same dtype, but got float32 and int32/,
    );
    expect(() => runKernel('ScatterAdd', [x, t([5], [1], 'int32'), t([1], [1])], { axis: 0 })).toThrow(
      'ScatterAdd: index 5 is out of range for axis 0 with size 3.',
    );
  });
});
