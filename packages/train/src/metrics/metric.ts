/**
 * The base of the metrics, after `Metric` and `EvaluationBase` in
 * mindspore/python/mindspore/train/metrics/metric.py (MindSpore 2.x): `clear()` resets the
 * accumulated state, `update(...inputs)` adds a batch, `eval()` computes the result. Inputs are
 * read to the host (as MindSpore's `asnumpy()`), so a metric holds numbers, never Tensors.
 */
import { describeType, Tensor } from '@mindts/tensor';

/**
 * What a metric returns: a number, or per class a list (`Precision`, `Recall`, `F1` without
 * `average`), or a matrix (`ConfusionMatrix`).
 * @example
 * const acc: MetricValue = new Accuracy().call(logits, labels); // 0.75
 */
export type MetricValue = number | number[] | number[][];

/**
 * What `update` takes: a Tensor, or a (nested) array of numbers, as MindSpore takes a Tensor, a
 * list or a NumPy array.
 * @example
 * metric.update(tensor([[0.2, 0.8]]), [1]);
 */
export type MetricInput = Tensor | number | readonly unknown[];

/** A metric input read to the host: its shape and its values in row-major order. */
export interface HostArray {
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/** Reads a Tensor or nested array to the host (MindSpore's `_convert_data`). */
export function toHost(data: unknown, where: string): HostArray {
  if (data instanceof Tensor) return { shape: [...data.shape], values: Float64Array.from(data.dataSync() as ArrayLike<number>) };
  if (typeof data === 'number') return { shape: [], values: Float64Array.of(data) };
  if (Array.isArray(data)) {
    const shape: number[] = [];
    for (let level: unknown = data; Array.isArray(level); level = level[0]) shape.push(level.length);
    const flat = (data as unknown[]).flat(Number.POSITIVE_INFINITY) as unknown[];
    const size = shape.reduce((a, b) => a * b, 1);
    if (flat.length !== size || !flat.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
      throw new TypeError(`For '${where}', an array input must be a rectangular nested array of numbers.`);
    }
    return { shape, values: Float64Array.from(flat as number[]) };
  }
  throw new TypeError(
    `For 'Metric' and its derived classes, the input data type must be Tensor or an array, but got ${describeType(data)} (in '${where}').`,
  );
}

/** The index of the largest value of each row of `[n, c]` (the first one on ties, as NumPy). */
export function argmaxRows(x: HostArray): Int32Array {
  const n = x.shape[0] ?? 0;
  const c = x.shape[1] ?? 1;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if ((x.values[i * c + j] as number) > (x.values[i * c + best] as number)) best = j;
    out[i] = best;
  }
  return out;
}

/** Whether `y` is one-hot along axis 1 (MindSpore's `_check_onehot_data`), for `[n, c]` data. */
export function isOneHot(y: HostArray): boolean {
  if (y.shape.length !== 2) return false;
  const [n, c] = y.shape as [number, number];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < c; j++) {
      const v = y.values[i * c + j] as number;
      if (v !== 0 && v !== 1) return false;
      sum += v;
    }
    if (sum !== 1) return false;
  }
  return true;
}

/**
 * The base class of metrics (MindSpore `mindspore.train.Metric`). Subclasses implement
 * {@link clear}, {@link update} and {@link eval}; `update` accumulates a batch, `eval` computes
 * the result over every batch since the last `clear`. {@link setIndexes} picks which of the
 * inputs `update` uses, as MindSpore's `set_indexes` with `@rearrange_inputs`.
 * @example
 * class MyMAE extends Metric {
 *   #sum = 0; #n = 0;
 *   clear() { this.#sum = 0; this.#n = 0; }
 *   update(yPred: Tensor, y: Tensor) {
 *     const d = ops.abs(ops.sub(yPred, y));
 *     this.#sum += d.sum().item(); this.#n += y.shape[0]!;
 *   }
 *   eval() { return this.#sum / this.#n; }
 * }
 */
export abstract class Metric {
  #indexes: number[] | null = null;

  /**
   * The order `update` takes its inputs in (null: as given).
   * @example
   * new Accuracy().setIndexes([1, 2]).indexes; // [1, 2]
   */
  get indexes(): number[] | null {
    return this.#indexes;
  }

  /**
   * Makes `updateWith(a, b, c)` call `update` with the inputs at `indexes`: with `[2, 1]`,
   * `update(c, b)`. Returns the metric.
   * @example
   * const acc = new Accuracy().setIndexes([1, 2]); // (loss, logits, labels) → (logits, labels)
   */
  setIndexes(indexes: number[]): this {
    if (!Array.isArray(indexes) || !indexes.every((i) => Number.isInteger(i))) {
      throw new TypeError(
        "For 'set_indexes', the argument 'indexes' must be a list and all its elements must be int, please check whether it is correct.",
      );
    }
    this.#indexes = [...indexes];
    return this;
  }

