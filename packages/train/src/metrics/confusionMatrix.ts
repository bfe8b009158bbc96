/**
 * `ConfusionMatrix`, after mindspore/python/mindspore/train/metrics/confusion_matrix.py (MindSpore 2.x).
 */
import { checkOptions, type OptionKeys, Tensor } from '@mindts/tensor';
import { checkInputCount, type HostArray, Metric, toHost } from './metric.js';

/**
 * Options of {@link ConfusionMatrix}.
 * @example
 * new ConfusionMatrix(3, { normalize: 'target', threshold: 0.5 });
 */
export interface ConfusionMatrixOptions {
  /**
   * `'no_norm'` (default): counts; `'target'`: each row (true class) sums to 1; `'prediction'`:
   * each column sums to 1; `'all'`: the matrix sums to 1. An empty row or column gives zeros.
   */
  normalize?: 'no_norm' | 'target' | 'prediction' | 'all';
  /** Float predictions of the labels' shape are `>= threshold` → 1, else 0 (default 0.5). */
  threshold?: number;
}

const CONFUSION_KEYS: OptionKeys<ConfusionMatrixOptions> = { normalize: true, threshold: true };
const NORMALIZE = ['target', 'prediction', 'all', 'no_norm'];

/** The argmax over axis 1 of `[N, C, ...]`, as `[N, ...]`. */
function argmaxAxis1(x: HostArray): Float64Array {
  const [n, c] = x.shape as [number, number];
  const inner = x.shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float64Array(n * inner);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inner; k++) {
      let best = 0;
      for (let j = 1; j < c; j++)
        if ((x.values[(i * c + j) * inner + k] as number) > (x.values[(i * c + best) * inner + k] as number)) best = j;
      out[i * inner + k] = best;
    }
  }
  return out;
}

/**
 * The confusion matrix `[numClasses, numClasses]` (MindSpore `ConfusionMatrix`): row = true
 * class, column = predicted class. `yPred` is `[N, C, ...]` (its argmax over axis 1 is taken) or
 * of `y`'s shape (class indices; float Tensors are thresholded).
 * @example
 * const cm = new ConfusionMatrix(2);
 * cm.update(tensor([1, 0, 1, 0], 'int32'), tensor([1, 0, 0, 1], 'int32'));
 * cm.eval(); // [[1, 1], [1, 1]]
 */
export class ConfusionMatrix extends Metric {
  readonly numClasses: number;
  readonly normalize: NonNullable<ConfusionMatrixOptions['normalize']>;
  readonly threshold: number;
  #matrix: number[][] = [];
  #updated = false;

  constructor(numClasses: number, options?: ConfusionMatrixOptions) {
    super();
    const { normalize = 'no_norm', threshold = 0.5 } = checkOptions<ConfusionMatrixOptions>(options, 'ConfusionMatrix', CONFUSION_KEYS);
    if (!Number.isInteger(numClasses) || numClasses < 1) {
      throw new TypeError(`For 'ConfusionMatrix', the argument 'numClasses' must be a positive int, but got ${String(numClasses)}.`);
    }
    if (!NORMALIZE.includes(normalize)) {
      throw new RangeError(
        `For 'ConfusionMatrix', the argument 'normalize' must be in ['all', 'prediction', 'target', 'no_norm'], but got ${String(normalize)}.`,
      );
    }
    if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
      throw new TypeError(`For 'ConfusionMatrix', the argument 'threshold' must be a float, but got ${String(threshold)}.`);
    }
    this.numClasses = numClasses;
    this.normalize = normalize;
    this.threshold = threshold;
    this.clear();
  }

  /**
   * Resets the matrix to zeros.
   * @example
   * cm.clear();
   */
  clear(): void {
    this.#matrix = Array.from({ length: this.numClasses }, () => new Array<number>(this.numClasses).fill(0));
    this.#updated = false;
  }

  /**
   * Adds a batch `(yPred, y)`.
   * @example
   * cm.update(logits, labels);
   */
  update(...inputs: unknown[]): void {
    checkInputCount(inputs, 2, 'ConfusionMatrix.update');
    const yPredHost = toHost(inputs[0], 'ConfusionMatrix.update');
    const y = toHost(inputs[1], 'ConfusionMatrix.update');
    const dp = yPredHost.shape.length;
    const dy = y.shape.length;
    if (dp !== dy && dp !== dy + 1) {
      throw new RangeError(
        `For 'ConfusionMatrix.update', predicted value (input[0]) and true value (input[1]) should have same dimensions, or the dimension of predicted value equals the dimension of true value add 1, but got predicted value ndim: ${dp}, true value ndim: ${dy}.`,
      );
    }
    let pred = dp === dy + 1 ? argmaxAxis1(yPredHost) : yPredHost.values;
    const isFloat = inputs[0] instanceof Tensor ? inputs[0].dtype.startsWith('float') : !yPredHost.values.every(Number.isInteger);
    if (dp === dy && isFloat) pred = pred.map((v) => (v >= this.threshold ? 1 : 0));
    if (pred.length !== y.values.length) {
      throw new RangeError(
        `For 'ConfusionMatrix.update', predicted value and true value hold ${pred.length} and ${y.values.length} samples.`,
      );
    }
    const k = this.numClasses;
    const inRange = (v: number) => Number.isInteger(v) && v >= 0 && v < k;
    pred.forEach((p, i) => {
      const t = y.values[i] as number;
      if (!inRange(t) || !inRange(p)) {
        throw new RangeError(
          `For 'ConfusionMatrix.update', classes must be integers in [0, ${k}), but got label ${t} and prediction ${p}.`,
        );
      }
    });
    pred.forEach((p, i) => {
      const row = this.#matrix[y.values[i] as number] as number[];
      row[p] = (row[p] as number) + 1;
    });
    this.#updated = true;
  }

  /**
   * The matrix, normalized as asked.
   * @example
   * cm.eval(); // [[1, 1], [1, 1]]
   */
  eval(): number[][] {
    if (!this.#updated) throw new Error("Please call the 'update' method before calling 'eval' method.");
    const m = this.#matrix.map((row) => [...row]);
    const k = this.numClasses;
    const div = (v: number, d: number) => (d === 0 ? 0 : v / d);
    if (this.normalize === 'target')
      return m.map((row) =>
        row.map((v) =>
          div(
            v,
            row.reduce((s, x) => s + x, 0),
          ),
        ),
      );
    if (this.normalize === 'prediction') {
      const cols = Array.from({ length: k }, (_, j) => m.reduce((s, row) => s + (row[j] as number), 0));
      return m.map((row) => row.map((v, j) => div(v, cols[j] as number)));
    }
    if (this.normalize === 'all') {
      const total = m.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
      return m.map((row) => row.map((v) => div(v, total)));
    }
    return m;
  }
}
