import { describe, expect, it } from 'vitest';
import { compareSides, formatComparison, type Side } from './gpujsComparison.js';
import type { AsyncRunner } from './gpujsRunners.js';
import type { Workload } from './workloads.js';

/** A side whose runner returns `values` and counts its runs, activations and disposals. */
function fakeSide(name: string, values: number[]) {
  const counts = { activated: 0, runs: 0, disposed: 0 };
  const runner = (): AsyncRunner => ({
    run: async () => void counts.runs++,
    values: async () => values,
    dispose: () => void counts.disposed++,
  });
  const side: Side = { name, activate: async () => void counts.activated++, runner, trainStep: runner };
  return { side, counts };
}

const row: Workload = { kind: 'addRelu', label: 'add+relu 4', n: 4, warmup: 1, runs: 3, goal: false };

describe('compareSides', () => {
  it('times every side that agrees with the last one, and leaves a wrong one untimed', async () => {
    const good = fakeSide('good', [1, 2, 3, 4]);
    const wrong = fakeSide('wrong', [1, 2, 3, 5]);
    const oracle = fakeSide('oracle', [1, 2, 3, 4 + 1e-6]);
    const [r] = await compareSides([good.side, wrong.side, oracle.side], [row]);
    expect(r?.ms.map(Number.isNaN)).toEqual([false, true, false]);
    expect(r?.maxDiff).toBeCloseTo(0.25, 6);
    expect(r?.reps).toBe('1+3');
    for (const s of [good, wrong, oracle]) expect(s.counts).toEqual({ activated: 1, runs: 4, disposed: 1 });
  });

  it('prints ratios as the second side over the first, and a dash where one side was wrong', () => {
    const text = formatComparison(
      ['a', 'b', 'c'],
      [{ label: 'x', ms: [2, 6, Number.NaN], maxDiff: 0, reps: '1+3' }],
      [
        [0, 1],
        [0, 2],
      ],
    );
    const cells = text
      .split('\n')[2]
      ?.split('|')
      .map((c) => c.trim());
    expect(cells?.slice(1, -1)).toEqual(['x', '2.00', '6.00', 'wrong', '3.00×', '—', '0.0e+0', '1+3']);
  });
});
