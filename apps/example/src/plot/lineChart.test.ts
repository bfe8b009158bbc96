import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, lineChart, type Panel } from './lineChart.js';
import { formatTick, niceTicks } from './ticks.js';

const loss: Panel = {
  title: 'Training loss',
  xLabel: 'epoch',
  yLabel: 'loss',
  series: [
    { name: 'train loss', points: [0, 0.5, 1, 1.5, 2].map((x) => [x, 2.3 / (1 + 3 * x)] as const) },
    {
      name: 'test loss <held-out>',
      points: [
        [1, 0.5],
        [2, Number.NaN],
        [2, 0.3],
      ],
      markers: true,
    },
  ],
};
const accuracy: Panel = {
  title: 'Held-out accuracy',
  xLabel: 'epoch',
  yLabel: 'accuracy',
  yRange: [0, 1],
  series: [
    {
      name: 'test accuracy',
      points: [
        [1, 0.9],
        [2, 0.95],
      ],
      markers: true,
    },
  ],
};

const parse = (svg: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);

describe('lineChart', () => {
  it('writes well-formed XML: an svg root in the SVG namespace, one panel per chart', () => {
    const svg = lineChart([loss, accuracy], { title: 'MNIST & mlp' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = parse(svg);
    expect(doc.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(doc.svg.width).toBe('960');
    expect(doc.svg.g).toHaveLength(2);
    expect(svg).toContain('MNIST &amp; mlp');
  });

  it('draws every series as a path named after it, with a legend entry, skipping non-finite points', () => {
    const doc = parse(lineChart([loss, accuracy]));
    const paths = doc.svg.g.flatMap((g: { path: unknown }) => g.path).filter((p: { class: string }) => p.class === 'series');
    expect(paths.map((p: { 'data-name': string }) => p['data-name'])).toEqual(['train loss', 'test loss <held-out>', 'test accuracy']);
    const train = paths[0].d as string;
    expect(train.match(/[ML]/g)).toHaveLength(5);
    expect(train.startsWith('M')).toBe(true);
    expect((paths[1].d as string).match(/[ML]/g)).toHaveLength(2);
    const legend = doc.svg.g.flatMap((g: { text: { class?: string; '#text': string }[] }) =>
      g.text.filter((t) => t.class === 'legend').map((t) => t['#text']),
    );
    expect(legend).toEqual(['train loss', 'test loss <held-out>', 'test accuracy']);
  });

  it('places points on the axes: higher values are higher up, the last x at the right end', () => {
    const doc = parse(lineChart([loss]));
    const d = (doc.svg.g.path as { class: string; d: string }[]).find((p) => p.class === 'series')?.d ?? '';
    const pts = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const ys = pts.map(([, y]) => y as number);
    expect(ys).toEqual([...ys].sort((a, b) => a - b)); // loss falls, so SVG y grows
    expect(pts[0]?.[0]).toBe(64);
    expect(pts[4]?.[0]).toBe(480 - 16);
  });

  it('labels the axes and the title, and uses the fixed y range', () => {
    const svg = lineChart([accuracy]);
    for (const text of ['Held-out accuracy', '>epoch<', '>accuracy<', '>0.0<', '>1.0<']) expect(svg).toContain(text);
  });

  it('rejects an empty chart', () => {
    expect(() => lineChart([])).toThrow('at least one panel');
  });
});

describe('ticks', () => {
  it('picks round steps that cover the range', () => {
    expect(niceTicks(0.12, 2.31, 5)).toEqual({ ticks: [0, 0.5, 1, 1.5, 2, 2.5], min: 0, max: 2.5 });
    expect(niceTicks(1, 3, 4).ticks).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(niceTicks(0, 0.9723).max).toBe(1);
    const flat = niceTicks(5, 5);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
    expect(() => niceTicks(0, Number.NaN)).toThrow('finite');
  });

  it('formats with the decimals the step needs', () => {
    expect(formatTick(0.5, 0.25)).toBe('0.50');
    expect(formatTick(2000, 500)).toBe('2000');
    expect(formatTick(1, 0.2)).toBe('1.0');
  });

  it('escapes XML', () => {
    expect(escapeXml(`a < b & "c" 'd'`)).toBe('a &lt; b &amp; &quot;c&quot; &apos;d&apos;');
  });
});
