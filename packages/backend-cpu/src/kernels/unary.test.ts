import type { DType } from '@mindts/tensor';
import { runKernel, type UnaryOp } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, t, useCpu, vals } from '../testing/harness.js';
import { roundHalfEven, unaryFunction } from './unary.js';

beforeAll(useCpu);

const unary = (op: UnaryOp, values: number[], dtype: DType = 'float32', shape = [values.length]) =>
  runKernel('Unary', [t(values, shape, dtype)], { op });

const XS = [-3.5, -1, -0.25, 0, 0.5, 1, 2.5, 7];

// Independent float64 references (kept deliberately naive).
const REFERENCE: Partial<Record<UnaryOp, (x: number) => number>> = {
  neg: (x) => -x,
  abs: (x) => (x < 0 ? -x : x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: (x) => Math.E ** x,
  expm1: (x) => Math.E ** x - 1,
  log: (x) => Math.log(x),
  log1p: (x) => Math.log(1 + x),
  sqrt: (x) => x ** 0.5,
  rsqrt: (x) => x ** -0.5,
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: (x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => Math.max(x, 0),
  softplus: (x) => Math.log(1 + Math.exp(x)),
  floor: Math.floor,
  ceil: Math.ceil,
};

describe('Unary on float32', () => {
  for (const [op, ref] of Object.entries(REFERENCE) as [UnaryOp, (x: number) => number][]) {
    it(`${op} matches a float64 reference rounded to float32`, () => {
      const y = unary(op, XS);
      expect(y.dtype).toBe('float32');
      expectClose(
        vals(y),
        XS.map((x) => Math.fround(ref(x))),
        1e-6,
        1e-7,
      );
    });
  }

  it('gelu is the exact erf form (reference: CPython 0.5·x·erfc(−x/√2))', () => {
    const xs = [-20, -8, -5, -3, -1, -0.5, 0, 0.5, 1, 3, 8];
    const want = [
      -5.507248237212663e-88, -4.9767684594174555e-15, -1.4332578593959731e-6, -0.004049694094890287, -0.15865525393145707,
      -0.15426876936299344, 0.0, 0.34573123063700656, 0.8413447460685429, 2.99595030590511, 7.999999999999995,
    ];
    expectClose(vals(unary('gelu', xs, 'float64')), want, 1e-13, 0);
    expectClose(vals(unary('gelu', xs)), want.map(Math.fround), 1e-7, 0);
  });

  it('erf agrees with the erf function', () => {
    expectClose(vals(unary('erf', [-1, 0.5, 2], 'float64')), [-0.8427007929497149, 0.5204998778130465, 0.9953222650189527], 1e-15, 0);
  });

  it('sigmoid and softplus stay finite and exact for large |x|', () => {
    expectClose(vals(unary('sigmoid', [-1000, -40, 40, 1000], 'float64')), [0, 4.248354255291589e-18, 1, 1], 1e-15, 0);
    expect(vals(unary('softplus', [-1000, 1000, 0], 'float64'))).toEqual([0, 1000, Math.LN2]);
    expectClose(vals(unary('softplus', [-30], 'float64')), [Math.exp(-30) - Math.exp(-60) / 2], 1e-15, 0);
  });

  it('round is round-half-to-even and keeps the sign of zero', () => {
    expect(vals(unary('round', [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6]))).toEqual([0, 2, 2, -0, -2, -2, 2, 3, -3]);
    expect(Object.is(roundHalfEven(-0.4), -0)).toBe(true);
    expect(roundHalfEven(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundHalfEven(Number.NaN)).toBeNaN();
    expect(roundHalfEven(4503599627370497)).toBe(4503599627370497);
  });

  it('follows IEEE at the edges: log(0), sqrt(−1), 1/0, relu(NaN)', () => {
    const y = vals(unary('log', [0, -1]));
    expect(y[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(y[1]).toBeNaN();
    expect(vals(unary('sqrt', [-1]))[0]).toBeNaN();
    expect(vals(unary('reciprocal', [0, -0]))).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(vals(unary('relu', [Number.NaN]))[0]).toBeNaN();
    expect(vals(unary('sign', [Number.NaN]))[0]).toBeNaN();
  });

  it('isNaN, isFinite and logicalNot produce bool', () => {
    const xs = [0, 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const nan = unary('isNaN', xs);
    expect(nan.dtype).toBe('bool');
    expect(vals(nan)).toEqual([0, 0, 1, 0, 0]);
    expect(vals(unary('isFinite', xs))).toEqual([1, 1, 0, 0, 0]);
    expect(vals(unary('logicalNot', xs))).toEqual([1, 0, 0, 0, 0]);
  });
});

describe('Unary on other dtypes', () => {
  it('float64 keeps full precision', () => {
    expect(vals(unary('exp', [1], 'float64'))).toEqual([Math.exp(1)]);
    expect(vals(unary('sqrt', [2], 'float64'))).toEqual([Math.SQRT2]);
  });

  it('float16 rounds results to half precision', () => {
    const y = unary('exp', [1, 0], 'float16');
    expect(y.dtype).toBe('float16');
    expect(vals(y)).toEqual([2.71875, 1]);
    expect(vals(unary('sqrt', [2], 'float16'))).toEqual([1.4140625]);
    expect(vals(unary('exp', [12], 'float16'))).toEqual([Number.POSITIVE_INFINITY]);
  });

  it('int32 supports the integer ops with wrap-around', () => {
    const min = -2147483648;
    expect(vals(unary('neg', [1, -2, min], 'int32'))).toEqual([-1, 2, min]);
    expect(vals(unary('abs', [-3, 3, min], 'int32'))).toEqual([3, 3, min]);
    expect(vals(unary('sign', [-3, 0, 9], 'int32'))).toEqual([-1, 0, 1]);
    expect(vals(unary('square', [3, -4, 65536, 46341], 'int32'))).toEqual([9, 16, 0, Math.imul(46341, 46341)]);
    expect(vals(unary('relu', [-3, 0, 9], 'int32'))).toEqual([0, 0, 9]);
    for (const op of ['floor', 'ceil', 'round'] as const) expect(vals(unary(op, [-3, 7], 'int32'))).toEqual([-3, 7]);
    expect(vals(unary('isNaN', [1], 'int32'))).toEqual([0]);
    expect(vals(unary('isFinite', [1], 'int32'))).toEqual([1]);
    expect(vals(unary('logicalNot', [0, 5], 'int32'))).toEqual([1, 0]);
  });

  it('int8 and uint8 wrap like their C types', () => {
    expect(vals(unary('neg', [-128, 5], 'int8'))).toEqual([-128, -5]);
    expect(vals(unary('abs', [-128], 'int8'))).toEqual([-128]);
    expect(vals(unary('square', [12], 'int8'))).toEqual([144 - 256]);
    expect(vals(unary('neg', [1, 0], 'uint8'))).toEqual([255, 0]);
    expect(vals(unary('square', [16], 'uint8'))).toEqual([0]);
  });

  it('bool supports the ops that map {0, 1} to itself', () => {
    expect(vals(unary('logicalNot', [1, 0], 'bool'))).toEqual([0, 1]);
    expect(vals(unary('abs', [1, 0], 'bool'))).toEqual([1, 0]);
    expect(unary('abs', [1], 'bool').dtype).toBe('bool');
    expect(() => unary('neg', [1], 'bool')).toThrow(/Unary 'neg' needs a number dtype, but got bool/);
  });

  it('rejects float-only ops on integers with a clear error', () => {
    for (const op of ['exp', 'log', 'sqrt', 'sigmoid', 'gelu', 'erf', 'reciprocal'] as const) {
      expect(() => unary(op, [1], 'int32')).toThrow(new RegExp(`Unary '${op}' needs a float dtype .* but got int32`));
    }
  });

  it('rejects an unknown op', () => {
    expect(() => unaryFunction('nope' as UnaryOp, 'float32')).toThrow(/unknown op "nope"/);
  });

  it('keeps shapes, including empty and scalar tensors', () => {
    const e = unary('exp', [], 'float32', [2, 0]);
    expect(e.shape).toEqual([2, 0]);
    expect(vals(e)).toEqual([]);
    const s = unary('neg', [3], 'float32', []);
    expect(s.shape).toEqual([]);
    expect(vals(s)).toEqual([-3]);
  });
});
