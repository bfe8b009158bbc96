import { cpu } from '@mindts/backend-cpu';
import { registerBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Initializer } from './base.js';
import { HeNormal, HeUniform } from './he.js';
import { initializer } from './initializer.js';
import { Normal } from './normal.js';
import { Sparse } from './sparse.js';
import { TruncatedNormal } from './truncatedNormal.js';
import { Uniform } from './uniform.js';
import { VarianceScaling } from './varianceScaling.js';
import { XavierNormal, XavierUniform } from './xavier.js';

beforeAll(() => {
  registerBackend(cpu());
  setSeed(20240611);
});

/** A large dense shape: 204,800 draws, so the mean is known to ~σ/450 and the std to ~0.16%. */
const DENSE = [512, 400];
const CONV = [64, 32, 5, 5];

function draw(init: Initializer | string, shape: number[]): Float64Array {
  return initializer(init, shape, 'float64').dataSync() as Float64Array;
}

function stats(values: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length), min, max };
}

/** Mean within 5 standard errors of `mean`, std within 1.5% of `std`. */
function expectMoments(values: ArrayLike<number>, mean: number, std: number): void {
  const s = stats(values);
  expect(Math.abs(s.mean - mean)).toBeLessThan((5 * std) / Math.sqrt(values.length));
  expect(Math.abs(s.std / std - 1)).toBeLessThan(0.015);
}

/** All values in [-bound, bound], and the extremes close to it. */
function expectUniform(values: ArrayLike<number>, bound: number): void {
  const s = stats(values);
  expect(s.min).toBeGreaterThanOrEqual(-bound);
  expect(s.max).toBeLessThanOrEqual(bound);
  expect(s.min).toBeLessThan(-0.999 * bound);
  expect(s.max).toBeGreaterThan(0.999 * bound);
  expectMoments(values, 0, bound / Math.sqrt(3));
}

describe('Normal', () => {
  it('defaults to N(0, 0.01²)', () => expectMoments(draw('normal', DENSE), 0, 0.01));
  it('takes sigma and mean', () => expectMoments(draw(new Normal({ sigma: 2, mean: 3 }), DENSE), 3, 2));
  it('refuses a negative sigma', () => expect(() => new Normal({ sigma: -1 })).toThrow('sigma < 0'));
});

describe('Uniform', () => {
  it('defaults to U(-0.07, 0.07)', () => expectUniform(draw('uniform', DENSE), 0.07));
  it('takes a scale', () => expectUniform(draw(new Uniform({ scale: 3 }), DENSE), 3));
});

describe('TruncatedNormal', () => {
  it('defaults to sigma 0.01 with the absolute bounds ±2, which then do not cut', () => {
    const v = draw('truncatedNormal', DENSE);
    expectMoments(v, 0, 0.01);
    expect(stats(v).max).toBeLessThan(0.1);
  });

  it('with sigma 1 cuts at ±2 and has the truncated std 0.8796…', () => {
    const v = draw(new TruncatedNormal({ sigma: 1 }), DENSE);
    const s = stats(v);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThanOrEqual(2);
    expect(s.min).toBeLessThan(-1.99);
    expect(s.max).toBeGreaterThan(1.99);
    expectMoments(v, 0, 0.87962566103423978);
  });

  it('samples an interval in the upper tail with the right mean', () => {
    // Mean of N(0, 1) on [1, 3]: (φ(1) - φ(3)) / (Φ(3) - Φ(1)), from CPython's NormalDist.
    const mean = (0.24197072451914337 - 0.0044318484119380075) / (0.9986501019683699 - 0.8413447460685429);
    const v = draw(new TruncatedNormal({ sigma: 1, a: 1, b: 3 }), DENSE);
    const s = stats(v);
    expect(s.min).toBeGreaterThanOrEqual(1);
    expect(s.max).toBeLessThanOrEqual(3);
    expect(Math.abs(s.mean - mean)).toBeLessThan(0.005);
  });

  it('refuses sigma <= 0 and a >= b', () => {
    expect(() => new TruncatedNormal({ sigma: 0 })).toThrow("'sigma' must be positive");
    expect(() => new TruncatedNormal({ a: 1, b: 1 })).toThrow("'a' must be less than 'b'");
  });
});

describe('Xavier', () => {
  it('XavierUniform: bound = gain·√(6 / (fanIn + fanOut))', () => {
    expectUniform(draw('xavier_uniform', DENSE), Math.sqrt(6 / (400 + 512)));
    expectUniform(draw(new XavierUniform({ gain: 2 }), CONV), 2 * Math.sqrt(6 / (32 * 25 + 64 * 25)));
  });

  it('XavierNormal: sigma = gain·√(2 / (fanIn + fanOut))', () => {
    expectMoments(draw('xavierNormal', DENSE), 0, Math.sqrt(2 / 912));
    expectMoments(draw(new XavierNormal({ gain: 2 }), CONV), 0, 2 * Math.sqrt(2 / (96 * 25)));
  });

  it('needs at least 2 dimensions', () => {
    expect(() => initializer('xavier_uniform', [10])).toThrow("'fan_in' and 'fan_out' can not be computed");
  });
});

