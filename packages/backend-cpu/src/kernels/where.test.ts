import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

describe('Where', () => {
  it('chooses elementwise with three-way broadcasting', () => {
    const cond = t([1, 0], [2, 1], 'bool');
    const a = t([1, 2, 3], [3], 'int32');
    const b = t([-1], [], 'int32');
    const y = runKernel('Where', [cond, a, b], {});
    expect(y.shape).toEqual([2, 3]);
    expect(y.dtype).toBe('int32');
    expect(vals(y)).toEqual([1, 2, 3, -1, -1, -1]);
    const z = runKernel('Where', [t([1, 0, 1], [3], 'bool'), t([10, 20], [2, 1]), t([0.5], [1])], {});
    expect(z.shape).toEqual([2, 3]);
    expect(vals(z)).toEqual([10, 0.5, 10, 20, 0.5, 20]);
  });

  it('copies float32 and int32 values exactly (branch-free on the bit patterns): NaN, ±∞, −0, int extremes', () => {
    const cond = t([1, 0, 1, 0, 1, 0], [6], 'bool');
    const a = t([Number.NaN, 1, Number.NEGATIVE_INFINITY, 2, -0, 3], [6], 'float32');
    const b = t([9, Number.POSITIVE_INFINITY, 9, -0, 9, Number.NaN], [6], 'float32');
    const y = vals(runKernel('Where', [cond, a, b], {}));
    expect(y.map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['NaN', 'Infinity', '-Infinity', '-0', '-0', 'NaN']);
    const i = vals(runKernel('Where', [t([0, 1], [2], 'bool'), t([-2147483648, 2147483647], [2], 'int32'), t([7], [], 'int32')], {}));
    expect(i).toEqual([7, 2147483647]);
  });

  it('handles float16, bool values and empty shapes', () => {
    expect(vals(runKernel('Where', [t([0, 1], [2], 'bool'), t([1.5, 2.5], [2], 'float16'), t([3.5, 4.5], [2], 'float16')], {}))).toEqual([
      3.5, 2.5,
    ]);
    expect(vals(runKernel('Where', [t([0, 1], [2], 'bool'), t([1, 1], [2], 'bool'), t([0, 0], [2], 'bool')], {}))).toEqual([0, 1]);
    expect(runKernel('Where', [t([], [0], 'bool'), t([1], [1]), t([2], [1])], {}).shape).toEqual([0]);
  });

  it('needs a bool condition, matching value dtypes and broadcastable shapes', () => {
    expect(() => runKernel('Where', [t([1], [1]), t([1], [1]), t([2], [1])], {})).toThrow(/Where: cond must be bool, but got float32/);
    expect(() => runKernel('Where', [t([1], [1], 'bool'), t([1], [1]), t([2], [1], 'int32')], {})).toThrow(
      /Where: a and b must have the same dtype, but got float32 and int32/,
    );
    expect(() => runKernel('Where', [t([1, 0], [2], 'bool'), t([1, 2, 3], [3]), t([2], [1])], {})).toThrow(/cannot be broadcast/);
  });
});
