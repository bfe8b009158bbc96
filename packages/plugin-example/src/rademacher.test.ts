import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import { initializer, listInitializers } from '@mindts/initializer';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, setBackend, setSeed, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rademacher, registerPluginExample } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('Rademacher values', () => {
  it('are exactly ±1/√fanIn by default: here fanIn = 16, so ±0.25', () => {
    const v = values(initializer(new Rademacher({ seed: 3 }), [64, 16]));
    expect(v).toHaveLength(1024);
    expect(new Set(v)).toEqual(new Set([0.25, -0.25]));
  });

  it('use fanIn = in·kernel for conv weights', () => {
    expect(new Rademacher().scaleFor([8, 4, 3, 3])).toBe(1 / 6);
  });

  it('have mean ≈ 0 and variance exactly scale²: the signs are fair coins', () => {
    const n = 40_000;
    const v = values(initializer(new Rademacher({ scale: 2, seed: 11 }), [n, 1]));
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    // The mean of n fair ±2 draws has standard deviation 2/√n = 0.01; 4σ is 0.04.
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(variance).toBeCloseTo(4 - mean * mean, 10);
    // No long-range pattern: each half is balanced too, and runs of one sign are short.
    for (const half of [v.slice(0, n / 2), v.slice(n / 2)]) {
      const positive = half.filter((x) => x > 0).length / half.length;
      expect(Math.abs(positive - 0.5)).toBeLessThan(0.02);
    }
    let run = 1;
    let longest = 1;
    for (let i = 1; i < n; i++) longest = Math.max(longest, (run = v[i] === v[i - 1] ? run + 1 : 1));
    expect(longest).toBeLessThan(30); // expected ≈ log2(n) ≈ 15
  });

  it('are deterministic with a seed, and differ between seeds', () => {
    const a = values(initializer(new Rademacher({ seed: 5 }), [8, 8]));
    const b = values(initializer(new Rademacher({ seed: 5 }), [8, 8]));
    const c = values(initializer(new Rademacher({ seed: 6 }), [8, 8]));
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('follow the global stream: setSeed reproduces a sequence, successive draws differ', () => {
    setSeed(42);
    const first = values(initializer(new Rademacher(), [8, 8]));
    const second = values(initializer(new Rademacher(), [8, 8]));
    setSeed(42);
    expect(values(initializer(new Rademacher(), [8, 8]))).toEqual(first);
    expect(second).not.toEqual(first);
  });

  it('are the same on the wasm backend (counter-based draws)', async () => {
    if (!listBackends().includes('wasm')) registerBackend(wasm());
    const onCpu = values(initializer(new Rademacher({ seed: 9 }), [4, 4]));
    await setBackend('wasm');
    try {
      expect(values(initializer(new Rademacher({ seed: 9 }), [4, 4]))).toEqual(onCpu);
    } finally {
      await setBackend('cpu');
    }
  });

  it('convert to the requested dtype: ±1 in int32 with scale 1, float64 kept exactly', () => {
    expect(new Set(values(initializer(new Rademacher({ scale: 1, seed: 1 }), [50], 'int32')))).toEqual(new Set([1, -1]));
    expect(new Set(values(initializer(new Rademacher({ seed: 1 }), [3, 3], 'float64')))).toEqual(
      new Set([1 / Math.sqrt(3), -1 / Math.sqrt(3)]),
    );
  });

  it('handle empty shapes', () => {
    expect(values(initializer(new Rademacher(), [0, 4]))).toEqual([]);
  });
});

describe('Rademacher by name', () => {
  it('is unknown until registerPluginExample() runs, then found case-insensitively', () => {
    expect(listInitializers()).not.toContain('rademacher');
    expect(() => initializer('rademacher', [2, 2])).toThrow("For 'initializer', the class corresponding to 'rademacher' was not found.");
    registerPluginExample();
    expect(listInitializers()).toContain('rademacher');
    setSeed(7);
    const byName = values(initializer('Rademacher', [4, 9]));
    setSeed(7);
    expect(values(initializer(new Rademacher(), [4, 9]))).toEqual(byName);
    expect(new Set(byName)).toEqual(new Set([1 / 3, -1 / 3].map(Math.fround)));
  });

  it('initialises a Parameter lazily: the values exist on first use', () => {
    registerPluginExample();
    const w = new Parameter(initializer('rademacher', [3, 4]), 'w');
    expect(w.name).toBe('w');
    expect(w.isLazy).toBe(true);
    expect(new Set(values(w))).toEqual(new Set([0.5, -0.5]));
    expect(w.isLazy).toBe(false);
  });
});

describe('Rademacher errors', () => {
  it('name the argument, what is expected and what it got', () => {
    expect(() => new Rademacher({ scale: 0 })).toThrow(
      "For Rademacher initializer, the argument 'scale' must be a finite number > 0, but got 0.",
    );
    expect(() => new Rademacher({ scale: Number.NaN })).toThrow("the argument 'scale' must be a finite number > 0, but got NaN.");
    expect(() => new Rademacher({ seed: 1.5 })).toThrow("the argument 'seed' must be an integer, but got 1.5.");
  });

  it('refuses a rank-1 shape without a scale when initializer() is called, not at first use', () => {
    expect(() => initializer(new Rademacher(), [5])).toThrow(
      'For Rademacher initializer, the default scale 1/√fanIn needs a shape of rank >= 2, but got shape [5]; pass { scale } for it.',
    );
    expect(values(initializer(new Rademacher({ scale: 0.5, seed: 2 }), [5])).every((v) => Math.abs(v) === 0.5)).toBe(true);
  });
});
