import { describe, expect, it } from 'vitest';
import { measure, measurePair, measureSides, median } from './timing.js';

describe('timing', () => {
  it('median: the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  it('measure (tinybench): exactly warmup + runs calls, sync or async, one sample per timed run', async () => {
    let calls = 0;
    const t = await measure(() => void calls++, 2, 5);
    expect(calls).toBe(7);
    expect(t.runs).toBe(5);
    expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
    let asyncCalls = 0;
    const slow = await measure(
      async () => {
        asyncCalls++;
        await new Promise((r) => setTimeout(r, 5));
      },
      0,
      3,
    );
    expect(asyncCalls).toBe(3);
    expect(slow.medianMs).toBeGreaterThanOrEqual(4);
  });

  it('measureSides interleaves the sides sample by sample, rotating which goes first', () => {
    const order: string[] = [];
    const timings = measureSides([() => void order.push('a'), () => void order.push('b'), () => void order.push('c')], 1, 3);
    expect(order.join('')).toBe(['abc', 'abc', 'bca', 'cab'].join(''));
    expect(timings.map((t) => t.runs)).toEqual([3, 3, 3]);
    const pair: string[] = [];
    expect(
      measurePair(
        () => void pair.push('a'),
        () => void pair.push('b'),
        0,
        2,
      ),
    ).toHaveLength(2);
    expect(pair.join('')).toBe('abba');
  });
});
