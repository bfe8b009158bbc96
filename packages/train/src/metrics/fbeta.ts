/**
 * `Fbeta` and `F1`, after mindspore/python/mindspore/train/metrics/fbeta.py (MindSpore 2.x).
 */
import { type AverageOptions, averageOf } from './averageOptions.js';
import { checkInputCount, Metric } from './metric.js';
import { addCounts, countPositives, EPS, mean } from './positives.js';

/**
 * The F-beta score per class (MindSpore `Fbeta`):
 * `(1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP)`, from logits `[N, C]` and labels `[N]` (or
 * one-hot). `eval({ average: true })` returns the mean over the classes.
 * @example
 * const f = new Fbeta(1);
 * f.update(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32'));
 * f.eval(); // [0.6666666666666666, 0.6666666666666666]
 */
export class Fbeta extends Metric {
  readonly beta: number;
  #classNum = 0;
  #truePositives: number[] = [];
  #positives: number[] = [];
  #actualPositives: number[] = [];

  constructor(beta: number) {
    super();
    if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) {
      throw new RangeError(`For 'Fbeta', the argument 'beta' must be greater than 0, but got ${String(beta)}.`);
    }
    this.beta = beta;
  }

  /**
   * Resets the counts.
   * @example
   * f.clear();
   */
  clear(): void {
    this.#classNum = 0;
    this.#truePositives = [];
    this.#positives = [];
    this.#actualPositives = [];
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * f.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    const where = `${this.constructor.name}.update`;
    checkInputCount(inputs, 2, where);
    const counts = countPositives(inputs[0], inputs[1], 'classification', where, this.#classNum);
    this.#classNum = counts.classNum;
    this.#truePositives = addCounts(this.#truePositives, counts.truePositives);
    this.#positives = addCounts(this.#positives, counts.positives);
    this.#actualPositives = addCounts(this.#actualPositives, counts.actualPositives);
  }

  /**
   * The score per class, or with `{ average: true }` their mean.
   * @example
   * f.eval({ average: true }); // 0.6666666666666666
   */
  eval(options?: AverageOptions): number | number[] {
    const name = this.constructor.name;
    const average = averageOf(options, `${name}.eval`);
    if (this.#classNum === 0) {
      throw new Error(
        `The '${name}' can not be calculated, because the number of samples is 0, please check whether your inputs(predicted value, true value) are empty, or has called update method before calling eval method.`,
      );
    }
    const b2 = this.beta ** 2;
    const result = this.#truePositives.map(
      (tp, i) => ((1 + b2) * tp) / (b2 * (this.#actualPositives[i] as number) + (this.#positives[i] as number) + EPS),
    );
    return average ? mean(result) : result;
  }
}

/**
 * The F1 score per class: {@link Fbeta} with β = 1 (MindSpore `F1`), `2·TP / (2·TP + FN + FP)`.
 * @example
 * new F1().call(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32')); // [0.667, 0.667]
 */
export class F1 extends Fbeta {
  constructor() {
    super(1);
  }
}
