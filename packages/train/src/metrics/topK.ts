/**
 * `TopKCategoricalAccuracy`, after mindspore/python/mindspore/train/metrics/topk.py (MindSpore 2.x).
 */
import { argmaxRows, checkInputCount, isOneHot, Metric, toHost } from './metric.js';

/**
 * The fraction of samples whose label is among the `k` largest logits (MindSpore
 * `TopKCategoricalAccuracy`); logits `[N, C]`, labels `[N]` or one-hot. On ties the lower class
 * index ranks first (NumPy's stable `argsort`).
 * @example
 * const top3 = new TopKCategoricalAccuracy(3);
 * top3.update(
 *   tensor([[0.2, 0.5, 0.3, 0.6, 0.2], [0.1, 0.35, 0.5, 0.2, 0], [0.9, 0.6, 0.2, 0.01, 0.3]]),
 *   tensor([2, 0, 1], 'int32'),
 * );
 * top3.eval(); // 0.6666666666666666
 */
export class TopKCategoricalAccuracy extends Metric {
  readonly k: number;
  #correct = 0;
  #samples = 0;

  constructor(k: number) {
    super();
    if (!Number.isInteger(k)) {
      throw new TypeError(`For 'TopKCategoricalAccuracy', the type of the argument 'k' should be int, but got 'k' value: ${String(k)}.`);
    }
    if (k < 1) throw new RangeError(`For 'TopKCategoricalAccuracy', the argument 'k' must be at least 1, but got 'k' value: ${k}.`);
    this.k = k;
  }

  /**
   * Resets the counts.
   * @example
   * top3.clear();
   */
  clear(): void {
    this.#correct = 0;
    this.#samples = 0;
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * top3.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    checkInputCount(inputs, 2, 'TopKCategoricalAccuracy.update');
    const yPred = toHost(inputs[0], 'TopKCategoricalAccuracy.update');
    let y = toHost(inputs[1], 'TopKCategoricalAccuracy.update');
    if (yPred.shape.length === y.shape.length && isOneHot(y))
      y = { shape: [y.shape[0] as number], values: Float64Array.from(argmaxRows(y)) };
    if (yPred.shape.length !== 2 || y.values.length !== yPred.shape[0]) {
      throw new RangeError(
        `For 'TopKCategoricalAccuracy.update', y_pred must be [N, C] and y [N], but got [${yPred.shape.join(', ')}] and [${y.shape.join(', ')}].`,
      );
    }
    const [n, c] = yPred.shape as [number, number];
    for (let i = 0; i < n; i++) {
      const label = y.values[i] as number;
      const v = yPred.values[i * c + label];
      if (v === undefined || !Number.isInteger(label) || label < 0 || label >= c) continue;
      // The label's rank under a stable descending sort: larger values, and equal ones before it.
      let rank = 0;
      for (let j = 0; j < c; j++) {
        const w = yPred.values[i * c + j] as number;
        if (w > v || (w === v && j < label)) rank++;
      }
      if (rank < this.k) this.#correct++;
    }
    this.#samples += n;
  }

  /**
   * The top-k accuracy.
   * @example
   * top3.eval(); // 0.6666666666666666
   */
  eval(): number {
    if (this.#samples === 0) {
      throw new Error(
        "The 'TopKCategoricalAccuracy' can not be calculated, because the number of samples is 0, please check whether your inputs (predicted value, true value) are empty, or has called update method before calling eval method.",
      );
    }
    return this.#correct / this.#samples;
  }
}
