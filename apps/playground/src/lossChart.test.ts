import { describe, expect, it } from 'vitest';
import { lossChartSvg, wordsChartSvg } from './lossChart.js';

const paths = (svg: string) =>
  [...svg.matchAll(/<path class="series" data-name="([^"]+)" d="([^"]+)"/g)].map((m) => ({ name: m[1], d: m[2] as string }));

describe('lossChartSvg', () => {
  it('draws one point per step, and the moving mean once there are enough steps', () => {
    const few = paths(lossChartSvg([2.3, 1.9, 1.2]));
    expect(few.map((p) => p.name)).toEqual(['loss (step)']);
    expect(few[0]?.d.split('L')).toHaveLength(3);
    const many = paths(lossChartSvg(Array.from({ length: 60 }, (_, i) => 2.3 / (1 + i / 10))));
    expect(many.map((p) => p.name)).toEqual(['loss (step)', 'mean of 3 steps']);
    expect(many[1]?.d.split('L')).toHaveLength(60);
  });

  it('refuses anything but an array of numbers', () => {
    expect(() => lossChartSvg('2.3' as unknown as number[])).toThrow('losses must be an array of numbers, but got 2.3');
  });

  it('draws the language losses in bits per character with the held-out points and the bigram line', () => {
    const svg = wordsChartSvg([Math.LN2 * 4, Math.LN2 * 3], [[2, Math.LN2 * 3.5]], Math.LN2 * 3.4);
    expect(paths(svg).map((p) => p.name)).toEqual(['training (step)', 'held out', 'bigram (held out)']);
    expect(svg).toContain('bits per character');
    expect(paths(wordsChartSvg([], [], undefined))).toEqual([]);
    expect(() => wordsChartSvg([1], [['x' as never, 1]], 2)).toThrow('heldOut must be an array of numbers');
  });
});
