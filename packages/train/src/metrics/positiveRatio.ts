/**
 * What `Precision` and `Recall` share (MindSpore's precision.py and recall.py differ only in the
 * denominator): true positives over predicted positives, or over actual positives, per class
 * (`'classification'`) or per sample (`'multilabel'`).
 */
import { type AverageOptions, averageOf } from './averageOptions.js';
import { checkEvalType, checkInputCount, type EvalType, Metric } from './metric.js';
import { addCounts, countPositives, EPS, mean } from './positives.js';

/**
 * `truePositives / denominator`, accumulated over `update` calls; the base of `Precision`
 * (denominator: predicted positives) and `Recall` (actual positives).
 * @example
 * class Precision extends PositiveRatio { constructor(evalType?: EvalType) { super('Precision', 'positives', evalType); } }
 */
export abstract class PositiveRatio extends Metric {
  readonly evalType: EvalType;
  readonly #name: string;
  readonly #denominator: 'positives' | 'actualPositives';
  #classNum = 0;
  #truePositives: number[] = [];
  #denominators: number[] = [];
  #averageSum = 0;
  #averageCount = 0;

  protected constructor(name: string, denominator: 'positives' | 'actualPositives', evalType: EvalType = 'classification') {
    super();
    this.#name = name;
    this.#denominator = denominator;
    this.evalType = checkEvalType(evalType);
  }

  /**
   * Resets the counts.
   * @example
   * metric.clear();
   */
  clear(): void {
    this.#classNum = 0;
    this.#truePositives = [];
    this.#denominators = [];
    this.#averageSum = 0;
    this.#averageCount = 0;
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * metric.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    const where = `${this.#name}.update`;
    checkInputCount(inputs, 2, where);
    const counts = countPositives(inputs[0], inputs[1], this.evalType, where, this.#classNum);
    const denominators = counts[this.#denominator];
    this.#classNum = counts.classNum;
    if (this.evalType === 'multilabel') {
      counts.truePositives.forEach((tp, i) => {
        this.#averageSum += tp / ((denominators[i] as number) + EPS);
      });
      this.#averageCount += denominators.length;
      this.#truePositives.push(...counts.truePositives);
      this.#denominators.push(...denominators);
    } else {
      this.#truePositives = addCounts(this.#truePositives, counts.truePositives);
      this.#denominators = addCounts(this.#denominators, denominators);
    }
  }

  /**
   * The ratio per class (multilabel: per sample), or with `{ average: true }` their mean.
   * @example
   * metric.eval({ average: true }); // 0.75
   */
  eval(options?: AverageOptions): number | number[] {
    const average = averageOf(options, `${this.#name}.eval`);
    if (this.#classNum === 0) {
      throw new Error(
        `The '${this.#name}' can not be calculated, because the number of samples is 0, please check whether your inputs (predicted value, true value) are empty, or has called update method before calling eval method.`,
      );
    }
    const result = this.#truePositives.map((tp, i) => tp / ((this.#denominators[i] as number) + EPS));
    if (!average) return result;
    return this.evalType === 'multilabel' ? this.#averageSum / (this.#averageCount + EPS) : mean(result);
  }
}
