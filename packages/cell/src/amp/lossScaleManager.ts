/**
 * Loss-scale managers, MindSpore's `amp.LossScaleManager`, `amp.FixedLossScaleManager` and
 * `amp.DynamicLossScaleManager` (mindspore/python/mindspore/train/loss_scale_manager.py): what
 * `Model` and `amp.buildTrainNetwork` are given to scale the loss. A manager keeps the scale on the
 * host (`getLossScale`, `updateLossScale(overflow)`) and makes the Cell that updates the scale
 * Parameter inside the training step (`getUpdateCell`, for `nn.TrainOneStepWithLossScaleCell`).
 */
import { checkArity } from '@mindts/tensor';
import { show } from '../nn/checks.js';
import { DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell } from '../nn/wrap/lossScaleUpdateCell.js';

/**
 * The interface of a loss-scale manager (MindSpore `amp.LossScaleManager`).
 * @example
 * const manager: amp.LossScaleManager = new amp.DynamicLossScaleManager();
 * manager.getLossScale(); // 16777216
 */
export abstract class LossScaleManager {
  /** The current loss scale (the factor the loss, and so the gradients, are multiplied by). */
  abstract getLossScale(): number;
  /** Updates the host-side scale after a step whose gradients did (`overflow` true) or did not overflow. */
  abstract updateLossScale(overflow: boolean): void;
  /** Whether a step whose gradients overflow is skipped (the optimizer not applied). */
  abstract getDropOverflowUpdate(): boolean;
  /** The Cell that updates the scale inside `nn.TrainOneStepWithLossScaleCell`, or null when none is needed. */
  abstract getUpdateCell(): DynamicLossScaleUpdateCell | FixedLossScaleUpdateCell | null;
}

function checkBool(value: unknown, arg: string, cls: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`For '${cls}', the '${arg}' must be a bool, but got ${show(value)}.`);
  return value;
}

/**
 * A fixed loss scale (MindSpore `amp.FixedLossScaleManager(loss_scale=128.0,
 * drop_overflow_update=True)`). With `dropOverflowUpdate` (the default) a step whose gradients
 * overflow is skipped (`getUpdateCell()` is an `nn.FixedLossScaleUpdateCell`); without it every
 * step is applied and the gradients stay multiplied by the scale, so the optimizer must be made
 * with the same `lossScale` to divide them (`getUpdateCell()` is null).
 * @example
 * const manager = new amp.FixedLossScaleManager(1024, false);
 * const opt = new nn.Momentum(net.trainableParams(), 0.1, 0.9, { lossScale: 1024 });
 * const model = new Model(net, { lossFn, optimizer: opt, lossScaleManager: manager, ampLevel: 'O2' });
 */
export class FixedLossScaleManager extends LossScaleManager {
  readonly #lossScale: number;
  readonly #dropOverflowUpdate: boolean;

  constructor(lossScale = 128, dropOverflowUpdate = true) {
    super();
    const cls = 'FixedLossScaleManager';
    if (typeof lossScale !== 'number' || !Number.isFinite(lossScale) || lossScale < 1) {
      throw new RangeError(`For '${cls}', the argument 'loss_scale' must be a finite number >= 1, but got ${show(lossScale)}.`);
    }
    this.#lossScale = lossScale;
    this.#dropOverflowUpdate = checkBool(dropOverflowUpdate, 'drop_overflow_update', cls);
  }

  getLossScale(): number {
    return this.#lossScale;
  }

  /** Changes nothing: the scale is fixed. */
  updateLossScale(overflow: boolean): void {
    checkArity(arguments.length, 1, 'updateLossScale');
    checkBool(overflow, 'overflow', 'FixedLossScaleManager.updateLossScale');
  }

  getDropOverflowUpdate(): boolean {
    return this.#dropOverflowUpdate;
  }