describe('He', () => {
  it('HeUniform defaults: leaky_relu with slope 0 (gain √2), fan_in', () => {
    expectUniform(draw('he_uniform', DENSE), Math.sqrt(3) * (Math.SQRT2 / Math.sqrt(400)));
  });

  it('HeUniform with relu and fan_out on a conv weight', () => {
    const init = new HeUniform({ nonlinearity: 'relu', mode: 'fan_out' });
    expectUniform(draw(init, CONV), Math.sqrt(3) * (Math.SQRT2 / Math.sqrt(64 * 25)));
  });

  it('HeNormal: sigma = gain / √fan, the slope entering the gain', () => {
    expectMoments(draw('he_normal', DENSE), 0, Math.SQRT2 / 20);
    expectMoments(draw(new HeNormal({ negativeSlope: 0.2 }), DENSE), 0, Math.sqrt(2 / 1.04) / 20);
    expectMoments(draw(new HeNormal({ nonlinearity: 'tanh', mode: 'fan_out' }), DENSE), 0, 5 / 3 / Math.sqrt(512));
  });

  it('rejects a bad mode, nonlinearity or slope when constructed', () => {
    expect(() => new HeNormal({ mode: 'fan_avg' as 'fan_in' })).toThrow("'mode' fan_avg not supported");
    expect(() => new HeNormal({ nonlinearity: 'swish' as 'relu' })).toThrow("For 'HeNormal', the argument 'nonlinearity' should be one of");
    expect(() => new HeUniform({ negativeSlope: 'x' as unknown as number })).toThrow("'negative_slope' x is not a valid number");
  });
});

describe('VarianceScaling', () => {
  it('defaults to a truncated normal with std √(1 / fanIn), cut at 2·stddev', () => {
    const v = draw('varianceScaling', DENSE);
    const stddev = Math.sqrt(1 / 400) / 0.87962566103423978;
    const s = stats(v);
    expect(s.max).toBeLessThanOrEqual(2 * stddev);
    expect(s.min).toBeGreaterThanOrEqual(-2 * stddev);
    expect(s.max).toBeGreaterThan(1.99 * stddev);
    expectMoments(v, 0, Math.sqrt(1 / 400));
  });

  it('untruncated_normal with fan_out and uniform with fan_avg', () => {
    expectMoments(
      draw(new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'untruncated_normal' }), DENSE),
      0,
      Math.sqrt(2 / 512),
    );
    expectUniform(draw(new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform' }), DENSE), Math.sqrt(3 / 456));
  });

  it('validates its arguments with MindSpore’s messages', () => {
    expect(() => new VarianceScaling({ scale: 0 })).toThrow("the argument 'scale' must be greater than 0, but got 0.");
    expect(() => new VarianceScaling({ mode: 'FAN_IN' as 'fan_in' })).toThrow("the argument 'mode' must be fan_in, fan_out or fan_avg");
    expect(() => new VarianceScaling({ distribution: 'normal' as 'uniform' })).toThrow(
      "the argument 'distribution' must be uniform, truncated_normal or untruncated_normal, but got normal.",
    );
  });
});

describe('Sparse', () => {
  it('zeroes ceil(sparsity·rows) rows in every column, different rows per column, normal elsewhere', () => {
    const [rows, cols] = [50, 400];
    const v = draw(new Sparse({ sparsity: 0.3, sigma: 0.5 }), [rows, cols]);
    const zerosPerRow = new Array<number>(rows).fill(0);
    const nonzero: number[] = [];
    for (let c = 0; c < cols; c++) {
      let zeros = 0;
      for (let r = 0; r < rows; r++) {
        const x = v[r * cols + c] as number;
        if (x === 0) {
          zeros++;
          zerosPerRow[r] = (zerosPerRow[r] as number) + 1;
        } else nonzero.push(x);
      }
      expect(zeros).toBe(15);
    }
    // Each row is zeroed in about 30% of the 400 columns (binomial std ≈ 9.2).
    for (const n of zerosPerRow) expect(Math.abs(n - 120)).toBeLessThan(50);
    expectMoments(nonzero, 0, 0.5);
  });

  it('keeps everything at sparsity 0, nothing at sparsity 1, and needs a 2-D shape', () => {
    expect(draw(new Sparse({ sparsity: 0 }), [20, 30]).every((x) => x !== 0)).toBe(true);
    expect(draw(new Sparse({ sparsity: 1 }), [20, 30]).every((x) => x === 0)).toBe(true);
    expect(() => initializer(new Sparse({ sparsity: 0.1 }), [2, 3, 4])).toThrow(
      'For Sparse initializer, the dimension of the initialized tensor should be 2, but got 3.',
    );
    expect(() => new Sparse({ sparsity: 1.5 })).toThrow("'sparsity' must be in [0, 1]");
  });
});

it('float32 tensors keep the statistics (values rounded once, on write)', () => {
  const v = initializer(new Normal({ sigma: 0.5 }), DENSE, 'float32').dataSync();
  expect(v).toBeInstanceOf(Float32Array);
  expectMoments(v, 0, 0.5);
});
