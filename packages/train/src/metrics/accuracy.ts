/**
 * `Accuracy`, after mindspore/python/mindspore/train/metrics/accuracy.py (MindSpore 2.x).
 */
import { argmaxRows, checkEvalType, checkInputCount, type EvalType, evaluationInputs, Metric } from './metric.js';

/**
 * The fraction of samples predicted right (MindSpore `Accuracy`). For `'classification'`
 * (default), a sample is right when the argmax of its logits `[N, C]` is its label (`[N]`, or
 * one-hot `[N, C]`); for `'multilabel'`, when its 0/1 predictions equal its labels in every class.
 * @example
 * const acc = new Accuracy();
 * acc.update(tensor([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]), tensor([1, 0, 1], 'int32'));
 * acc.eval(); // 0.6666666666666666
 */
export class Accuracy extends Metric {
  readonly evalType: EvalType;
  #correct = 0;
  #total = 0;
  #classNum = 0;

  constructor(evalType: EvalType = 'classification') {
    super();
    this.evalType = checkEvalType(evalType);
  }

  /**
   * Resets the counts.
   * @example
   * acc.clear();
   */
  clear(): void {
    this.#correct = 0;
    this.#total = 0;
    this.#classNum = 0;
  }

  /**
   * Adds a batch: `yPred` logits (or 0/1 predictions) and `y` labels.
   * @example
   * acc.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    checkInputCount(inputs, 2, 'Accuracy.update');
    const { yPred, y } = evaluationInputs(inputs[0], inputs[1], this.evalType, 'Accuracy.update');
    const [n, c] = yPred.shape as [number, number];
    if (this.#classNum !== 0 && c !== this.#classNum) {
      throw new RangeError(
        `For 'Accuracy.update', class number not match, last input predicted data contain ${this.#classNum} classes, but current predicted data contain ${c} classes, please check your predicted value(inputs[0]).`,
      );
    }
    this.#classNum = c;
    let correct = 0;
    if (this.evalType === 'classification') {
      const indices = argmaxRows(yPred);
      for (let i = 0; i < n; i++) if (indices[i] === y.values[i]) correct++;
    } else {
      for (let i = 0; i < n; i++) {
        let same = true;
        for (let j = 0; j < c && same; j++) same = yPred.values[i * c + j] === y.values[i * c + j];
        if (same) correct++;
      }
    }
    this.#correct += correct;
    this.#total += n;
  }

  /**
   * `correct / total`.
   * @example
   * acc.eval(); // 0.9
   */
  eval(): number {
    if (this.#total === 0) {
      throw new Error(
        "The 'Accuracy' can not be calculated, because the number of samples is 0, please check whether your inputs(predicted value, true value) are empty, or has called update method before calling eval method.",
      );
    }
    return this.#correct / this.#total;
  }
}
