/**
 * `Precision`, after mindspore/python/mindspore/train/metrics/precision.py (MindSpore 2.x).
 */
import type { EvalType } from './metric.js';
import { PositiveRatio } from './positiveRatio.js';

/**
 * `truePositives / (truePositives + falsePositives)` (MindSpore `Precision`). For
 * `'classification'` (default) `eval()` returns one precision per class; for `'multilabel'`,
 * one per sample. `eval({ average: true })` returns their mean.
 * @example
 * const precision = new Precision();
 * precision.update(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32'));
 * precision.eval(); // [0.5, 1]
 */
export class Precision extends PositiveRatio {
  constructor(evalType: EvalType = 'classification') {
    super('Precision', 'positives', evalType);
  }
}
