/**
 * `RunContext` and what it carries, after mindspore/python/mindspore/train/callback/_callback.py
 * (MindSpore 2.x): the model's state during `train`, `eval` and `fit`, shared by the callbacks.
 */
import type { Cell, nn } from '@mindts/cell';
import type { Tensor } from '@mindts/tensor';
import type { MetricValue } from '../metrics/metric.js';

/**
 * MindSpore's `cb_params` in camelCase: what `runContext.originalArgs()` returns. Callbacks may
 * add their own keys. `netOutputs` is the step's loss (or the network's outputs without a loss
 * function); it lives until the next step (the gradient function frees it then): read it
 * (`.item()`) or `keep()` it to use it later.
 * @example
 * const { curEpochNum, curStepNum, batchNum, netOutputs } = runContext.originalArgs();
 */
export interface CallbackParams {
  /** `'train'` or `'eval'`. */
  mode: 'train' | 'eval';
  /** The network passed to `Model`. */
  network: Cell;
  /** The network trained: the same Cell (mindts runs the step functionally, without a wrapper Cell). */
  trainNetwork?: Cell;
  /** The network evaluated (`evalNetwork`, or the network and loss function). */
  evalNetwork?: Cell;
  lossFn?: Cell | null;
  optimizer?: nn.Optimizer | null;
  /** The last epoch number of the run (`epoch` of `train`/`fit`). */
  epochNum: number;
  /** The current epoch, from 1. */
  curEpochNum: number;
  /** Steps taken so far in this run (train) or in this evaluation (eval), from 1. */
  curStepNum: number;
  /** Steps per epoch; `undefined` for a dataset of unknown size until its first epoch ends. */
  batchNum: number | undefined;
  /** The step's loss Tensor (or outputs); see the interface note on its lifetime. */
  netOutputs?: Tensor | Tensor[];
  /** The current batch (its columns). */
  trainDatasetElement?: Tensor[];
  /** The training data and the validation data (`fit`). */
  trainDataset?: unknown;
  validDataset?: unknown;
  /** Always false: mindts has no dataset sink mode. */
  datasetSinkMode: boolean;
  /** The callbacks of the run. */
  listCallback: readonly unknown[];
  /** `fit`: the latest evaluation's results (metrics by name, and `evalLoss`). */
  evalResults?: Record<string, MetricValue>;
  /** `eval`: the metrics by name once evaluated. */
  metrics?: Record<string, MetricValue>;
  /** Anything a callback adds. */
  [key: string]: unknown;
}

/**
 * The context handed to every callback hook (MindSpore `RunContext`): {@link originalArgs} is the
 * shared {@link CallbackParams}; {@link requestStop} ends training after the current step (or
 * epoch), as MindSpore's `request_stop`.
 * @example
 * class StopAtStep extends Callback {
 *   onTrainStepEnd(ctx: RunContext) { if (ctx.originalArgs().curStepNum >= 10) ctx.requestStop(); }
 * }
 */
export class RunContext {
  readonly #args: CallbackParams;
  #stop = false;

  constructor(originalArgs: CallbackParams) {
    if (originalArgs === null || typeof originalArgs !== 'object') {
      throw new TypeError(`The argument 'originalArgs' of RunContext should be dict type, but got ${String(originalArgs)}.`);
    }
    this.#args = originalArgs;
  }

  /**
   * The model's state, shared by every callback (MindSpore `original_args()`).
   * @example
   * ctx.originalArgs().curEpochNum; // 2
   */
  originalArgs(): CallbackParams {
    return this.#args;
  }

  /**
   * Asks `train`/`fit` to stop after the current step (MindSpore `request_stop()`).
   * @example
   * ctx.requestStop();
   */
  requestStop(): void {
    this.#stop = true;
  }

  /**
   * Whether a stop was requested (MindSpore `get_stop_requested()`).
   * @example
   * ctx.getStopRequested(); // false
   */
  getStopRequested(): boolean {
    return this.#stop;
  }
}
