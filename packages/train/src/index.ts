/**
 * `@mindts/train`: MindSpore's `mindspore.train` — the high-level {@link Model} (`train`, `eval`,
 * `predict`, `fit`; loss scaling with `FixedLossScaleManager` / `DynamicLossScaleManager`), the callbacks (`LossMonitor`, `TimeMonitor`, `ModelCheckpoint`,
 * `EarlyStopping`, `ReduceLROnPlateau`, `History`) and the metrics (`Accuracy`, `Precision`,
 * `Recall`, `F1`, `Loss`, `MAE`, `MSE`, `TopKCategoricalAccuracy`, `ConfusionMatrix`).
 * @example
 * import { Accuracy, LossMonitor, Model } from '@mindts/train';
 * const model = new Model(net, { lossFn, optimizer, metrics: { accuracy: new Accuracy() } });
 * await model.train(2, data, { callbacks: [new LossMonitor(10)] });
 * @module @mindts/train
 */
export { Callback, type HookResult } from './callback/callback.js';
export { type AppendInfo, CheckpointConfig, type CheckpointConfigOptions } from './callback/checkpointConfig.js';
export { EarlyStopping, type EarlyStoppingOptions } from './callback/earlyStopping.js';
export { History } from './callback/history.js';
export { LossMonitor } from './callback/lossMonitor.js';
export { ModelCheckpoint } from './callback/modelCheckpoint.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './callback/reduceLROnPlateau.js';
export { type CallbackParams, RunContext } from './callback/runContext.js';
export { TimeMonitor } from './callback/timeMonitor.js';
export { Accuracy } from './metrics/accuracy.js';
export type { AverageOptions } from './metrics/averageOptions.js';
export { ConfusionMatrix, type ConfusionMatrixOptions } from './metrics/confusionMatrix.js';
export { MAE, MSE } from './metrics/error.js';
export { F1, Fbeta } from './metrics/fbeta.js';
export { getMetricFn, getMetrics, METRIC_NAMES, type Metrics } from './metrics/getMetrics.js';
export { Loss } from './metrics/loss.js';
export { type EvalType, Metric, type MetricInput, type MetricValue } from './metrics/metric.js';
export { Precision } from './metrics/precision.js';
export { Recall } from './metrics/recall.js';
export { TopKCategoricalAccuracy } from './metrics/topK.js';
export type { Dataset, DatasetElement } from './model/dataset.js';
export { DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager } from './model/lossScaleManagers.js';
export { Model } from './model/model.js';
export type { EvalOptions, FitOptions, ModelOptions, TrainOptions } from './model/modelOptions.js';
