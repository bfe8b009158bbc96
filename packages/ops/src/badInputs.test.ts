/**
 * Bad inputs that once failed deep inside, wrapped silently or allocated before failing: each now
 * fails at once with an error naming the argument, and leaks nothing.
 */
import { fromValues, tensor } from '@mindts/tensor';
import { makeArray, makeValues } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { adaptiveAvgPool2d } from './adaptivePool.js';
import { norm } from './norm.js';
import { oneHot } from './oneHot.js';
import { repeatInterleave } from './sequence/repeatInterleave.js';
import { concat, stack } from './shape/concat.js';
import { gather } from './shape/gather.js';
import { leakedBy, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

describe('sizes no tensor can have fail before allocating', () => {
  it('oneHot with a depth of 2**31 throws at once', () => {
    const x = tensor([0, 1], 'int32');
    const t0 = performance.now();
    expect(() => oneHot(x, 2 ** 31)).toThrow(/oneHot: the result shape .* must have at most 2147483647/);
    expect(() => oneHot(x, 2 ** 30)).toThrow(/2147483648 elements/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(leakedBy(() => oneHot(x, 3))).toBe(0);
    x.dispose();
  });

  it('repeatInterleave with a count of 2**31 throws at once', () => {
    const x = tensor([1, 2]);
    expect(() => repeatInterleave(x, 2 ** 31)).toThrow(/repeatInterleave: the result shape must have at most 2147483647/);
    expect(values(repeatInterleave(x, [1, 2]))).toEqual([1, 2, 2]);
    x.dispose();
  });

  it('makeValues, where every kernel allocates, refuses a size no tensor can have', () => {
    expect(() => makeValues('float32', 2 ** 31)).toThrow(/float32 tensor must have an integer number of elements in \[0, 2147483647\]/);
    expect(() => makeValues('int32', Number.NaN)).toThrow(/would have NaN/);
    expect(() => makeValues('int32', -1)).toThrow(/would have -1/);
    expect(makeValues('int32', 3)).toHaveLength(3);
    expect(() => makeArray('int32', Number.POSITIVE_INFINITY)).toThrow(/int32 tensor must .* would have Infinity/);
  });
});

describe('indices', () => {
  it('gather refuses int64 indices a cast to int32 would wrap', () => {
    const x = tensor([10, 20, 30]);
    const big = fromValues([2 ** 32, 1], [2], 'int64');
    expect(() => gather(x, big)).toThrow(
      'gather: indices holds 4294967296 (element 0), which is out of range for an axis of size 3; indices must lie in [-3, 3).',
    );
    const ok = fromValues([-1, 0], [2], 'int64');
    expect(values(gather(x, ok))).toEqual([30, 10]);
    expect(leakedBy(() => gather(x, ok))).toBe(0);
    x.dispose();
    big.dispose();
    ok.dispose();
  });
});

describe('tensor lists', () => {
  it('a hole in the list is reported at its index, for concat and stack, leaking nothing', () => {
    const w = tensor([1, 2]);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holed = [w, , w] as never;
    expect(() => concat(holed)).toThrow('concat: tensors[1] must be a Tensor, but got undefined.');
    expect(() => stack(holed)).toThrow('stack: tensors[1] must be a Tensor, but got undefined.');
    expect(
      leakedBy(() => {
        try {
          return concat(holed);
        } catch {
          return [];
        }
      }),
    ).toBe(0);
    w.dispose();
  });
});

describe('adaptiveAvgPool2d', () => {
  it('an outputSize of 2**31 fails before the bin matrices are built', () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(() => adaptiveAvgPool2d(x, 2 ** 31)).toThrow(/adaptiveAvgPool2d: the result shape must have at most 2147483647/);
    expect(() => adaptiveAvgPool2d(x, [2 ** 30, 1])).toThrow(/the row bin matrix .* must have at most/);
    expect(values(adaptiveAvgPool2d(x, 1))).toEqual([2.5]);
    x.dispose();
  });
});

describe('hyper-parameters', () => {
  it('norm refuses a NaN ord (±Infinity stay valid norms)', () => {
    const x = tensor([3, 4], 'float32');
    expect(() => norm(x, Number.NaN)).toThrow('norm: ord must be a number other than NaN, but got NaN.');
    expect(values(norm(x, Number.POSITIVE_INFINITY))).toEqual([4]);
    x.dispose();
  });
});
