import { describe, expect, it } from 'vitest';
import { setupMindts, useMindtsBackend } from './mindtsCases.js';
import { setupTfjs, useTfjsBackend } from './tfjsCases.js';
import { MLP_STEP, measureTrainStep, mindtsTrainStep, tfjsTrainStep } from './trainStep.js';

describe('MLP training-step row', () => {
  it('takes the same SGD steps on mindts and tfjs: equal losses, falling, equal updated weights', async () => {
    await setupMindts();
    await setupTfjs();
    await useMindtsBackend('cpu');
    await useTfjsBackend('cpu');
    const mine = mindtsTrainStep();
    const theirs = tfjsTrainStep();
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) {
      const a = mine.values();
      const b = theirs.values();
      expect(a.length).toBe(1 + MLP_STEP.sizes[2] * MLP_STEP.sizes[1]);
      expect(a[0]).toBeCloseTo(b[0] as number, 4);
      for (let k = 1; k < a.length; k += 97) expect(a[k]).toBeCloseTo(b[k] as number, 5);
      losses.push(a[0] as number);
    }
    // Ten classes from weights near zero: the first loss is about ln 10, and SGD lowers it.
    expect(losses[0]).toBeGreaterThan(2);
    expect(losses[0]).toBeLessThan(2.6);
    expect(losses[2]).toBeLessThan(losses[0] as number);
    mine.dispose();
    theirs.dispose();
  });

  it('times both sides with the given measure and reports their ratio', () => {
    const row = measureTrainStep((a, b) => {
      a();
      b();
      return [{ medianMs: 10 }, { medianMs: 25 }];
    });
    expect(row).toEqual({ mindtsMs: 10, tfjsMs: 25, speedup: 2.5 });
  });
});
