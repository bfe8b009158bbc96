import { memory, ones, setSeed, tensor, zeros } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropout } from './dropout.js';
import { expectClose, expectTensor, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

describe('dropout', () => {
  it('keeps an element where the seeded uniform draw is >= p and scales it by 1/(1-p)', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], 'float32');
    const out = values(dropout(x, 0.25, { seed: 42 }));
    const expected = [1, 2, 3, 4, 5, 6, 7, 8].map((v, i) => (randomValue('uniform', 42, 0, i, 0, 1) >= 0.25 ? v / 0.75 : 0));
    expect(out.map((v) => v === 0)).toEqual(expected.map((v) => v === 0));
    expectClose(out, expected);
    expect(expected.some((v) => v === 0) && expected.some((v) => v !== 0)).toBe(true);
    x.dispose();
  });

  it('a seed gives the same mask every call', () => {
    const x = ones([64]);
    const a = values(dropout(x, 0.5, { seed: 7 }));
    const b = values(dropout(x, 0.5, { seed: 7 }));
    const c = values(dropout(x, 0.5, { seed: 8 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    x.dispose();
  });

  it('without a seed draws from the global stream (setSeed)', () => {
    const x = ones([64]);
    setSeed(3);
    const first = values(dropout(x));
    const second = values(dropout(x));
    setSeed(3);
    expect(values(dropout(x))).toEqual(first);
    expect(second).not.toEqual(first);
    x.dispose();
  });

  it('keeps about 1 - p of the elements and preserves the mean', () => {
    const x = ones([20000]);
    const out = values(dropout(x, 0.3, { seed: 1 }));
    const kept = out.filter((v) => v !== 0);
    expect(kept.length / out.length).toBeGreaterThan(0.68);
    expect(kept.length / out.length).toBeLessThan(0.72);
    expect(new Set(kept.map((v) => v.toFixed(5)))).toEqual(new Set([(1 / 0.7).toFixed(5)]));
    x.dispose();
  });

  it('training: false or p = 0 returns a copy', () => {
    const x = tensor([1.5, 2.5]);
    const evalOut = dropout(x, 0.9, { training: false });
    expect(evalOut).not.toBe(x);
    expectTensor(evalOut, 'float32', [2], [1.5, 2.5]);
    expectTensor(dropout(x, 0), 'float32', [2], [1.5, 2.5]);
    x.dispose();
  });

  it('keeps the float dtype and handles empty tensors', () => {
    const h = dropout(ones([4], 'float16'), 0.5, { seed: 1 });
    expect(h.dtype).toBe('float16');
    expect(values(h).every((v) => v === 0 || v === 2)).toBe(true);
    h.dispose();
    expectTensor(dropout(zeros([0, 3]), 0.5), 'float32', [0, 3], []);
  });

  it('errors', () => {
    expect(() => dropout(ones([2]), 1)).toThrow('dropout: p must be a probability in [0, 1), but got number 1.');
    expect(() => dropout(ones([2]), -0.1)).toThrow('dropout: p must be a probability in [0, 1), but got number -0.1.');
    expect(() => dropout(ones([2]), Number.NaN)).toThrow('dropout: p must be a probability in [0, 1), but got number NaN.');
    expect(() => dropout(ones([2]), '0.5' as never)).toThrow('dropout: p must be a probability in [0, 1), but got string "0.5".');
    expect(() => dropout(tensor([1, 2]), 0.5)).toThrow('dropout: input must be a float Tensor, but got int32.');
    expect(() => dropout(ones([2]), 0.5, { seed: 1.5 })).toThrow('dropout: seed must be an integer, but got number 1.5.');
    expect(() => dropout(ones([2]), 0.5, { training: 'yes' as never })).toThrow(
      'dropout: training must be a boolean, but got string "yes".',
    );
  });

  it('leaves no temporaries', () => {
    const x = ones([16]);
    const before = memory().numTensors;
    const y = dropout(x, 0.5, { seed: 2 });
    expect(memory().numTensors).toBe(before + 1);
    y.dispose();
    x.dispose();
  });
});
