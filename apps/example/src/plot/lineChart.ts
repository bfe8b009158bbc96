/**
 * A small, dependency-free SVG line chart: panels side by side, each with axes, round ticks, grid
 * lines, axis labels, a title and a legend. The output is a standalone SVG file a browser opens.
 */
import { formatTick, niceTicks } from './ticks.js';

/**
 * One line: a name for the legend and its points `[x, y]` (non-finite values are left out).
 * @example
 * const s: Series = { name: 'loss', points: [[0, 2.3], [1, 0.4]] };
 */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** A CSS colour; by default one of a palette that stays legible for colour-blind readers. */
  readonly color?: string;
  /** Draw a dot at each point (for short series, such as one value per epoch). */
  readonly markers?: boolean;
}

/**
 * One panel.
 * @example
 * const panel: Panel = { title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: [s] };
 */
export interface Panel {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Fixed y range (for example `[0, 1]` for accuracy); by default the data's, rounded out. */
  readonly yRange?: readonly [number, number];
}

/** Options of {@link lineChart}. */
export interface ChartOptions {
  /** A heading above the panels. */
  readonly title?: string;
  /** Size of each panel in pixels (default 480 × 320). */
  readonly panelWidth?: number;
  readonly panelHeight?: number;
}

// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const MARGIN = { left: 64, right: 16, top: 36, bottom: 48 };

/**
 * Escapes text for SVG content and attribute values.
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const num = (v: number) => Number(v.toFixed(2)).toString();

function extent(values: number[], fallback: [number, number]): [number, number] {
  return values.length === 0 ? fallback : [Math.min(...values), Math.max(...values)];
}

function renderPanel(panel: Panel, ox: number, oy: number, width: number, height: number): string {
  const finite = panel.series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xs = niceTicks(
    ...extent(
      finite.map(([x]) => x),
      [0, 1],
    ),
  );
  const ys = panel.yRange
    ? niceTicks(panel.yRange[0], panel.yRange[1])
    : niceTicks(
        ...extent(
          finite.map(([, y]) => y),
          [0, 1],
        ),
      );
  const left = ox + MARGIN.left;
  const top = oy + MARGIN.top;
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => left + ((x - xs.min) / (xs.max - xs.min)) * w;
  const sy = (y: number) => top + h - ((y - ys.min) / (ys.max - ys.min)) * h;
  const out: string[] = [`<g class="panel">`];
  out.push(
    `<text x="${num(left + w / 2)}" y="${num(oy + 22)}" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  const xStep = (xs.ticks[1] ?? xs.max) - (xs.ticks[0] ?? xs.min) || 1;
  const yStep = (ys.ticks[1] ?? ys.max) - (ys.ticks[0] ?? ys.min) || 1;
  for (const t of ys.ticks) {
    out.push(`<line x1="${num(left)}" y1="${num(sy(t))}" x2="${num(left + w)}" y2="${num(sy(t))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${num(left - 6)}" y="${num(sy(t) + 4)}" text-anchor="end" font-size="11">${formatTick(t, yStep)}</text>`);
  }
  for (const t of xs.ticks) {
    out.push(`<line x1="${num(sx(t))}" y1="${num(top + h)}" x2="${num(sx(t))}" y2="${num(top + h + 5)}" stroke="#333"/>`);
    out.push(`<text x="${num(sx(t))}" y="${num(top + h + 18)}" text-anchor="middle" font-size="11">${formatTick(t, xStep)}</text>`);
  }
  out.push(`<path class="axes" d="M${num(left)},${num(top)}V${num(top + h)}H${num(left + w)}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${num(left + w / 2)}" y="${num(top + h + 38)}" text-anchor="middle" font-size="12">${escapeXml(panel.xLabel)}</text>`);
  const yMid = top + h / 2;
  out.push(
    `<text x="${num(ox + 16)}" y="${num(yMid)}" text-anchor="middle" font-size="12" transform="rotate(-90 ${num(ox + 16)} ${num(yMid)})">${escapeXml(panel.yLabel)}</text>`,
  );
  // The legend sits top right inside the plot area, on white so lines do not cross its text.
  const lx = left + w - 150;
  out.push(
    `<rect x="${num(lx - 6)}" y="${num(top + 2)}" width="152" height="${16 * panel.series.length + 4}" fill="#fff" fill-opacity="0.85"/>`,
  );
  panel.series.forEach((s, i) => {
    const color = escapeXml(s.color ?? (PALETTE[i % PALETTE.length] as string));
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length > 0) {
      const d = pts.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${num(sx(x))},${num(sy(y))}`).join('');
      out.push(`<path class="series" data-name="${escapeXml(s.name)}" d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
      if (s.markers) for (const [x, y] of pts) out.push(`<circle cx="${num(sx(x))}" cy="${num(sy(y))}" r="3" fill="${color}"/>`);
    }
    const ly = top + 10 + 16 * i;
    out.push(`<line x1="${num(lx)}" y1="${num(ly)}" x2="${num(lx + 20)}" y2="${num(ly)}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text class="legend" x="${num(lx + 26)}" y="${num(ly + 4)}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

/**
 * A standalone SVG document with `panels` side by side.
 * @example
 * const svg = lineChart([{ title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'train', points: [[0, 2.3], [1, 0.4]] }] }]);
 * writeFileSync('loss.svg', svg);
 */
export function lineChart(panels: readonly Panel[], options: ChartOptions = {}): string {
  if (panels.length === 0) throw new RangeError('lineChart: at least one panel is needed.');
  const pw = options.panelWidth ?? 480;
  const ph = options.panelHeight ?? 320;
  const head = options.title ? 32 : 0;
  const width = pw * panels.length;
  const height = ph + head;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (options.title) parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="17">${escapeXml(options.title)}</text>`);
  panels.forEach((p, i) => {
    parts.push(renderPanel(p, i * pw, head, pw, ph));
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
