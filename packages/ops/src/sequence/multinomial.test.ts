import { fromValues, memory, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, values } from '../test/helpers.js';
import { multinomial } from './multinomial.js';

beforeAll(useCpu);

function counts(xs: number[], n: number): number[] {
  const c = new Array<number>(n).fill(0);
  for (const x of xs) c[x]! += 1;
  return c;
}

describe('multinomial', () => {
  it('with replacement: frequencies follow the (unnormalised) probabilities; zero never drawn', () => {
    const p = tensor([2, 0, 6, 2], 'float32');
    const s = multinomial(p, 20000, { seed: 5 });
    expect(s.dtype).toBe('int32');
    expect(s.shape).toEqual([20000]);
    const c = counts(values(s), 4);
    expect(c[1]).toBe(0);
    for (const [i, q] of [0.2, 0, 0.6, 0.2].entries()) expect(Math.abs(c[i]! / 20000 - q)).toBeLessThan(0.015);
    s.dispose();
    p.dispose();
  });

  it('is reproducible with a seed and batched over rows', () => {
    const p = tensor(
      [
        [0.1, 0.9],
        [1, 0],
      ],
      'float32',
    );
    const a = multinomial(p, 6, { seed: 9 });
    const b = multinomial(p, 6, { seed: 9 });
    expect(a.shape).toEqual([2, 6]);
    expect(values(a)).toEqual(values(b));
    expect(values(a).slice(6)).toEqual([0, 0, 0, 0, 0, 0]);
    for (const t of [a, b, p]) t.dispose();
  });

  it('without replacement: distinct categories, first draws follow the probabilities', () => {
    const rows = 4000;
    const p = fromValues(Array.from({ length: rows }, () => [0.5, 0.25, 0.25, 0]).flat(), [rows, 4], 'float32');
    const s = multinomial(p, 3, { replacement: false, seed: 2 });
    const v = values(s);
    for (let r = 0; r < rows; r++) {
      const row = v.slice(3 * r, 3 * r + 3);
      expect(new Set(row).size).toBe(3);
      expect(row).not.toContain(3);
    }
    const first = counts(
      v.filter((_, i) => i % 3 === 0),
      4,
    );
    for (const [i, q] of [0.5, 0.25, 0.25].entries()) expect(Math.abs(first[i]! / rows - q)).toBeLessThan(0.03);
    // The second draw renormalises: P(second = 0) = 0.25·(0.5/0.75)·2 = 1/3.
    const second = counts(
      v.filter((_, i) => i % 3 === 1),
      4,
    );
    expect(Math.abs(second[0]! / rows - 1 / 3)).toBeLessThan(0.03);
    s.dispose();
    p.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const p = tensor([0.5, 0.5], 'float32');
    const i = tensor([1, 1]);
    const before = memory().numTensors;
    expect(() => multinomial(p, 3, { replacement: false })).toThrow(
      'multinomial: numSamples must be a positive integer at most 2 (the number of categories) without replacement, but got number 3.',
    );
    expect(() => multinomial(p, 0)).toThrow('multinomial: numSamples must be a positive integer, but got number 0.');
    expect(() => multinomial(i, 1)).toThrow('multinomial: input must be a float Tensor of probabilities, but got int32.');
    expect(() => multinomial(p, 1, { seed: 0.5 })).toThrow('multinomial: seed must be an integer, but got number 0.5.');
    expect(() => multinomial(p, 1, { replace: true } as never)).toThrow("unknown option 'replace' for multinomial");
    expect(memory().numTensors).toBe(before);
    p.dispose();
    i.dispose();
  });
});
