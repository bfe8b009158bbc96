/**
 * `Loss`, after mindspore/python/mindspore/train/metrics/loss.py (MindSpore 2.x).
 */
import { checkInputCount, Metric, toHost } from './metric.js';

/**
 * The mean of the losses it is given (MindSpore `Loss`): each `update(loss)` adds the mean of a
 * scalar or 1-D loss; `eval()` is the mean over the updates.
 * @example
 * const loss = new Loss();
 * loss.update(tensor(0.2, 'float32'));
 * loss.update(tensor([0.4, 0.6], 'float32'));
 * loss.eval(); // 0.35 (within float32 rounding)
 */
export class Loss extends Metric {
  #sum = 0;
  #count = 0;

  /**
   * Resets the sum.
   * @example
   * loss.clear();
   */
  clear(): void {
    this.#sum = 0;
    this.#count = 0;
  }

  /**
   * Adds one loss: a number, a scalar or a 1-D Tensor (its mean).
   * @example
   * loss.update(lossTensor);
   */
  update(...inputs: unknown[]): void {
    checkInputCount(inputs, 1, 'Loss.update');
    const loss = toHost(inputs[0], 'Loss.update');
    if (loss.shape.length > 1) {
      throw new RangeError(`For 'Loss.update', the dimension of your input (loss) must be 1, but got ${loss.shape.length}.`);
    }
    if (loss.values.length === 0) throw new RangeError("For 'Loss.update', the loss is empty.");
    this.#sum += loss.values.reduce((s, v) => s + v, 0) / loss.values.length;
    this.#count += 1;
  }

  /**
   * The average loss.
   * @example
   * loss.eval(); // 0.35
   */
  eval(): number {
    if (this.#count === 0) {
      throw new Error(
        "The 'Loss' can not be calculated, because the number of samples is 0, please check whether has called update method before calling eval method.",
      );
    }
    return this.#sum / this.#count;
  }
}
