/**
 * `Recall`, after mindspore/python/mindspore/train/metrics/recall.py (MindSpore 2.x).
 */
import { type AverageOptions, averageOf } from './averageOptions.js';
import { checkEvalType, checkInputCount, type EvalType, Metric } from './metric.js';
import { addCounts, countPositives, EPS, mean } from './positives.js';

/**
 * `truePositives / (truePositives + falseNegatives)` (MindSpore `Recall`). For
 * `'classification'` (default) `eval()` returns one recall per class; for `'multilabel'`,
 * one per sample. `eval({ average: true })` returns their mean.
 * @example
 * const recall = new Recall();
 * recall.update(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32'));
 * recall.eval(); // [1, 0.5]
 */
export class Recall extends Metric {
  readonly evalType: EvalType;
  #classNum = 0;
  #truePositives: number[] = [];
  #actualPositives: number[] = [];
  #averageSum = 0;
  #averageCount = 0;

  constructor(evalType: EvalType = 'classification') {
    super();
    this.evalType = checkEvalType(evalType);
  }

  /**
   * Resets the counts.
   * @example
   * recall.clear();
   */
  clear(): void {
    this.#classNum = 0;
    this.#truePositives = [];
    this.#actualPositives = [];
    this.#averageSum = 0;
    this.#averageCount = 0;
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * recall.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    checkInputCount(inputs, 2, 'Recall.update');
    const counts = countPositives(inputs[0], inputs[1], this.evalType, 'Recall.update', this.#classNum);
    this.#classNum = counts.classNum;
    if (this.evalType === 'multilabel') {
      counts.truePositives.forEach((tp, i) => {
        this.#averageSum += tp / ((counts.actualPositives[i] as number) + EPS);
      });
      this.#averageCount += counts.actualPositives.length;
      this.#truePositives.push(...counts.truePositives);
      this.#actualPositives.push(...counts.actualPositives);
    } else {
      this.#truePositives = addCounts(this.#truePositives, counts.truePositives);
      this.#actualPositives = addCounts(this.#actualPositives, counts.actualPositives);
    }
  }

  /**
   * The recall per class (multilabel: per sample), or with `{ average: true }` their mean.
   * @example
   * recall.eval({ average: true }); // 0.75
   */
  eval(options?: AverageOptions): number | number[] {
    const average = averageOf(options, 'Recall.eval');
    if (this.#classNum === 0) {
      throw new Error(
        "The 'Recall' can not be calculated, because the number of samples is 0, please check whether your inputs (predicted value, true value) are empty, or has called update method before calling eval method.",
      );
    }
    const result = this.#truePositives.map((tp, i) => tp / ((this.#actualPositives[i] as number) + EPS));
    if (!average) return result;
    return this.evalType === 'multilabel' ? this.#averageSum / (this.#averageCount + EPS) : mean(result);
  }
}
