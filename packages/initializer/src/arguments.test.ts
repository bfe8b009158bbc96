import { describe, expect, it } from 'vitest';
import {
  Constant,
  Dirac,
  HeNormal,
  HeUniform,
  Identity,
  initializer,
  Normal,
  One,
  Orthogonal,
  Sparse,
  TruncatedNormal,
  Uniform,
  VarianceScaling,
  XavierNormal,
  XavierUniform,
  Zero,
} from './index.js';

type Ctor = new (...args: unknown[]) => object;
const make = (C: unknown, ...args: unknown[]) => new (C as Ctor)(...args);

describe("initializers take MindSpore's first positional argument", () => {
  it('means what it means in MindSpore', () => {
    expect(new Normal(0.02)).toMatchObject({ sigma: 0.02, mean: 0 });
    expect(new Normal(0.02, { mean: 1, seed: 3 })).toMatchObject({ sigma: 0.02, mean: 1, seed: 3 });
    expect(new Uniform(0.5)).toMatchObject({ scale: 0.5 });
    expect(new Constant(3)).toMatchObject({ value: 3 });
    expect(new TruncatedNormal(0.2)).toMatchObject({ sigma: 0.2, a: -2, b: 2 });
    expect(new HeUniform(0.2)).toMatchObject({ negativeSlope: 0.2, mode: 'fan_in' });
    expect(new HeNormal(0.2, { mode: 'fan_out' })).toMatchObject({ negativeSlope: 0.2, mode: 'fan_out' });
    expect(new XavierUniform(2)).toMatchObject({ gain: 2 });
    expect(new XavierNormal(2)).toMatchObject({ gain: 2 });
    expect(new Orthogonal(2)).toMatchObject({ gain: 2 });
    expect(new Dirac(2)).toMatchObject({ groups: 2 });
    expect(new Sparse(0.5)).toMatchObject({ sparsity: 0.5, sigma: 0.01 });
    expect(new VarianceScaling(2)).toMatchObject({ scale: 2, mode: 'fan_in' });
    // The options form is unchanged.
    expect(new Normal({ sigma: 0.02 })).toMatchObject({ sigma: 0.02 });
  });

  it('refuses a value given twice, extra arguments, unknown options and non-object options', () => {
    expect(() => make(Normal, 0.02, { sigma: 0.03 })).toThrow(
      "For Normal initializer, 'sigma' was given twice: as the first argument and in the options.",
    );
    expect(() => make(Normal, 0.02, {}, 1)).toThrow('Normal takes at most 2 arguments, but got 3.');
    expect(() => make(Normal, { sigma: 0.02 }, {})).toThrow('Normal takes at most 1 argument, but got 2.');
    expect(() => make(Normal, { sigmaa: 0.02 })).toThrow("unknown option 'sigmaa' for Normal; did you mean 'sigma'?");
    expect(() => make(HeUniform, { negative_slope: 0.2 })).toThrow(
      "unknown option 'negative_slope' for HeUniform; did you mean 'negativeSlope'?",
    );
    expect(() => make(Uniform, null)).toThrow("For 'Uniform', the options must be an object or undefined, but got null.");
    expect(() => make(Uniform, 'big')).toThrow(TypeError);
    expect(() => make(Constant, 1, { seed: 1, value: 2 })).toThrow("unknown option 'value' for Constant");
    expect(() => make(Constant, 1, {}, 2)).toThrow('Constant takes at most 2 arguments, but got 3.');
    expect(() => make(Zero, { sed: 1 })).toThrow("unknown option 'sed' for Zero; did you mean 'seed'?");
    expect(() => make(One, {}, 1)).toThrow('One takes at most 1 argument, but got 2.');
    expect(() => make(Identity, { gain: 1 })).toThrow("unknown option 'gain' for Identity");
    expect(() => make(Sparse, { sparsity: 0.1, sigm: 1 })).toThrow("unknown option 'sigm' for Sparse; did you mean 'sigma'?");
    expect(() => make(VarianceScaling, { distrib: 'uniform' })).toThrow(/unknown option 'distrib' for VarianceScaling/);
    expect(() => make(TruncatedNormal, { A: -1 })).toThrow("unknown option 'A' for TruncatedNormal; did you mean 'a'?");
    expect(() => make(Dirac, { group: 2 })).toThrow("unknown option 'group' for Dirac; did you mean 'groups'?");
    expect(() => make(Orthogonal, { gian: 2 })).toThrow(/unknown option 'gian' for Orthogonal/);
    expect(() => make(XavierNormal, { gain: 1, mode: 'fan_in' })).toThrow(/unknown option 'mode' for XavierNormal/);
    expect(() => (initializer as (...a: unknown[]) => unknown)('ones', [2], 'float32', 'extra')).toThrow(
      'initializer takes at most 3 arguments, but got 4.',
    );
  });

  it('checks a positional value like the option', () => {
    expect(() => new Normal(-1)).toThrow(RangeError);
    expect(() => new Normal(Number.NaN)).toThrow(TypeError);
    expect(() => new Uniform('x' as never)).toThrow(TypeError);
    expect(() => new Dirac(0)).toThrow(RangeError);
    expect(() => new Sparse(2)).toThrow(RangeError);
  });
});
