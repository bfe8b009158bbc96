/**
 * `EarlyStopping`, after mindspore/python/mindspore/train/callback/_early_stop.py (MindSpore 2.x).
 */
import type { Cell } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { checkOptions, fromValues, type OptionKeys, type Values } from '@mindts/tensor';
import { Callback } from './callback.js';
import { checkBool, checkNonNegativeInt, checkNumber, minimises, monitorValue } from './monitorValue.js';
import type { RunContext } from './runContext.js';

/**
 * Options of {@link EarlyStopping} (MindSpore's keyword arguments in camelCase).
 * @example
 * new EarlyStopping({ monitor: 'acc', patience: 3, mode: 'max', restoreBestWeights: true });
 */
export interface EarlyStoppingOptions {
  /** `'loss'` (training loss), `'evalLoss'` or a metric name of `fit`'s evaluation (default `'evalLoss'`). */
  monitor?: string;
  /** The least change counted as an improvement (its absolute value; default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Print when stopping (default false). */
  verbose?: boolean;
  /** `'min'`, `'max'`, or `'auto'` (default): min for losses and errors, max otherwise. */
  mode?: 'auto' | 'min' | 'max';
  /** An improvement resets the wait only when it also improves on this value. */
  baseline?: number;
  /** On stopping, put back the network's weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
}

const EARLY_KEYS: OptionKeys<EarlyStoppingOptions> = {
  monitor: true,
  minDelta: true,
  patience: true,
  verbose: true,
  mode: true,
  baseline: true,
  restoreBestWeights: true,
};

/** A host copy of a network's parameters. */
type Snapshot = Map<string, { values: Values; shape: number[]; dtype: Parameters<typeof fromValues>[2] }>;

function snapshot(net: Cell): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, p] of net.parametersAndNames()) out.set(name, { values: p.dataSync().slice(), shape: [...p.shape], dtype: p.dtype });
  return out;
}

function restore(net: Cell, saved: Snapshot): void {
  for (const [name, p] of net.parametersAndNames()) {
    const s = saved.get(name);
    if (!s) continue;
    const t = fromValues(s.values, s.shape, s.dtype);
    ops.assign(p, t);
    t.dispose();
  }
}

/**
 * Stops training when `monitor` has stopped improving (MindSpore `EarlyStopping`): at the end of
 * each epoch the value counts as an improvement when it beats the best by more than `minDelta`;
 * after `patience` epochs without one, it calls `requestStop()`. With `restoreBestWeights`, the
 * network's weights of the best epoch are put back when it stops. `stoppedEpoch` is the epoch it
 * stopped at (0 if it did not).
 * @example
 * const stop = new EarlyStopping({ monitor: 'acc', patience: 2 });
 * await model.fit(20, train, valid, { callbacks: [stop] });
 * stop.stoppedEpoch; // e.g. 7
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: boolean;
  readonly mode: 'auto' | 'min' | 'max';
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  wait = 0;
  stoppedEpoch = 0;
  best: number;
  readonly #min: boolean;
  #bestWeights: Snapshot | null = null;

  constructor(options?: EarlyStoppingOptions) {
    super();
    const o = checkOptions<EarlyStoppingOptions>(options, 'EarlyStopping', EARLY_KEYS);
    this.monitor = o.monitor ?? 'evalLoss';
    if (typeof this.monitor !== 'string')
      throw new TypeError(`For 'EarlyStopping', 'monitor' must be a str, but got ${String(o.monitor)}.`);
    this.minDelta = Math.abs(checkNumber(o.minDelta ?? 0, 'minDelta', 'EarlyStopping'));
    this.patience = checkNonNegativeInt(o.patience ?? 0, 'patience', 'EarlyStopping');
    this.verbose = checkBool(o.verbose ?? false, 'verbose', 'EarlyStopping');
    this.mode = o.mode ?? 'auto';
    this.#min = minimises(this.mode, this.monitor, 'EarlyStopping');
    this.baseline = o.baseline === undefined ? undefined : checkNumber(o.baseline, 'baseline', 'EarlyStopping');
    this.restoreBestWeights = checkBool(o.restoreBestWeights ?? false, 'restoreBestWeights', 'EarlyStopping');
    this.best = this.#min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  #isImprovement(a: number, b: number): boolean {
    return this.#min ? a < b - this.minDelta : a > b + this.minDelta;
  }

  /**
   * Resets the wait, the best value and the saved weights.
   * @example
   * stop.onTrainBegin(ctx);
   */
  override onTrainBegin(_runContext: RunContext): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.#min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.#bestWeights = null;
  }

  /**
   * Compares the epoch's value with the best; stops after `patience` epochs without improvement.
   * @example
   * stop.onTrainEpochEnd(ctx);
   */
  override onTrainEpochEnd(runContext: RunContext): void {
    const params = runContext.originalArgs();
    const current = monitorValue(params, this.monitor, 'Early stopping');
    if (current === null) return;
    if (this.restoreBestWeights && this.#bestWeights === null) this.#bestWeights = snapshot(params.network);
    this.wait += 1;
    if (this.#isImprovement(current, this.best)) {
      this.best = current;
      if (this.restoreBestWeights) this.#bestWeights = snapshot(params.network);
      if (this.baseline === undefined || this.#isImprovement(current, this.baseline)) this.wait = 0;
    }
    if (this.wait >= this.patience) {
      this.stoppedEpoch = params.curEpochNum;
      runContext.requestStop();
      if (this.restoreBestWeights && this.#bestWeights !== null) {
        if (this.verbose) console.log('Restoring model weights from the end of the best epoch.');
        restore(params.network, this.#bestWeights);
      }
    }
  }

  /**
   * Prints the epoch it stopped at, with `verbose`.
   * @example
   * stop.onTrainEnd(ctx); // Epoch 00007: early stopping
   */
  override onTrainEnd(_runContext: RunContext): void {
    this.#bestWeights = null;
    if (this.stoppedEpoch > 0 && this.verbose) console.log(`Epoch ${String(this.stoppedEpoch).padStart(5, '0')}: early stopping`);
  }
}
