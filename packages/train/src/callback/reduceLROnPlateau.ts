/**
 * `ReduceLROnPlateau`, after mindspore/python/mindspore/train/callback/_reduce_lr_on_plateau.py
 * (MindSpore 2.x).
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import { Callback } from './callback.js';
import { checkBool, checkNonNegativeInt, checkNumber, minimises, monitorValue } from './monitorValue.js';
import type { RunContext } from './runContext.js';

/**
 * Options of {@link ReduceLROnPlateau} (MindSpore's keyword arguments in camelCase).
 * @example
 * new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minLr: 1e-4 });
 */
export interface ReduceLROnPlateauOptions {
  /** `'loss'`, `'evalLoss'` or a metric name of `fit` (default `'evalLoss'`). */
  monitor?: string;
  /** `newLr = lr · factor`, in (0, 1) (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  /** Print each reduction (default false). */
  verbose?: boolean;
  /** `'min'`, `'max'` or `'auto'` (default). */
  mode?: 'auto' | 'min' | 'max';
  /** The least change counted as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The learning rate is never reduced below this (default 0). */
  minLr?: number;
}

const PLATEAU_KEYS: OptionKeys<ReduceLROnPlateauOptions> = {
  monitor: true,
  factor: true,
  patience: true,
  verbose: true,
  mode: true,
  minDelta: true,
  cooldown: true,
  minLr: true,
};

/**
 * Multiplies the optimizer's learning rate by `factor` when `monitor` has not improved for
 * `patience` epochs (MindSpore `ReduceLROnPlateau`). It assigns the optimizer's `learning_rate`
 * Parameter in place, so it needs a fixed learning rate: a schedule, a rate per step or group
 * rates are an error, as in MindSpore.
 * @example
 * const opt = new nn.Momentum(net.trainableParams(), 0.1, 0.9);
 * await model.fit(10, train, valid, { callbacks: [new ReduceLROnPlateau({ monitor: 'acc', patience: 2 })] });
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: boolean;
  readonly mode: 'auto' | 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;
  best: number;
  readonly #min: boolean;

  constructor(options?: ReduceLROnPlateauOptions) {
    super();
    const where = 'ReduceLROnPlateau';
    const o = checkOptions<ReduceLROnPlateauOptions>(options, where, PLATEAU_KEYS);
    this.monitor = o.monitor ?? 'evalLoss';
    if (typeof this.monitor !== 'string') throw new TypeError(`For '${where}', 'monitor' must be a str, but got ${String(o.monitor)}.`);
    this.factor = checkNumber(o.factor ?? 0.1, 'factor', where);
    if (!(this.factor > 0 && this.factor < 1)) {
      throw new RangeError(`For '${where}', the argument 'factor' must be in range of (0.0, 1.0), but got ${this.factor}.`);
    }
    this.patience = checkNonNegativeInt(o.patience ?? 10, 'patience', where);
    this.verbose = checkBool(o.verbose ?? false, 'verbose', where);
    this.mode = o.mode ?? 'auto';
    this.#min = minimises(this.mode, this.monitor, where);
    this.minDelta = Math.abs(checkNumber(o.minDelta ?? 1e-4, 'minDelta', where));
    this.cooldown = checkNonNegativeInt(o.cooldown ?? 0, 'cooldown', where);
    this.minLr = checkNumber(o.minLr ?? 0, 'minLr', where);
    if (this.minLr < 0) throw new RangeError(`For '${where}', the argument 'minLr' must be >= 0 (a learning rate), but got ${this.minLr}.`);
    this.best = this.#min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  #isImprovement(a: number, b: number): boolean {
    return this.#min ? a < b - this.minDelta : a > b + this.minDelta;
  }

  /**
   * Resets the counters and the best value.
   * @example
   * plateau.onTrainBegin(ctx);
   */
  override onTrainBegin(_runContext: RunContext): void {
    this.cooldownCounter = 0;
    this.wait = 0;
    this.best = this.#min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /**
   * Compares the epoch's value with the best and reduces the learning rate when due.
   * @example
   * plateau.onTrainEpochEnd(ctx);
   */
  override onTrainEpochEnd(runContext: RunContext): void {
    const params = runContext.originalArgs();
    const lr = params.optimizer?.learning_rate;
    if (!(lr instanceof Parameter) || lr.rank !== 0) {
      throw new RangeError('ReduceLROnPlateau does not support dynamic learning rate and group learning rate now.');
    }
    const current = monitorValue(params, this.monitor, 'Learning rate reduction');
    if (current === null) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.#isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const cur = lr.dataSync()[0] as number;
        if (cur > this.minLr) {
          const newLr = Math.max(cur * this.factor, this.minLr);
          ops.assign(lr, newLr);
          if (this.verbose) {
            console.log(`Epoch ${String(params.curEpochNum).padStart(5, '0')}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
          }
        }
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }
}
