/**
 * The loss curve: the example app's SVG line chart (apps/example/src/plot), one panel with the
 * loss of every step and, once there are enough steps, its moving mean, so the trend shows
 * through the mini-batch noise.
 */
import { lineChart, type Series } from '../../example/src/plot/lineChart.js';
import { movingMean } from '../../example/src/train/trainingPlot.js';

/** About this many points per averaging window: a smooth line that still follows the trend. */
const WINDOWS = 20;

/**
 * The SVG document of a loss history (one value per step, step 1 first).
 * @example
 * chart.replaceChildren(new DOMParser().parseFromString(lossChartSvg([2.3, 1.9, 1.2]), 'image/svg+xml').documentElement);
 */
export function lossChartSvg(losses: readonly number[], width = 520, height = 280): string {
  if (!Array.isArray(losses) || !losses.every((l) => typeof l === 'number')) {
    throw new TypeError(`lossChartSvg: losses must be an array of numbers, but got ${String(losses).slice(0, 60)}.`);
  }
  const points = losses.map((loss, i) => [i + 1, loss] as [number, number]);
  const window = Math.round(points.length / WINDOWS);
  const series: Series[] =
    window > 1
      ? [
          { name: 'loss (step)', points, color: '#b9d3ea' },
          { name: `mean of ${window} steps`, points: movingMean(points, window), color: '#0072B2' },
        ]
      : [{ name: 'loss (step)', points, color: '#0072B2' }];
  return lineChart([{ title: 'Training loss', xLabel: 'step', yLabel: 'softmax cross-entropy', series }], {
    panelWidth: width,
    panelHeight: height,
  });
}
