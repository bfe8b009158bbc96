import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const cast = (values: number[], from: DType, to: DType) => runKernel('Cast', [t(values, [values.length], from)], { dtype: to });

describe('Cast', () => {
  it('float → int truncates toward zero, sends NaN and ±∞ to 0 and wraps out-of-range values', () => {
    const y = cast([1.9, -1.9, 0.5, -0.5, Number.NaN, Infinity, -Infinity, 3e9], 'float64', 'int32');
    expect(y.dtype).toBe('int32');
    expect(vals(y)).toEqual([1, -1, 0, 0, 0, 0, 0, 3e9 - 2 ** 32]);
    expect(vals(cast([-1, 256.7, 127.9, -128.9], 'float32', 'uint8'))).toEqual([255, 0, 127, 128]);
    expect(vals(cast([127.9, 128, -129], 'float32', 'int8'))).toEqual([127, -128, 127]);
    expect(vals(cast([-2.5, Number.NaN, 2 ** 40 + 0.5], 'float64', 'int64'))).toEqual([-2, 0, 2 ** 40]);
  });

  it('anything → bool is nonzero → true (NaN is nonzero)', () => {
    const y = cast([0, -0, 2, -0.1, Number.NaN], 'float32', 'bool');
    expect(y.dtype).toBe('bool');
    expect(vals(y)).toEqual([0, 0, 1, 1, 1]);
    expect(vals(cast([0, 7, -3], 'int32', 'bool'))).toEqual([0, 1, 1]);
  });

  it('bool and ints → float, and between float widths with rounding', () => {
    expect(vals(cast([1, 0], 'bool', 'float32'))).toEqual([1, 0]);
    expect(vals(cast([1, 0], 'bool', 'int32'))).toEqual([1, 0]);
    expect(vals(cast([2049, 65520, -7], 'int32', 'float16'))).toEqual([2048, Infinity, -7]);
    expect(vals(cast([0.1], 'float64', 'float32'))).toEqual([Math.fround(0.1)]);
    expect(vals(cast([0.1], 'float64', 'float16'))).toEqual([0.0999755859375]);
    expect(vals(cast([0.0999755859375], 'float16', 'float64'))).toEqual([0.0999755859375]);
    expect(vals(cast([16777217], 'int32', 'float32'))).toEqual([16777216]);
  });

  it('float64 → float16 rounds once (no double rounding through float32)', () => {
    expect(vals(cast([2049 + 2 ** -30, 1 + 2 ** -11 + 2 ** -40, 2049], 'float64', 'float16'))).toEqual([2050, 1 + 2 ** -10, 2048]);
  });

  it('int → narrower int wraps; same dtype copies', () => {
    expect(vals(cast([300, -129, 65535], 'int32', 'int8'))).toEqual([44, 127, -1]);
    expect(vals(cast([-1], 'int8', 'uint8'))).toEqual([255]);
    expect(vals(cast([255], 'uint8', 'int8'))).toEqual([-1]);
    expect(vals(cast([1.5, 2.5], 'float32', 'float32'))).toEqual([1.5, 2.5]);
  });

  it('keeps shapes, including empty ones', () => {
    expect(runKernel('Cast', [t([], [0, 2])], { dtype: 'int8' }).shape).toEqual([0, 2]);
  });
});
