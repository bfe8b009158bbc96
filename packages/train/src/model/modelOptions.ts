/**
 * The options of `Model` and of its `train`, `eval` and `fit`, and their checks.
 */
import type { amp, Cell, nn } from '@mindts/cell';
import { describeType, type OptionKeys } from '@mindts/tensor';
import type { Callback } from '../callback/callback.js';
import type { Metrics } from '../metrics/getMetrics.js';

/**
 * Options of {@link Model} (MindSpore's keyword arguments in camelCase).
 * @example
 * new Model(net, { lossFn: new nn.CrossEntropyLoss(), optimizer: opt, metrics: new Set(['accuracy']) });
 */
export interface ModelOptions {
  /** The loss: `lossFn.call(network.call(...data), label)`. Without it, the network returns the loss. */
  lossFn?: Cell | null;
  /** The optimizer; without it, the network updates its weights itself (e.g. `nn.TrainOneStepCell`). */
  optimizer?: nn.Optimizer | null;
  /** Names (`new Set(['acc'])`) or a dict of {@link Metric}s, for `eval` and `fit`. */
  metrics?: Metrics | null;
  /** The network to evaluate; default the network and the loss function (MindSpore's `WithEvalCell`). */
  evalNetwork?: Cell | null;
  /** With `evalNetwork`: the positions of the loss, the prediction and the label in its outputs. */
  evalIndexes?: readonly [number, number, number] | null;
  /**
   * Mixed precision (default `'O0'`, none): the network is converted with
   * `amp.autoMixedPrecision(network, ampLevel)` when the Model is made (`'O1'`, `'O2'`, `'O3'`).
   * MindSpore's `'auto'` (O2 on GPU, O3 on Ascend) is refused: mindts has no device target. O2
   * trains with a dynamic loss scale (`amp.DynamicLossScaleManager()`) unless `lossScaleManager`
   * says otherwise, as in MindSpore.
   */
  ampLevel?: 'O0' | 'O1' | 'O2' | 'O3' | 'auto';
  /**
   * The loss scale of the training step (MindSpore's `loss_scale_manager`; needs `optimizer`):
   * `amp.DynamicLossScaleManager` or `amp.FixedLossScaleManager`; null for none. Default: a
   * `DynamicLossScaleManager()` at O2, none otherwise. A step whose gradients overflow is then
   * skipped, and the step's outputs are `[loss, overflow, scale]`.
   */
  lossScaleManager?: amp.LossScaleManager | null;
  /** At O2/O3, keep BatchNorm and LayerNorm in float32 (default: true at O2, false at O3). */
  keepBatchnormFp32?: boolean;
}

/**
 * Options of {@link Model.train}.
 * @example
 * await model.train(2, data, { callbacks: [new LossMonitor()], datasetSinkMode: false });
 */
export interface TrainOptions {
  /** A callback or a list of them, called in order. */
  callbacks?: Callback | readonly Callback[] | null;
  /** Must be false (the default): mindts has no device data channel. */
  datasetSinkMode?: boolean;
  /** The epoch to start from: epochs `initialEpoch + 1` … `epoch` run (default 0). */
  initialEpoch?: number;
}

/**
 * Options of {@link Model.eval}.
 * @example
 * await model.eval(testData, { callbacks: [history] });
 */
export interface EvalOptions {
  /** A callback or a list of them; their `onEval*` hooks are called. */
  callbacks?: Callback | readonly Callback[] | null;
  /** Must be false (the default). */
  datasetSinkMode?: boolean;
}

/**
 * Options of {@link Model.fit}.
 * @example
 * await model.fit(10, train, valid, { validFrequency: 2, callbacks: [new EarlyStopping({ monitor: 'acc' })] });
 */
export interface FitOptions {
  /** Evaluate every this many epochs, or at these epoch numbers (default 1). */
  validFrequency?: number | readonly number[];
  callbacks?: Callback | readonly Callback[] | null;
  /** Must be false (the default). */
  trainDatasetSinkMode?: boolean;
  /** Must be false (the default). */
  validDatasetSinkMode?: boolean;
  /** The epoch to start from (default 0). */
  initialEpoch?: number;
}

export const MODEL_KEYS: OptionKeys<ModelOptions> = {
  lossFn: true,
  optimizer: true,
  metrics: true,
  evalNetwork: true,
  evalIndexes: true,
  ampLevel: true,
  lossScaleManager: true,
  keepBatchnormFp32: true,
};
export const TRAIN_KEYS: OptionKeys<TrainOptions> = { callbacks: true, datasetSinkMode: true, initialEpoch: true };
export const EVAL_KEYS: OptionKeys<EvalOptions> = { callbacks: true, datasetSinkMode: true };
export const FIT_KEYS: OptionKeys<FitOptions> = {
  validFrequency: true,
  callbacks: true,
  trainDatasetSinkMode: true,
  validDatasetSinkMode: true,
  initialEpoch: true,
};

/** Refuses a dataset sink mode. */
export function checkSink(value: unknown, name: string, where: string): void {
  if (value === undefined || value === false) return;
  if (value === true) {
    throw new RangeError(
      `For '${where}', '${name}: true' is not supported: mindts has no dataset sink mode (no device data channel); pass false (the default).`,
    );
  }
  throw new TypeError(`For '${where}', '${name}' must be a bool, but got ${describeType(value)}.`);
}

/** Checks `epoch` and `initialEpoch`; returns them. */
export function checkEpochs(epoch: unknown, initialEpoch: unknown, where: string): [number, number] {
  if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 1) {
    throw new RangeError(`For '${where}', the argument 'epoch' must be a positive int, but got ${String(epoch)}.`);
  }
  const start = initialEpoch ?? 0;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0 || start >= epoch) {
    throw new RangeError(`For '${where}', 'initialEpoch' must be an int in [0, epoch), but got ${String(initialEpoch)}.`);
  }
  return [epoch, start];
}
