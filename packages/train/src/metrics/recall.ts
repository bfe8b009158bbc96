/**
 * `Recall`, after mindspore/python/mindspore/train/metrics/recall.py (MindSpore 2.x).
 */
import type { EvalType } from './metric.js';
import { PositiveRatio } from './positiveRatio.js';

/**
 * `truePositives / (truePositives + falseNegatives)` (MindSpore `Recall`). For
 * `'classification'` (default) `eval()` returns one recall per class; for `'multilabel'`,
 * one per sample. `eval({ average: true })` returns their mean.
 * @example
 * const recall = new Recall();
 * recall.update(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32'));
 * recall.eval(); // [1, 0.5]
 */
export class Recall extends PositiveRatio {
  constructor(evalType: EvalType = 'classification') {
    super('Recall', 'actualPositives', evalType);
  }
}
