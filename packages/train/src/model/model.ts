/**
 * `Model`, after mindspore/python/mindspore/train/model.py (MindSpore 2.x): the high-level API
 * that trains, evaluates and predicts with a network, a loss function, an optimizer and metrics.
 * The training step is MindSpore 2.x's functional one: `ops.valueAndGrad` over the optimizer's
 * parameters, then `optimizer.call(grads)`. No dataset sink mode. `ampLevel` converts the network
 * with `amp.autoMixedPrecision` (its outputs stay float32, so the loss is computed in float32); a
 * loss scale (O2's default dynamic one, or `lossScaleManager`) makes the step MindSpore's
 * `nn.TrainOneStepWithLossScaleCell`, as `amp.build_train_network` does.
 */
import { amp, Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { checkArity, checkOptions, describeType, type Tensor } from '@mindts/tensor';
import { type Callback, callbackList, runHook } from '../callback/callback.js';
import { type CallbackParams, RunContext } from '../callback/runContext.js';
import { getMetrics } from '../metrics/getMetrics.js';
import { Loss } from '../metrics/loss.js';
import type { Metric, MetricValue } from '../metrics/metric.js';
import { columnsOf, type Dataset, datasetSize, epochBatches, isOneShot } from './dataset.js';
import { evalStep, release } from './evalStep.js';
import {
  checkEpochs,
  checkSink,
  EVAL_KEYS,
  type EvalOptions,
  FIT_KEYS,
  type FitOptions,
  MODEL_KEYS,
  type ModelOptions,
  TRAIN_KEYS,
  type TrainOptions,
} from './modelOptions.js';

/** One training run's state: the shared parameters, its context and the step function. */
interface Run {
  readonly params: CallbackParams;
  readonly ctx: RunContext;
  readonly callbacks: Callback[];
}

/**
 * MindSpore's `Model`: groups a network with its loss function, optimizer and metrics, and runs
 * `train`, `eval`, `predict` and `fit` with callbacks. A dataset is any {@link Dataset}: MindSpore's
 * `createTupleIterator()`, a function making an iterable per epoch, or an iterable of
 * `[data, label]` / `{ images, labels }` batches. Training needs no `tidy`: the step's gradients are
 * freed by the optimizer and its loss at the next step, so memory stays flat across epochs.
 * @example
 * const net = new nn.SequentialCell([new nn.Dense(784, 64, { activation: 'relu' }), new nn.Dense(64, 10)]);
 * const model = new Model(net, {
 *   lossFn: new nn.CrossEntropyLoss(),
 *   optimizer: new nn.Adam(net.trainableParams(), { learningRate: 1e-3 }),
 *   metrics: new Set(['accuracy']),
 * });
 * await model.train(2, (epoch) => batches(images, labels, 32, { shuffle: true, seed: epoch }), { callbacks: [new LossMonitor(10)] });
 * await model.eval(batches(testImages, testLabels, 100)); // { accuracy: 0.91 }
 */
export class Model {
  readonly network: Cell;
  readonly lossFn: Cell | null;
  readonly optimizer: nn.Optimizer | null;
  readonly evalNetwork: Cell | null;
  readonly evalIndexes: readonly [number, number, number] | null;
  /** The metrics by name (MindSpore `_metric_fns`). */
  readonly metricFns: Readonly<Record<string, Metric>>;
  /** The loss scale of the training step (MindSpore `_loss_scale_manager`), or null for none. */
  readonly lossScaleManager: amp.LossScaleManager | null;
  /** The loss-scaled training Cell (MindSpore `train_network`), made once; null without a loss scale. */
  readonly #scaledStep: nn.TrainOneStepWithLossScaleCell | nn.TrainOneStepCell | null;

  constructor(network: Cell, options?: ModelOptions) {
    checkArity(arguments.length, 2, 'Model');
    if (!(network instanceof Cell)) throw new TypeError(`For 'Model', 'network' must be a Cell, but got ${describeType(network)}.`);
    const o = checkOptions<ModelOptions>(options, 'Model', MODEL_KEYS);
    const ampLevel = o.ampLevel ?? 'O0';
    if (ampLevel === 'auto') {
      // MindSpore: "Level `auto` only support when `device_target` is GPU or Ascend."
      throw new RangeError(
        "For 'Model', ampLevel 'auto' picks O2 on a GPU and O3 on Ascend in MindSpore; mindts has no device target to pick by: pass 'O0', 'O1', 'O2' or 'O3'.",
      );
    }
    if (!(['O0', 'O1', 'O2', 'O3'] as unknown[]).includes(ampLevel)) {
      throw new RangeError(
        `For 'Model', the 'ampLevel' must be one of 'O0', 'O1', 'O2', 'O3', 'auto', but got ${typeof ampLevel === 'string' ? `'${ampLevel}'` : describeType(ampLevel)}.`,
      );
    }
    for (const [key, cls, name] of [
      ['lossFn', Cell, 'a Cell'],
      ['optimizer', nn.Optimizer, 'an nn.Optimizer'],
      ['evalNetwork', Cell, 'a Cell'],
    ] as const) {
      const v = o[key];
      if (v !== undefined && v !== null && !(v instanceof cls))
        throw new TypeError(`For 'Model', '${key}' must be ${name}, but got ${describeType(v)}.`);
    }
    const indexes = o.evalIndexes ?? null;
    if (indexes !== null && (!Array.isArray(indexes) || indexes.length !== 3 || !indexes.every(Number.isInteger))) {
      throw new RangeError(`The argument 'evalIndexes' must be a list of three ints or null, but got ${String(indexes)}.`);
    }
    this.metricFns = getMetrics(o.metrics);
    if (Object.keys(this.metricFns).length > 0 && !o.evalNetwork && !o.lossFn) {
      throw new RangeError(
        "For 'Model', if 'metrics' is set, 'evalNetwork' or 'lossFn' must be set too: the evaluation runs 'evalNetwork', or the network and 'lossFn'.",
      );
    }
    const config = amp.ampConfig(
      ampLevel,
      {
        ...(o.keepBatchnormFp32 !== undefined ? { keepBatchnormFp32: o.keepBatchnormFp32 } : {}),
        ...(o.lossScaleManager !== undefined ? { lossScaleManager: o.lossScaleManager } : {}),
      },
      'Model',
    );
    if (o.lossScaleManager && !o.optimizer) {
      throw new RangeError("For 'Model', the argument 'optimizer' can not be None when set 'lossScaleManager'.");
    }
    // A network that trains itself (no optimizer) has no loss scale to apply.
    const manager = o.optimizer ? config.lossScaleManager : null;
    let scaledStep: nn.TrainOneStepWithLossScaleCell | nn.TrainOneStepCell | null = null;
    if (o.optimizer && manager) {
      // Made before the conversion, so a manager whose update Cell is refused leaves the network
      // as it was (autoMixedPrecision converts `network` itself, which the step wraps).
      const withLoss = o.lossFn ? new nn.WithLossCell(network, o.lossFn) : network;
      const update = manager.getUpdateCell();
      scaledStep = update
        ? new nn.TrainOneStepWithLossScaleCell(withLoss, o.optimizer, update)
        : new nn.TrainOneStepCell(withLoss, o.optimizer, manager.getLossScale());
    }
    // Last, once every argument is checked: converting marks the network (a network converts once).
    this.network = amp.autoMixedPrecision(network, config.convertLevel);
    this.lossFn = o.lossFn ?? null;
    this.optimizer = o.optimizer ?? null;
    this.evalNetwork = o.evalNetwork ?? null;
    this.evalIndexes = indexes;
    this.lossScaleManager = manager;
    this.#scaledStep = scaledStep;
  }

  /**
   * The network's outputs for `inputs`, in evaluation mode (MindSpore `predict`).
   * @example
   * const logits = model.predict(images) as Tensor; // [n, 10]
   */
  predict(...inputs: Tensor[]): Tensor | Tensor[] {
    this.network.setTrain(false);
    return this.network.call(...inputs) as Tensor | Tensor[];
  }

  /**
   * Trains for `epoch` epochs over `trainDataset`, calling the callbacks (MindSpore `train`).
   * @example
   * await model.train(3, data, { callbacks: [new LossMonitor(), new ModelCheckpoint('net', dir)] });
   */
  async train(epoch: number, trainDataset: Dataset, options?: TrainOptions): Promise<void> {
    checkArity(arguments.length, 3, 'Model.train');
    const o = checkOptions<TrainOptions>(options, 'Model.train', TRAIN_KEYS);
    checkSink(o.datasetSinkMode, 'datasetSinkMode', 'Model.train');
    const [epochs, initial] = checkEpochs(epoch, o.initialEpoch, 'Model.train');
    await this.#trainProcess(epochs, initial, trainDataset, undefined, 1, callbackList(o.callbacks, 'Model.train'));
  }

  /**
   * Trains, evaluating on `validDataset` every `validFrequency` epochs before `onTrainEpochEnd`
   * (so callbacks such as `EarlyStopping` see `evalResults`) (MindSpore `fit`).
   * @example
   * await model.fit(10, train, valid, { callbacks: [new EarlyStopping({ monitor: 'accuracy', patience: 2 })] });
   */
  async fit(epoch: number, trainDataset: Dataset, validDataset?: Dataset | null, options?: FitOptions): Promise<void> {
    checkArity(arguments.length, 4, 'Model.fit');
    const o = checkOptions<FitOptions>(options, 'Model.fit', FIT_KEYS);
    checkSink(o.trainDatasetSinkMode, 'trainDatasetSinkMode', 'Model.fit');
    checkSink(o.validDatasetSinkMode, 'validDatasetSinkMode', 'Model.fit');
    const [epochs, initial] = checkEpochs(epoch, o.initialEpoch, 'Model.fit');
    const freq = o.validFrequency ?? 1;
    const freqOk = Array.isArray(freq) ? freq.every((f) => Number.isInteger(f) && f > 0) : Number.isInteger(freq) && (freq as number) > 0;
    if (!freqOk)
      throw new RangeError(`For 'Model.fit', 'validFrequency' must be a positive int or a list of them, but got ${String(freq)}.`);
    if (validDataset !== undefined && validDataset !== null) this.#checkMetrics('Model.fit');
    await this.#trainProcess(epochs, initial, trainDataset, validDataset ?? undefined, freq, callbackList(o.callbacks, 'Model.fit'));
  }

  /**
   * Evaluates the metrics over `validDataset` (MindSpore `eval`): `{ name: value }`.
   * @example
   * await model.eval(testData); // { accuracy: 0.93 }
   */
  async eval(validDataset: Dataset, options?: EvalOptions): Promise<Record<string, MetricValue>> {
    checkArity(arguments.length, 2, 'Model.eval');
    const o = checkOptions<EvalOptions>(options, 'Model.eval', EVAL_KEYS);
    checkSink(o.datasetSinkMode, 'datasetSinkMode', 'Model.eval');
    this.#checkMetrics('Model.eval');
    return (await this.#evalProcess(validDataset, callbackList(o.callbacks, 'Model.eval'))).metrics;
  }

  #checkMetrics(where: string): void {
    if (Object.keys(this.metricFns).length === 0) {
      throw new RangeError(`For '${where}', the Model has no metrics: set the argument 'metrics' of Model to evaluate.`);
    }
  }

  /** The training step: one batch's columns in, the step's loss (or outputs) out. */
  #stepFunction(): { step: (cols: Tensor[]) => Tensor | Tensor[]; finish: (last: unknown) => void } {
    const { network, lossFn, optimizer, lossScaleManager } = this;
    const scaled = this.#scaledStep;
    if (scaled && lossScaleManager) {
      // MindSpore's loss-scaled step: the Cell skips an overflowing step and updates its scale;
      // the manager's host-side scale follows (`update_loss_scale(overflow)`).
      let previous: unknown;
      return {
        step: (cols) => {
          release(previous, cols);
          const out = scaled.call(...cols) as Tensor | Tensor[];
          previous = out;
          if (Array.isArray(out) && lossScaleManager.getDropOverflowUpdate()) {
            lossScaleManager.updateLossScale(Boolean((out[1] as Tensor).dataSync()[0]));
          }
          return out;
        },
        finish: (last) => release(last, []),
      };
    }
    const forward = (...cols: Tensor[]) =>
      lossFn
        ? (lossFn.call(network.call(...cols.slice(0, -1)), cols[cols.length - 1]) as Tensor)
        : (network.call(...cols) as Tensor | Tensor[]);
    if (optimizer) {
      const gradFn = ops.valueAndGrad(forward, null, optimizer.parameters, { hasAux: true });
      return {
        step: (cols) => {
          const [loss, grads] = gradFn(...cols);
          optimizer.call(grads);
          return loss;
        },
        // The gradient function frees a step's loss at its next call; nothing calls it after the last.
        finish: (last) => release(last, []),
      };
    }
    // Without an optimizer the network trains itself (MindSpore: the network "needs to do
    // backpropagation and update weights"); its previous outputs are freed at the next step.
    let previous: unknown;
    return {
      step: (cols) => {
        release(previous, cols);
        previous = forward(...cols);
        return previous as Tensor | Tensor[];
      },
      finish: (last) => release(last, []),
    };
  }

  async #trainProcess(
    epochs: number,
    initial: number,
    dataset: Dataset,
    validDataset: Dataset | undefined,
    validFrequency: number | readonly number[],
    callbacks: Callback[],
  ): Promise<void> {
    let batchNum = datasetSize(dataset);
    const params: CallbackParams = {
      mode: 'train',
      network: this.network,
      trainNetwork: this.#scaledStep ?? this.network,
      lossFn: this.lossFn,
      optimizer: this.optimizer,
      epochNum: epochs,
      curEpochNum: initial,
      curStepNum: initial * (batchNum ?? 0),
      batchNum,
      trainDataset: dataset,
      datasetSinkMode: false,
      listCallback: callbacks,
      ...(validDataset !== undefined ? { validDataset } : {}),
    };
    const run: Run = { params, ctx: new RunContext(params), callbacks };
    const { step, finish } = this.#stepFunction();
    const where = validDataset === undefined ? 'Model.train' : 'Model.fit';
    this.network.setTrain(true);
    await runHook(callbacks, 'onTrainBegin', run.ctx);
    try {
      for (let e = initial; e < epochs; e++) {
        params.curEpochNum = e + 1;
        await runHook(callbacks, 'onTrainEpochBegin', run.ctx);
        let steps = 0;
        for await (const element of epochBatches(dataset, e, where)) {
          const cols = columnsOf(element, where);
          params.curStepNum += 1;
          steps += 1;
          params.trainDatasetElement = cols;
          await runHook(callbacks, 'onTrainStepBegin', run.ctx);
          params.netOutputs = step(cols);
          await runHook(callbacks, 'onTrainStepEnd', run.ctx);
          if (run.ctx.getStopRequested()) break;
        }
        if (steps === 0 && !run.ctx.getStopRequested()) {
          const hint = isOneShot(dataset)
            ? ' A generator or iterator can be iterated only once: pass a function (epoch) => iterable instead.'
            : '';
          throw new RangeError(`For '${where}', the dataset yielded no batch in epoch ${e + 1}.${hint}`);
        }
        if (batchNum === undefined) params.batchNum = batchNum = steps;
        if (validDataset !== undefined && this.#evalDue(e + 1, validFrequency)) {
          const { metrics, evalLoss } = await this.#evalProcess(validDataset, callbacks);
          params.evalResults = { ...metrics, ...(evalLoss !== undefined ? { evalLoss } : {}) };
          this.network.setTrain(true);
        }
        await runHook(callbacks, 'onTrainEpochEnd', run.ctx);
        if (run.ctx.getStopRequested()) break;
      }
      await runHook(callbacks, 'onTrainEnd', run.ctx);
    } finally {
      finish(params.netOutputs);
    }
  }

  #evalDue(epochNumber: number, frequency: number | readonly number[]): boolean {
    return typeof frequency === 'number' ? epochNumber % frequency === 0 : frequency.includes(epochNumber);
  }

  async #evalProcess(
    dataset: Dataset,
    callbacks: Callback[],
  ): Promise<{ metrics: Record<string, MetricValue>; evalLoss: number | undefined }> {
    const net = this.evalNetwork ?? this.network;
    const metrics = Object.values(this.metricFns);
    for (const m of metrics) m.clear();
    const lossMetric = this.evalNetwork === null || this.evalIndexes !== null ? new Loss() : null;
    const params: CallbackParams = {
      mode: 'eval',
      network: this.network,
      evalNetwork: net,
      epochNum: 1,
      curEpochNum: 1,
      curStepNum: 0,
      batchNum: datasetSize(dataset),
      validDataset: dataset,
      datasetSinkMode: false,
      listCallback: callbacks,
    };
    const ctx = new RunContext(params);
    net.setTrain(false);
    await runHook(callbacks, 'onEvalBegin', ctx);
    await runHook(callbacks, 'onEvalEpochBegin', ctx);
    for await (const element of epochBatches(dataset, 0, 'Model.eval')) {
      const cols = columnsOf(element, 'Model.eval');
      params.curStepNum += 1;
      await runHook(callbacks, 'onEvalStepBegin', ctx);
      const outputs = evalStep(this, cols, metrics, lossMetric);
      params.netOutputs = outputs;
      try {
        await runHook(callbacks, 'onEvalStepEnd', ctx);
      } finally {
        release(outputs, cols);
        delete params.netOutputs;
      }
    }
    params.batchNum ??= params.curStepNum;
    if (params.curStepNum === 0) throw new RangeError("For 'Model.eval', the dataset yielded no batch.");
    const results = Object.fromEntries(Object.entries(this.metricFns).map(([name, m]) => [name, m.eval()]));
    params.metrics = results;
    await runHook(callbacks, 'onEvalEpochEnd', ctx);
    await runHook(callbacks, 'onEvalEnd', ctx);
    return { metrics: results, evalLoss: lossMetric?.eval() };
  }
}
