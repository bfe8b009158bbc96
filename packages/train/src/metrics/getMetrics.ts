/**
 * Metrics by name, after `get_metric_fn` / `get_metrics` in mindspore/python/mindspore/train/metrics/__init__.py.
 */
import { describeType } from '@mindts/tensor';
import { Accuracy } from './accuracy.js';
import { MAE, MSE } from './error.js';
import { F1 } from './fbeta.js';
import { Loss } from './loss.js';
import { Metric } from './metric.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { TopKCategoricalAccuracy } from './topK.js';

const FACTORY: Record<string, () => Metric> = {
  accuracy: () => new Accuracy(),
  acc: () => new Accuracy(),
  precision: () => new Precision(),
  recall: () => new Recall(),
  F1: () => new F1(),
  top_1_accuracy: () => new TopKCategoricalAccuracy(1),
  top_5_accuracy: () => new TopKCategoricalAccuracy(5),
  mae: () => new MAE(),
  mse: () => new MSE(),
  loss: () => new Loss(),
};

/**
 * The names {@link getMetricFn} knows (MindSpore's metric names that mindts implements).
 * @example
 * METRIC_NAMES.includes('acc'); // true
 */
export const METRIC_NAMES: readonly string[] = Object.keys(FACTORY);

/**
 * A new metric by its MindSpore name (`'accuracy'`/`'acc'`, `'precision'`, `'recall'`, `'F1'`,
 * `'top_1_accuracy'`, `'top_5_accuracy'`, `'mae'`, `'mse'`, `'loss'`), optionally with
 * {@link Metric.setIndexes} applied (MindSpore `get_metric_fn(name, eval_index=None)`).
 * @example
 * getMetricFn('acc').call(logits, labels);
 */
export function getMetricFn(name: string, evalIndex?: number[]): Metric {
  const make = typeof name === 'string' ? FACTORY[name] : undefined;
  if (!make) throw new RangeError(`Unsupported metric '${String(name)}'; mindts knows: ${METRIC_NAMES.join(', ')}.`);
  const metric = make();
  return evalIndex === undefined ? metric : metric.setIndexes(evalIndex);
}

/**
 * What `Model` takes as `metrics`: names (a Set or an array, as MindSpore's `{'acc'}`) or a dict
 * of metric instances by name.
 * @example
 * const metrics: Metrics = { accuracy: new Accuracy(), top3: new TopKCategoricalAccuracy(3) };
 */
export type Metrics = ReadonlySet<string> | readonly string[] | Readonly<Record<string, Metric>>;

/**
 * The metrics of `metrics` by name (MindSpore `get_metrics`): names become new metrics, a dict's
 * values must be {@link Metric}s.
 * @example
 * getMetrics(new Set(['acc', 'loss'])); // { acc: Accuracy, loss: Loss }
 */
export function getMetrics(metrics: Metrics | null | undefined): Record<string, Metric> {
  if (metrics === null || metrics === undefined) return {};
  if (metrics instanceof Set || Array.isArray(metrics)) {
    return Object.fromEntries([...(metrics as Iterable<string>)].map((name) => [name, getMetricFn(name)]));
  }
  if (typeof metrics === 'object') {
    for (const [name, m] of Object.entries(metrics)) {
      if (!(m instanceof Metric)) throw new TypeError(`For 'Model', metrics['${name}'] must be a Metric, but got ${describeType(m)}.`);
    }
    return { ...(metrics as Record<string, Metric>) };
  }
  throw new TypeError(
    `For 'Model', the argument 'metrics' should be a Set, an array of names or a dict, but got ${describeType(metrics)}.`,
  );
}
