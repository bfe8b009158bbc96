/**
 * `TimeMonitor`, after mindspore/python/mindspore/train/callback/_time_monitor.py (MindSpore 2.x).
 */
import { Callback } from './callback.js';
import type { RunContext } from './runContext.js';

/**
 * Prints how long each training epoch took and the time per step
 * (`epoch time: 812.345 ms, per step time: 25.386 ms`, with `console.log`). `dataSize` is the
 * steps per epoch when the run does not know it (`batchNum` takes precedence).
 * @example
 * await model.train(2, data, { callbacks: [new TimeMonitor()] });
 */
export class TimeMonitor extends Callback {
  readonly dataSize: number | undefined;
  #epochStart = 0;

  constructor(dataSize?: number) {
    super();
    if (dataSize !== undefined && (!Number.isInteger(dataSize) || dataSize < 1)) {
      throw new RangeError(`For 'TimeMonitor', dataSize must be a positive int, but got ${String(dataSize)}.`);
    }
    this.dataSize = dataSize;
  }

  /**
   * Starts the epoch's clock.
   * @example
   * timer.onTrainEpochBegin(ctx);
   */
  override onTrainEpochBegin(_runContext: RunContext): void {
    this.#epochStart = performance.now();
  }

  /**
   * Prints the epoch's time and the time per step.
   * @example
   * timer.onTrainEpochEnd(ctx); // epoch time: 812.345 ms, per step time: 25.386 ms
   */
  override onTrainEpochEnd(runContext: RunContext): void {
    const ms = performance.now() - this.#epochStart;
    const batchNum = runContext.originalArgs().batchNum;
    const steps = batchNum !== undefined && batchNum > 0 ? batchNum : this.dataSize;
    if (steps === undefined) throw new RangeError("For 'TimeMonitor', step size must be positive integer, but got undefined.");
    console.log(`epoch time: ${ms.toFixed(3)} ms, per step time: ${(ms / steps).toFixed(3)} ms`);
  }
}