  /** An `nn.FixedLossScaleUpdateCell` with the scale when overflowing steps are dropped, else null. */
  getUpdateCell(): FixedLossScaleUpdateCell | null {
    return this.#dropOverflowUpdate ? new FixedLossScaleUpdateCell(this.#lossScale) : null;
  }
}

/**
 * A loss scale that adapts (MindSpore `amp.DynamicLossScaleManager(init_loss_scale=2**24,
 * scale_factor=2, scale_window=2000)`): an overflow divides the scale by `scaleFactor` (never below
 * 1) and the step is skipped; `scaleWindow` steps without one multiply it by `scaleFactor`. More
 * than 1000 overflows in a row is an error, as in MindSpore. `getUpdateCell()` makes the
 * `nn.DynamicLossScaleUpdateCell` that applies the same rule to the step's scale Parameter.
 * @example
 * const manager = new amp.DynamicLossScaleManager(2 ** 16, 2, 1000);
 * const model = new Model(net, { lossFn, optimizer, ampLevel: 'O2', lossScaleManager: manager });
 */
export class DynamicLossScaleManager extends LossScaleManager {
  /** The current scale (MindSpore `loss_scale`). */
  lossScale: number;
  readonly scaleFactor: number;
  readonly scaleWindow: number;
  /** The step about to be counted (from 1) and the last that overflowed (0: none yet). */
  curIter = 1;
  lastOverflowIter = 0;
  /** Overflows in a row, and how many are allowed before `updateLossScale` throws. */
  badStep = 0;
  readonly badStepMax = 1000;

  constructor(initLossScale = 2 ** 24, scaleFactor = 2, scaleWindow = 2000) {
    super();
    const cls = 'DynamicLossScaleManager';
    if (typeof initLossScale !== 'number' || !Number.isFinite(initLossScale) || initLossScale < 1) {
      throw new RangeError(`For '${cls}', the argument 'init_loss_scale' must be a finite number >= 1, but got ${show(initLossScale)}.`);
    }
    if (!Number.isInteger(scaleWindow) || scaleWindow < 1) {
      throw new RangeError(`For '${cls}', the 'scale_window' must be a positive int, but got ${show(scaleWindow)}.`);
    }
    if (typeof scaleFactor !== 'number' || !Number.isFinite(scaleFactor) || scaleFactor <= 0) {
      throw new RangeError(`For '${cls}', the argument 'scale_factor' must be a finite number > 0, but got ${show(scaleFactor)}.`);
    }
    this.lossScale = initLossScale;
    this.scaleFactor = scaleFactor;
    this.scaleWindow = scaleWindow;
  }

  getLossScale(): number {
    return this.lossScale;
  }

  updateLossScale(overflow: boolean): void {
    checkArity(arguments.length, 1, 'updateLossScale');
    if (checkBool(overflow, 'overflow', 'DynamicLossScaleManager.updateLossScale')) {
      this.lossScale = Math.max(this.lossScale / this.scaleFactor, 1);
      this.lastOverflowIter = this.curIter;
      this.badStep += 1;
    } else {
      if ((this.curIter - this.lastOverflowIter) % this.scaleWindow === 0) this.lossScale *= this.scaleFactor;
      this.badStep = 0;
    }
    if (this.badStep > this.badStepMax) {
      throw new Error(
        `For 'DynamicLossScaleManager', the gradients overflowed ${this.badStep} steps in a row, more than the ${this.badStepMax} allowed (loss scale now ${this.lossScale}).`,
      );
    }
    this.curIter += 1;
  }

  /** Always true: a step whose gradients overflow is skipped. */
  getDropOverflowUpdate(): boolean {
    return true;
  }

  /** A new `nn.DynamicLossScaleUpdateCell(lossScale, scaleFactor, scaleWindow)`. */
  getUpdateCell(): DynamicLossScaleUpdateCell {
    return new DynamicLossScaleUpdateCell(this.lossScale, this.scaleFactor, this.scaleWindow);
  }
}
