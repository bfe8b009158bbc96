/**
 * What `LossMonitor`, `History`, `EarlyStopping` and `ReduceLROnPlateau` read from the run:
 * MindSpore's `_handle_loss` and `_get_monitor_value`.
 */
import { Tensor } from '@mindts/tensor';
import type { CallbackParams } from './runContext.js';

/**
 * The step's loss as a number: the mean of `netOutputs` (its first element when it is a list),
 * or undefined when there is none.
 */
export function lossValue(netOutputs: unknown): number | undefined {
  const loss = Array.isArray(netOutputs) ? netOutputs[0] : netOutputs;
  if (typeof loss === 'number') return loss;
  if (!(loss instanceof Tensor)) return undefined;
  const values = loss.dataSync() as ArrayLike<number>;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Number(values[i]);
  return sum / values.length;
}

/**
 * The quantities smaller is better for, where `mode: 'auto'` minimises (MindSpore's
 * `_smaller_better_metrics`, in camelCase).
 */
export const SMALLER_BETTER: readonly string[] = [
  'hausdorffDistance',
  'mae',
  'mse',
  'loss',
  'perplexity',
  'meanSurfaceDistance',
  'rootMeanSquareDistance',
  'evalLoss',
];

/**
 * The value of `monitor` at the end of an epoch: the training loss for `'loss'`, else the latest
 * evaluation result of that name (`fit`). Null before `fit`'s first evaluation. A name that is
 * not available is an error naming the choices (MindSpore only logs a warning and skips).
 */
export function monitorValue(params: CallbackParams, monitor: string, where: string): number | null {
  let value: unknown;
  if (monitor === 'loss') value = lossValue(params.netOutputs);
  else {
    if (params.evalResults === undefined && params.validDataset !== undefined) return null;
    value = params.evalResults?.[monitor];
  }
  if (value === undefined) {
    const choices = ['loss', ...Object.keys(params.evalResults ?? {})].join(', ');
    throw new RangeError(
      `${where} is conditioned on '${monitor}', which is not available. Available choices are: ${choices} (metrics are evaluated by Model.fit with a validation dataset).`,
    );
  }
  if (typeof value !== 'number')
    throw new RangeError(`${where} only supports a scalar monitor, but '${monitor}' is ${JSON.stringify(value)}.`);
  return value;
}

/** Checks `mode` and returns whether smaller values of `monitor` are better. */
export function minimises(mode: unknown, monitor: string, where: string): boolean {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
    throw new RangeError(`For '${where}', mode should be 'auto', 'min' or 'max', but got ${String(mode)}.`);
  }
  return mode === 'min' || (mode === 'auto' && SMALLER_BETTER.includes(monitor));
}

/** Checks a non-negative integer argument. */
export function checkNonNegativeInt(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`For '${where}', the argument '${name}' must be an int >= 0, but got ${String(value)}.`);
  }
  return value;
}

/** Checks a finite number argument. */
export function checkNumber(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`For '${where}', the argument '${name}' must be a finite number, but got ${String(value)}.`);
  }
  return value;
}

/** Checks a boolean argument. */
export function checkBool(value: unknown, name: string, where: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`For '${where}', the argument '${name}' must be a bool, but got ${String(value)}.`);
  return value;
}
