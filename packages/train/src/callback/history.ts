/**
 * `History`, after mindspore/python/mindspore/train/callback/_history.py (MindSpore 2.x).
 */
import type { MetricValue } from '../metrics/metric.js';
import { Callback } from './callback.js';
import { lossValue } from './monitorValue.js';
import type { RunContext } from './runContext.js';

/**
 * Records per epoch the epoch number (`epoch.epoch`) and, in `history`, the loss of its last step
 * (`netOutput`) and the evaluation results of `fit` by name (MindSpore `History`).
 * @example
 * const history = new History();
 * await model.fit(3, train, valid, { callbacks: [history] });
 * history.epoch.epoch; // [1, 2, 3]
 * history.history.netOutput; // [0.9, 0.5, 0.3]
 */
export class History extends Callback {
  /** The epochs recorded. */
  epoch: { epoch: number[] } = { epoch: [] };
  /** Per quantity, its value at each recorded epoch. */
  history: Record<string, MetricValue[]> = {};

  /**
   * Starts a new record of epochs (the `history` dict keeps growing, as MindSpore's).
   * @example
   * history.onTrainBegin(ctx);
   */
  override onTrainBegin(_runContext: RunContext): void {
    this.epoch = { epoch: [] };
  }

  /**
   * Records the epoch.
   * @example
   * history.onTrainEpochEnd(ctx);
   */
  override onTrainEpochEnd(runContext: RunContext): void {
    const params = runContext.originalArgs();
    this.epoch.epoch.push(params.curEpochNum);
    const current: Record<string, MetricValue> = {};
    const loss = lossValue(params.netOutputs);
    if (loss !== undefined) current.netOutput = loss;
    Object.assign(current, params.evalResults ?? {});
    for (const [k, v] of Object.entries(current)) (this.history[k] ??= []).push(v);
  }
}
