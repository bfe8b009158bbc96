/**
 * The loss curves: the example app's SVG line chart (apps/example/src/plot), one panel with the
 * loss of every step and, once there are enough steps, its moving mean, so the trend shows
 * through the mini-batch noise; for the language models in bits per character, with the held-out
 * loss and the bigram baseline.
 */
import { lineChart, type Series } from '../../example/src/plot/lineChart.js';
import { bits } from '../../example/src/train/bigram.js';
import { movingMean } from '../../example/src/train/trainingPlot.js';

/** About this many points per averaging window: a smooth line that still follows the trend. */
const WINDOWS = 20;

/**
 * The SVG document of a loss history (one value per step, step 1 first).
 * @example
 * chart.replaceChildren(new DOMParser().parseFromString(lossChartSvg([2.3, 1.9, 1.2]), 'image/svg+xml').documentElement);
 */
export function lossChartSvg(losses: readonly number[], width = 520, height = 280): string {
  checkNumbers(losses, 'lossChartSvg: losses');
  return lineChart([{ title: 'Training loss', xLabel: 'step', yLabel: 'softmax cross-entropy', series: stepSeries(losses) }], {
    panelWidth: width,
    panelHeight: height,
  });
}

function checkNumbers(values: unknown, what: string): void {
  if (!Array.isArray(values) || !values.every((l) => typeof l === 'number')) {
    throw new TypeError(`${what} must be an array of numbers, but got ${String(values).slice(0, 60)}.`);
  }
}

/** The loss of every step, and its moving mean once there are enough steps. */
function stepSeries(losses: readonly number[], name = 'loss (step)'): Series[] {
  const points = losses.map((loss, i) => [i + 1, loss] as [number, number]);
  const window = Math.round(points.length / WINDOWS);
  return window > 1
    ? [
        { name, points, color: '#b9d3ea' },
        { name: `mean of ${window} steps`, points: movingMean(points, window), color: '#0072B2' },
      ]
    : [{ name, points, color: '#0072B2' }];
}

/**
 * The language tab's chart, in bits per character: the training loss of every step (`losses`,
 * nats), the held-out loss at the steps it was measured (`heldOut`, `[step, nats]`) and the
 * bigram baseline's held-out loss (nats; a flat line), when known.
 * @example
 * wordsChartSvg([3.3, 3.0, 2.8], [[3, 2.7]], 2.45);
 */
export function wordsChartSvg(
  losses: readonly number[],
  heldOut: ReadonlyArray<readonly [number, number]>,
  baseline: number | undefined,
): string {
  checkNumbers(losses, 'wordsChartSvg: losses');
  checkNumbers(heldOut.flat(), 'wordsChartSvg: heldOut');
  const series = stepSeries(losses.map(bits), 'training (step)');
  if (heldOut.length) series.push({ name: 'held out', points: heldOut.map(([s, l]) => [s, bits(l)]), color: '#D55E00', markers: true });
  const last = Math.max(1, losses.length, ...heldOut.map(([s]) => s));
  if (baseline !== undefined)
    series.push({
      name: 'bigram (held out)',
      points: [
        [0, bits(baseline)],
        [last, bits(baseline)],
      ],
      color: '#009E73',
    });
  return lineChart([{ title: 'Loss per character', xLabel: 'step', yLabel: 'bits per character', series }], {
    panelWidth: 520,
    panelHeight: 280,
  });
}
