/**
 * `LossMonitor`, after mindspore/python/mindspore/train/callback/_loss_monitor.py (MindSpore 2.x).
 */
import { Callback } from './callback.js';
import { lossValue } from './monitorValue.js';
import type { RunContext } from './runContext.js';

/**
 * Prints the training loss every `perPrintTimes` steps as MindSpore does
 * (`epoch: 1 step: 5, loss is 2.30…`, with `console.log`), and stops training with an error when
 * the loss is NaN or infinite. `perPrintTimes = 0` prints nothing (the check still runs).
 * @example
 * await model.train(2, data, { callbacks: [new LossMonitor(10)] });
 */
export class LossMonitor extends Callback {
  readonly perPrintTimes: number;
  #lastPrintStep = 0;
  #epochStartStep = 0;

  constructor(perPrintTimes = 1) {
    super();
    if (!Number.isInteger(perPrintTimes) || perPrintTimes < 0) {
      throw new RangeError(`The argument 'perPrintTimes' must be int and >= 0, but got ${String(perPrintTimes)}.`);
    }
    this.perPrintTimes = perPrintTimes;
  }

  /**
   * Starts counting at the run's first step.
   * @example
   * monitor.onTrainBegin(ctx);
   */
  override onTrainBegin(runContext: RunContext): void {
    this.#lastPrintStep = runContext.originalArgs().curStepNum;
  }

  /**
   * Remembers where the epoch starts (for the step number within it).
   * @example
   * monitor.onTrainEpochBegin(ctx);
   */
  override onTrainEpochBegin(runContext: RunContext): void {
    this.#epochStartStep = runContext.originalArgs().curStepNum;
  }

  /**
   * Prints the loss when due; a NaN or infinite loss throws.
   * @example
   * monitor.onTrainStepEnd(ctx); // epoch: 1 step: 1, loss is 2.3
   */
  override onTrainStepEnd(runContext: RunContext): void {
    const params = runContext.originalArgs();
    const loss = lossValue(params.netOutputs);
    const stepInEpoch = params.curStepNum - this.#epochStartStep;
    if (loss !== undefined && !Number.isFinite(loss)) {
      throw new RangeError(`epoch: ${params.curEpochNum} step: ${stepInEpoch}. Invalid loss, terminating training.`);
    }
    if (this.perPrintTimes !== 0 && params.curStepNum - this.#lastPrintStep >= this.perPrintTimes) {
      this.#lastPrintStep = params.curStepNum;
      console.log(`epoch: ${params.curEpochNum} step: ${stepInEpoch}, loss is ${loss}`);
    }
  }
}
