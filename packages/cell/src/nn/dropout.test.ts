import { cpu } from '@mindts/backend-cpu';
import { listBackends, ones, registerBackend, setSeed, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.Dropout', () => {
  it('is the identity in inference mode (the default)', () => {
    const x = tensor([1, 2, 3], 'float32');
    const drop = new nn.Dropout({ p: 0.9 });
    expect(drop.training).toBe(false);
    expect(drop.call(x)).toBe(x);
  });

  it('zeroes elements and scales the rest by 1 / keepProb in training mode', () => {
    setSeed(3);
    const drop = new nn.Dropout().setTrain();
    const y = Array.from(drop.call(ones([2000])).dataSync());
    expect(y.every((v) => v === 0 || v === 2)).toBe(true);
    const kept = y.filter((v) => v === 2).length / y.length;
    expect(kept).toBeGreaterThan(0.45);
    expect(kept).toBeLessThan(0.55);
    const p = new nn.Dropout({ p: 0.2 }).setTrain();
    const z = Array.from(p.call(ones([2000])).dataSync());
    expect(z.every((v) => v === 0 || Math.abs(v - 1.25) < 1e-6)).toBe(true);
    expect(z.filter((v) => v === 0).length / z.length).toBeLessThan(0.25);
    // Two calls draw different masks.
    expect(Array.from(p.call(ones([64])).dataSync())).not.toEqual(Array.from(p.call(ones([64])).dataSync()));
  });

  it('passes the input through when nothing is dropped', () => {
    const x = tensor([1, 2], 'float32');
    expect(new nn.Dropout({ keepProb: 1 }).setTrain().call(x)).toBe(x);
    expect(Array.from(new nn.Dropout({ p: 0 }).setTrain().call(x).dataSync())).toEqual([1, 2]);
  });

  it("refuses keepProb with p (nothing silently ignored) and out-of-range values with MindSpore's messages", () => {
    expect(() => new nn.Dropout({ keepProb: 0.9, p: 0.3 })).toThrow(
      "For 'Dropout', give either 'keepProb' or 'p', not both (got keepProb 0.9 and p 0.3).",
    );
    const drop = new nn.Dropout({ p: 0.3 });
    expect(drop.p).toBe(0.3);
    expect(drop.keepProb).toBeCloseTo(0.7);
    expect(new nn.Dropout().keepProb).toBe(0.5);
    expect(() => new nn.Dropout({ p: 1 })).toThrow("For 'Dropout', the 'p' must be a number in range [0, 1), but got 1.");
    expect(() => new nn.Dropout({ keepProb: 0 })).toThrow("For 'Dropout', the 'keepProb' must be a number in range (0, 1], but got 0.");
    expect(String(new nn.Dropout())).toBe('Dropout(keep_prob=0.5)');
    expect(String(new nn.Dropout({ p: 0.2 }))).toBe('Dropout(p=0.2)');
  });

  it("takes MindSpore 2.x's positional arguments: keep_prob first, then p", () => {
    const keep = new nn.Dropout(0.9);
    expect(keep.keepProb).toBe(0.9);
    expect(keep.p).toBe(null);
    const drop = new nn.Dropout(undefined, 0.1);
    expect(drop.p).toBe(0.1);
    expect(drop.keepProb).toBeCloseTo(0.9);
    expect(() => new nn.Dropout(0.9, 0.1)).toThrow(/give either 'keepProb' or 'p', not both/);
    expect(() => new nn.Dropout({ prob: 0.1 } as never)).toThrow("unknown option 'prob' for Dropout (known: keepProb, p)");
    expect(() => new (nn.Dropout as never as new (...a: unknown[]) => unknown)(0.9, 0.1, 0.2)).toThrow(
      /argument 3 must be the options object/,
    );
  });
});
