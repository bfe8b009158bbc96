import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

describe('Cumulative', () => {
  it('scans sums and products along any axis, forward and reverse', () => {
    const x = t([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
    expect(vals(runKernel('Cumulative', [x], { op: 'sum', axis: 1, reverse: false }))).toEqual([1, 3, 6, 4, 9, 15]);
    expect(vals(runKernel('Cumulative', [x], { op: 'sum', axis: 0, reverse: false }))).toEqual([1, 2, 3, 5, 7, 9]);
    expect(vals(runKernel('Cumulative', [x], { op: 'sum', axis: 1, reverse: true }))).toEqual([6, 5, 3, 15, 11, 6]);
    expect(vals(runKernel('Cumulative', [x], { op: 'prod', axis: 1, reverse: false }))).toEqual([1, 2, 6, 4, 20, 120]);
    expect(vals(runKernel('Cumulative', [x], { op: 'prod', axis: 0, reverse: true }))).toEqual([4, 10, 18, 4, 5, 6]);
  });

  it('keeps the dtype; ints wrap as int32 arithmetic does; float16 and empty work', () => {
    const big = runKernel('Cumulative', [t([2147483647, 1, 1], [3], 'int32')], { op: 'sum', axis: 0, reverse: false });
    expect(big.dtype).toBe('int32');
    expect(vals(big)).toEqual([2147483647, -2147483648, -2147483647]);
    expect(vals(runKernel('Cumulative', [t([100, 100], [2], 'int8')], { op: 'sum', axis: 0, reverse: false }))).toEqual([100, -56]);
    expect(vals(runKernel('Cumulative', [t([0.5, 0.25], [2], 'float16')], { op: 'sum', axis: 0, reverse: false }))).toEqual([0.5, 0.75]);
    expect(runKernel('Cumulative', [t([], [0, 3], 'float32')], { op: 'sum', axis: 0, reverse: false }).shape).toEqual([0, 3]);
  });

  it('refuses a bad axis, op or a bool input', () => {
    const x = t([1, 2], [2], 'float32');
    expect(() => runKernel('Cumulative', [x], { op: 'sum', axis: 1, reverse: false })).toThrow(
      'Cumulative: axis must be an integer in [0, 1) for x of shape [2], but got 1.',
    );
    expect(() => runKernel('Cumulative', [x], { op: 'max' as never, axis: 0, reverse: false })).toThrow(
      "Cumulative: op must be 'sum' or 'prod', but got max.",
    );
    expect(() => runKernel('Cumulative', [t([1], [1], 'bool')], { op: 'sum', axis: 0, reverse: false })).toThrow(
      'Cumulative: x must be numeric, but got bool (cast it first).',
    );
  });
});
