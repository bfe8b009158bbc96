/**
 * `OneHot`: MindSpore's `transforms.OneHot`.
 */
import { isInt } from '@mindts/tensor';
import { emptyHost, type HostArray } from '../hostArray.js';
import { TensorOperation } from './tensorOperation.js';

/**
 * A label (or a 1-D array of labels) as one-hot rows of `numClasses` values (MindSpore's
 * `transforms.OneHot(num_classes, smoothing_rate=0.0)`): a scalar gives `[numClasses]`, `[n]`
 * gives `[n, numClasses]`. The dtype is the label's; with a `smoothingRate` the rows are float32,
 * `1 - rate + rate / numClasses` at the label and `rate / numClasses` elsewhere.
 * @example
 * dataset.map(new transforms.OneHot(10), 'label'); // 3 → [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
 */
export class OneHot extends TensorOperation {
  /** The number of classes, the length of each row. */
  readonly numClasses: number;
  /** Label smoothing in [0, 1] (default 0). */
  readonly smoothingRate: number;

  constructor(numClasses: number, smoothingRate = 0) {
    super();
    if (!Number.isInteger(numClasses) || numClasses < 1) {
      throw new RangeError(`OneHot: numClasses must be a positive integer, but got ${String(numClasses)}.`);
    }
    if (typeof smoothingRate !== 'number' || !(smoothingRate >= 0 && smoothingRate <= 1)) {
      throw new RangeError(`OneHot: smoothingRate must be a number in [0, 1], but got ${String(smoothingRate)}.`);
    }
    this.numClasses = numClasses;
    this.smoothingRate = smoothingRate;
  }

  protected apply(input: HostArray): HostArray {
    if (!isInt(input.dtype) || input.shape.length > 1) {
      throw new TypeError(`OneHot: the label must be an integer scalar or 1-D array, but got ${input.dtype} [${input.shape.join(', ')}].`);
    }
    const n = this.numClasses;
    const off = this.smoothingRate / n;
    const on = 1 - this.smoothingRate + off;
    const out = emptyHost(this.smoothingRate > 0 ? 'float32' : input.dtype, [...input.shape, n]);
    input.data.forEach((label, i) => {
      if (label < 0 || label >= n) throw new RangeError(`OneHot: label ${label} is outside [0, ${n}) for numClasses ${n}.`);
      if (off > 0) out.data.fill(off, i * n, (i + 1) * n);
      out.data[i * n + label] = on;
    });
    return out;
  }
}