  /**
   * `update` after rearranging `inputs` by {@link indexes}: what `Model.eval` calls.
   * @example
   * metric.updateWith(loss, logits, labels);
   */
  updateWith(...inputs: unknown[]): void {
    const picked = this.#indexes ? this.#indexes.map((i) => inputs[i]) : inputs;
    (this.update as (...a: unknown[]) => void)(...picked);
  }

  /**
   * Evaluates one batch alone: `clear()`, `update(...inputs)`, `eval()` (MindSpore `metric(*inputs)`).
   * @example
   * new Accuracy().call(tensor([[0.2, 0.8]]), tensor([1], 'int32')); // 1
   */
  call(...inputs: unknown[]): MetricValue {
    this.clear();
    this.updateWith(...inputs);
    return this.eval();
  }

  /**
   * Resets the accumulated state.
   * @example
   * metric.clear();
   */
  abstract clear(): void;

  /**
   * Adds a batch, usually `(yPred, y)`.
   * @example
   * metric.update(logits, labels);
   */
  abstract update(...inputs: never[]): void;

  /**
   * The result over every batch since the last `clear`.
   * @example
   * metric.eval(); // 0.9
   */
  abstract eval(): MetricValue;
}

/**
 * MindSpore's evaluation types: `'classification'` (one label per sample, logits `[N, C]`) and
 * `'multilabel'` (0/1 predictions and labels, both `[N, C]`).
 * @example
 * new Accuracy('multilabel');
 */
export type EvalType = 'classification' | 'multilabel';

/** Checks `evalType` (MindSpore's `EvaluationBase`). */
export function checkEvalType(evalType: unknown): EvalType {
  if (evalType !== 'classification' && evalType !== 'multilabel') {
    throw new TypeError(`The argument 'evalType' must be in {'classification', 'multilabel'}, but got ${String(evalType)}.`);
  }
  return evalType;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The inputs of an `EvaluationBase` metric, read and checked as MindSpore does: a one-hot `y`
 * becomes class indices for 'classification'; shapes must be `[N, C]` / `[N]` (classification)
 * or equal (multilabel, all values 0 or 1).
 */
export function evaluationInputs(yPredIn: unknown, yIn: unknown, type: EvalType, where: string): { yPred: HostArray; y: HostArray } {
  const yPred = toHost(yPredIn, where);
  let y = toHost(yIn, where);
  if (type === 'classification' && yPred.shape.length === y.shape.length && isOneHot(y)) {
    y = { shape: [y.shape[0] as number], values: Float64Array.from(argmaxRows(y)) };
  }
  if (type === 'classification') {
    if (yPred.shape.length !== 2 || y.shape.length !== 1) {
      throw new RangeError(
        `In classification case, the dimension of y_pred (predicted value) should equal to the dimension of y (true value) add 1 (mindts takes y_pred [N, C] and y [N]), but got y_pred shape [${yPred.shape.join(', ')}] and y shape [${y.shape.join(', ')}] (in '${where}').`,
      );
    }
    if (y.shape[0] !== yPred.shape[0]) {
      throw new RangeError(
        `In classification case, y_pred (predicted value) shape and y (true value) shape can not match: y_pred [${yPred.shape.join(', ')}], y [${y.shape.join(', ')}] (in '${where}').`,
      );
    }
  } else {
    if (yPred.shape.length !== 2 || !sameShape(yPred.shape, y.shape)) {
      throw new RangeError(
        `In multilabel case, y_pred (predicted value) and y (true value) must both be [N, C] of one shape, but got y_pred [${yPred.shape.join(', ')}] and y [${y.shape.join(', ')}] (in '${where}').`,
      );
    }
    const binary = (v: number) => v === 0 || v === 1;
    if (!yPred.values.every(binary) || !y.values.every(binary)) {
      throw new RangeError(
        `In multilabel case, all elements in y_pred (predicted value) and y (true value) should be 0 or 1 (in '${where}').`,
      );
    }
  }
  return { yPred, y };
}

/** Checks that `update` got `count` inputs. */
export function checkInputCount(inputs: readonly unknown[], count: number, where: string): void {
  if (inputs.length !== count) {
    const what = count === 1 ? '1 input (loss)' : '2 inputs (predicted value, true value)';
    throw new RangeError(`For '${where}', it needs ${what}, but got ${inputs.length}.`);
  }
}
