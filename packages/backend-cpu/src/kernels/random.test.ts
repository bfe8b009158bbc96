import type { DType } from '@mindts/tensor';
import { randomValue, runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const draw = (shape: number[], distribution: 'uniform' | 'normal', seed: number, offset = 0, a = 0, b = 1, dtype: DType = 'float32') =>
  runKernel('Random', [], { shape, dtype, distribution, seed, offset, a, b });

describe('Random', () => {
  it('element i is randomValue(seed, offset, i) bit for bit, rounded to the dtype', () => {
    for (const distribution of ['uniform', 'normal'] as const) {
      const want = Array.from({ length: 6 }, (_, i) => randomValue(distribution, 42, 10, i, -2, 3));
      expect(vals(draw([2, 3], distribution, 42, 10, -2, 3, 'float64'))).toEqual(want);
      expect(vals(draw([2, 3], distribution, 42, 10, -2, 3))).toEqual(want.map(Math.fround));
    }
  });

  it('float16 draws are the shared values rounded to half precision', () => {
    const y = draw([4], 'normal', 7, 0, 0, 1, 'float16');
    expect(y.dtype).toBe('float16');
    const full = Array.from({ length: 4 }, (_, i) => randomValue('normal', 7, 0, i, 0, 1));
    vals(y).forEach((v, i) => {
      expect(Math.abs(v - full[i]!)).toBeLessThanOrEqual(Math.abs(full[i]!) * 2 ** -11 + 2 ** -25);
    });
  });

  it('the same seed and offset repeat; another seed or offset differs; offsets shift the stream', () => {
    expect(vals(draw([5], 'uniform', 1))).toEqual(vals(draw([5], 'uniform', 1)));
    expect(vals(draw([5], 'uniform', 1))).not.toEqual(vals(draw([5], 'uniform', 2)));
    expect(vals(draw([5], 'uniform', 1, 3)).slice(0, 2)).toEqual(vals(draw([5], 'uniform', 1, 0)).slice(3));
    // Normals use two counters per element.
    expect(vals(draw([4], 'normal', 1, 2)).slice(0, 3)).toEqual(vals(draw([4], 'normal', 1, 0)).slice(1));
  });

  it('has the requested distribution', () => {
    const n = 20000;
    const u = vals(draw([n], 'uniform', 3, 0, 2, 5));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThan(5);
    expect(u.reduce((a, b) => a + b, 0) / n).toBeCloseTo(3.5, 1);
    const z = vals(draw([n], 'normal', 3, 0, 1, 2));
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(1, 1);
    expect(std).toBeCloseTo(2, 1);
  });

  it('makes empty draws and rejects non-float dtypes and unknown distributions', () => {
    expect(vals(draw([0, 4], 'uniform', 1))).toEqual([]);
    expect(() => draw([2], 'uniform', 1, 0, 0, 1, 'int32')).toThrow(/Random: dtype must be float16, float32 or float64, but got int32/);
    expect(() => draw([2], 'poisson' as 'normal', 1)).toThrow(/Random: distribution must be 'uniform' or 'normal', but got "poisson"/);
    expect(() => draw([2], 'uniform', 1.5)).toThrow(/seed and offset must be integers, but got seed 1.5/);
  });
});
