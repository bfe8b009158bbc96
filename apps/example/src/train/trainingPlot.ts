/**
 * The plot `train` writes: loss (every step, smoothed, and held-out per epoch; for the language
 * models also the bigram baseline) beside accuracy (training and held-out per epoch).
 */
import { lineChart, type Series } from '../plot/lineChart.js';
import type { TrainResult } from './trainer.js';

/**
 * The mean of each point and the `window − 1` before it (fewer at the start).
 * @example
 * movingMean([[1, 2], [2, 4], [3, 6]], 2); // [[1, 2], [2, 3], [3, 5]]
 */
export function movingMean(points: ReadonlyArray<readonly [number, number]>, window: number): Array<[number, number]> {
  let sum = 0;
  return points.map(([x, y], i) => {
    sum += y;
    if (i >= window) sum -= (points[i - window] as readonly [number, number])[1];
    return [x, sum / Math.min(i + 1, window)];
  });
}

/**
 * The SVG of a training run.
 * @example
 * writeFileSync('mnist-mlp.svg', trainingPlot(result, 'mlp'));
 */
export function trainingPlot(result: TrainResult, title: string): string {
  const perEpoch = (pick: (r: TrainResult['epochs'][number]) => number) => result.epochs.map((r) => [r.epoch, pick(r)] as [number, number]);
  const window = Math.max(1, Math.round(result.stepLosses.length / 40));
  const loss: Series[] = [
    { name: 'train loss (step)', points: result.stepLosses, color: '#b9d3ea' },
    { name: `train loss (mean of ${window})`, points: movingMean(result.stepLosses, window), color: '#0072B2' },
    { name: 'held-out loss', points: perEpoch((r) => r.testLoss), color: '#D55E00', markers: true },
  ];
  const language = result.baseline !== null;
  if (result.baseline !== null) {
    // The bigram baseline's held-out loss, as a flat line across the run.
    const last = Math.max(1, result.epochs.at(-1)?.epoch ?? 1);
    loss.push({
      name: 'bigram held-out loss',
      points: [
        [0, result.baseline],
        [last, result.baseline],
      ],
      color: '#009E73',
    });
  }
  const accuracy: Series[] = [
    { name: 'train accuracy', points: perEpoch((r) => r.trainAccuracy), color: '#0072B2', markers: true },
    { name: 'held-out accuracy', points: perEpoch((r) => r.testAccuracy), color: '#D55E00', markers: true },
  ];
  return lineChart(
    [
      { title: 'Loss', xLabel: 'epoch', yLabel: language ? 'nats per character' : 'softmax cross-entropy', series: loss },
      { title: language ? 'Next-character accuracy' : 'Accuracy', xLabel: 'epoch', yLabel: 'fraction correct', series: accuracy },
    ],
    { title },
  );
}
