/**
 * How an optimizer holds a learning rate, after `_preprocess_single_lr`, `_build_single_lr` and
 * `_IteratorLearningRate` in mindspore/python/mindspore/nn/optim/optimizer.py (MindSpore master,
 * mindspore-ai/mindspore_test@02031d7ee990e2f4330bd07d30bb7140fe973684). Past the end of an
 * array of rates the last one repeats; MindSpore gathers at `global_step` unchecked.
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { Tensor, tensor, tidy } from '@mindts/tensor';
import { typeName } from '../../cellState.js';
import type { LearningRateSchedule } from './learningRateSchedule.js';
import { checkNonNegativeFloat } from './validation.js';

/**
 * A learning rate: a number (fixed), a scalar Tensor (fixed), an array or 1-D Tensor (one value
 * per step; past the end the last value repeats), or a {@link LearningRateSchedule}.
 * @example
 * const lr: LearningRate = [0.1, 0.05, 0.01];
 */
export type LearningRate = number | Tensor | Iterable<number> | LearningRateSchedule;

/** A checked learning rate: a fixed value, values per step, or a schedule. */
export type ParsedLearningRate =
  | { kind: 'fixed'; value: number | Tensor }
  | { kind: 'array'; values: Tensor | readonly number[]; length: number }
  | { kind: 'schedule'; schedule: LearningRateSchedule };

/** MindSpore's `_preprocess_single_lr`: checks `lr` and classifies it. */
export function parseLearningRate(lr: unknown, cls: string): ParsedLearningRate {
  if (typeof lr === 'number') return { kind: 'fixed', value: checkNonNegativeFloat(lr, 'learning rate', cls) };
  if (lr instanceof Tensor) {
    if (lr.rank === 0) return { kind: 'fixed', value: lr };
    if (lr.rank > 1) {
      throw new RangeError(
        `For 'Optimizer', if 'learningRate' is Tensor type, then the dimension of it should be 0 or 1, but got ${lr.rank}.`,
      );
    }
    if (lr.size === 0) throw new RangeError("For 'Optimizer', a 1-D Tensor 'learningRate' must hold one rate per step, but it is empty.");
    return { kind: 'array', values: lr, length: lr.size };
  }
  if (typeof lr === 'function') return { kind: 'schedule', schedule: lr as LearningRateSchedule };
  if (lr !== null && typeof lr === 'object' && typeof (lr as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const values = [...(lr as Iterable<unknown>)];
    if (values.length === 0 || !values.every((v) => typeof v === 'number')) {
      throw new TypeError(
        `For 'Optimizer', an Iterable 'learningRate' must hold numbers, one per step, but got [${values.map(typeName).join(', ')}].`,
      );
    }
    for (const v of values as number[]) checkNonNegativeFloat(v, 'learning rate', cls);
    return { kind: 'array', values: values as number[], length: values.length };
  }
  throw new TypeError(
    `For 'Optimizer', the argument 'learningRate' must be int, float, Tensor, Iterable or LearningRateSchedule, but got ${typeName(lr)}.`,
  );
}

/** The length of an array learning rate, else 0. */
export function dynamicLength(lr: ParsedLearningRate): number {
  return lr.kind === 'array' ? lr.length : 0;
}

/**
 * One learning rate of an optimizer: its Parameter (named `learning_rate` or
 * `learning_rate_group_<i>`, absent for a schedule) and how to read it at a step.
 */
export class LearningRateSlot {
  readonly parameter: Parameter | null;
  readonly schedule: LearningRateSchedule | null;

  constructor(lr: ParsedLearningRate, name: string) {
    if (lr.kind === 'schedule') {
      this.parameter = null;
      this.schedule = lr.schedule;
      return;
    }
    const source = lr.kind === 'fixed' ? lr.value : lr.values;
    const value = tidy(() => (source instanceof Tensor ? ops.cast(source, 'float32') : tensor(source as number | number[], 'float32')));
    this.parameter = new Parameter(value, name);
    value.dispose();
    this.schedule = null;
  }

  /** Whether the rate changes with the step. */
  get dynamic(): boolean {
    return this.schedule !== null || (this.parameter?.rank ?? 0) === 1;
  }

  /**
   * The float32 scalar rate at `globalStep` (the steps taken so far): a fixed rate's Parameter
   * itself, else a new Tensor. An array rate keeps its last value past the end.
   */
  at(globalStep: Tensor): Tensor {
    const p = this.parameter;
    if (p && p.rank === 0) return p;
    return tidy(() => {
      if (p) return ops.reshape(ops.gather(p, ops.minimum(globalStep, p.size - 1)), []);
      const value = (this.schedule as LearningRateSchedule)(globalStep);
      if (!(value instanceof Tensor) || value.size !== 1) {
        throw new TypeError(
          `A LearningRateSchedule must return a scalar Tensor, but got ${value instanceof Tensor ? `shape [${value.shape.join(', ')}]` : typeName(value)}.`,
        );
      }
      return ops.reshape(ops.cast(value, 'float32'), []);
    });
  }
}
