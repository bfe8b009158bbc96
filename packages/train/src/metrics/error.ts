/**
 * `MAE` and `MSE`, after mindspore/python/mindspore/train/metrics/error.py (MindSpore 2.x).
 */
import { checkInputCount, Metric, toHost } from './metric.js';

/** Sums `f(yPred - y)` over every element; returns it and `y`'s first dimension (the samples). */
function errorSum(inputs: unknown[], where: string, f: (d: number) => number): [number, number] {
  checkInputCount(inputs, 2, where);
  const yPred = toHost(inputs[0], where);
  const y = toHost(inputs[1], where);
  if (y.values.length !== yPred.values.length) {
    throw new RangeError(
      `For '${where}', y (true value) [${y.shape.join(', ')}] can not be reshaped to y_pred's (predicted value) shape [${yPred.shape.join(', ')}].`,
    );
  }
  let sum = 0;
  for (let i = 0; i < y.values.length; i++) sum += f((y.values[i] as number) - (yPred.values[i] as number));
  return [sum, y.shape[0] ?? 1];
}

function emptyError(name: string): Error {
  return new Error(
    `The '${name}' can not be calculated, because the number of samples is 0, please check whether your inputs(predicted value, true value) are empty, or has called update method before calling eval method.`,
  );
}

/**
 * Mean absolute error (MindSpore `MAE`): the sum of `|yPred − y|` over every element, divided by
 * the number of samples (the first dimension), as MindSpore divides.
 * @example
 * const mae = new MAE();
 * mae.update(tensor([0.1, 0.2, 0.6, 0.9]), tensor([0.1, 0.25, 0.7, 0.9]));
 * mae.eval(); // ≈ 0.0375
 */
export class MAE extends Metric {
  #sum = 0;
  #samples = 0;

  /**
   * Resets the sums.
   * @example
   * mae.clear();
   */
  clear(): void {
    this.#sum = 0;
    this.#samples = 0;
  }

  /**
   * Adds a batch `(yPred, y)` of one size (`y` is reshaped to `yPred`'s shape).
   * @example
   * mae.update(prediction, target);
   */
  update(...inputs: unknown[]): void {
    const [sum, n] = errorSum(inputs, 'MAE.update', Math.abs);
    this.#sum += sum;
    this.#samples += n;
  }

  /**
   * The mean absolute error.
   * @example
   * mae.eval(); // 0.0375
   */
  eval(): number {
    if (this.#samples === 0) throw emptyError('MAE');
    return this.#sum / this.#samples;
  }
}

/**
 * Mean squared error (MindSpore `MSE`): the sum of `(yPred − y)²` over every element, divided by
 * the number of samples (the first dimension).
 * @example
 * const mse = new MSE();
 * mse.update(tensor([0.1, 0.2, 0.6, 0.9]), tensor([0.1, 0.25, 0.5, 0.9]));
 * mse.eval(); // ≈ 0.003125
 */
export class MSE extends Metric {
  #sum = 0;
  #samples = 0;

  /**
   * Resets the sums.
   * @example
   * mse.clear();
   */
  clear(): void {
    this.#sum = 0;
    this.#samples = 0;
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * mse.update(prediction, target);
   */
  update(...inputs: unknown[]): void {
    const [sum, n] = errorSum(inputs, 'MSE.update', (d) => d * d);
    this.#sum += sum;
    this.#samples += n;
  }

  /**
   * The mean squared error.
   * @example
   * mse.eval(); // 0.003125
   */
  eval(): number {
    if (this.#samples === 0) throw emptyError('MSE');
    return this.#sum / this.#samples;
  }
}
