/**
 * Learning-rate schedules as functions of the global step, after `ExponentialDecayLR`,
 * `CosineDecayLR` and `WarmUpLR` in mindspore/python/mindspore/nn/learning_rate_schedule.py
 * (MindSpore master, mindspore-ai/mindspore_test@1567d594f0f283b1bc431539930b4d87b150df48).
 * MindSpore's schedules are Cells; here they are plain functions built from `ops`, so they run
 * eagerly and trace under `jit` alike.
 */
import * as ops from '@mindts/ops';
import { checkArity, type Tensor, tidy } from '@mindts/tensor';
import { checkBoolArg, checkNonNegativeFloat, checkPositiveFloat, checkPositiveInt, pyFloat } from './validation.js';

/**
 * A learning rate that depends on the step: called with the optimizer's int32 `global_step`
 * (the number of steps taken before this one), it returns a float32 scalar Tensor.
 * @example
 * const halve: LearningRateSchedule = (step) => ops.div(0.1, ops.add(ops.cast(step, 'float32'), 1));
 */
export type LearningRateSchedule = (globalStep: Tensor) => Tensor;

const asFloat = (step: Tensor): Tensor => ops.cast(step, 'float32');

/**
 * `learningRate · decayRate^p` with `p = step / decaySteps` (floored when `isStair`)
 * (MindSpore `nn.ExponentialDecayLR`).
 * @example
 * const opt = new nn.SGD(net.trainableParams(), { learningRate: nn.exponentialDecayLR(0.1, 0.9, 4) });
 * nn.exponentialDecayLR(0.1, 0.9, 4)(tensor(2)); // 0.1 · 0.9^0.5 = 0.0948683
 */
export function exponentialDecayLR(learningRate: number, decayRate: number, decaySteps: number, isStair = false): LearningRateSchedule {
  checkArity(arguments.length, 4, 'exponentialDecayLR');
  const cls = 'exponentialDecayLR';
  checkPositiveInt(decaySteps, 'decaySteps', cls);
  checkPositiveFloat(learningRate, 'learningRate', cls);
  checkPositiveFloat(decayRate, 'decayRate', cls);
  checkBoolArg(isStair, 'isStair', cls);
  return (globalStep) =>
    tidy(() => {
      let p = ops.div(asFloat(globalStep), decaySteps);
      if (isStair) p = ops.floor(p);
      return ops.mul(ops.pow(decayRate, p), learningRate);
    });
}

/**
 * `minLr + ½(maxLr − minLr)(1 + cos(π · min(step, decaySteps) / decaySteps))`
 * (MindSpore `nn.CosineDecayLR`, which writes the cosine as `sin(π(p + ½))`).
 * @example
 * nn.cosineDecayLR(0.01, 0.1, 4)(tensor(2)); // 0.055
 */
export function cosineDecayLR(minLr: number, maxLr: number, decaySteps: number): LearningRateSchedule {
  checkArity(arguments.length, 3, 'cosineDecayLR');
  const cls = 'cosineDecayLR';
  checkNonNegativeFloat(minLr, 'minLr', cls);
  checkPositiveFloat(maxLr, 'maxLr', cls);
  checkPositiveInt(decaySteps, 'decaySteps', cls);
  if (minLr >= maxLr) {
    throw new RangeError(
      `For '${cls}', the 'maxLr' must be greater than the 'minLr', but got 'maxLr' value: ${pyFloat(maxLr)}, 'minLr' value: ${pyFloat(minLr)}.`,
    );
  }
  const delta = 0.5 * (maxLr - minLr);
  return (globalStep) =>
    tidy(() => {
      const p = asFloat(ops.minimum(globalStep, decaySteps));
      const phase = ops.mul(ops.add(ops.div(p, decaySteps), 0.5), Math.PI);
      return ops.add(ops.mul(ops.add(ops.sin(phase), 1), delta), minLr);
    });
}

/**
 * `learningRate · min(step, warmupSteps) / warmupSteps`: rises linearly from 0 to
 * `learningRate` over `warmupSteps` steps, then stays (MindSpore `nn.WarmUpLR`).
 * @example
 * nn.warmupLR(0.1, 2)(tensor(1)); // 0.05
 */
export function warmupLR(learningRate: number, warmupSteps: number): LearningRateSchedule {
  checkArity(arguments.length, 2, 'warmupLR');
  const cls = 'warmupLR';
  checkNonNegativeFloat(learningRate, 'learningRate', cls);
  checkPositiveInt(warmupSteps, 'warmupSteps', cls);
  return (globalStep) => tidy(() => ops.mul(ops.div(asFloat(ops.minimum(globalStep, warmupSteps)), warmupSteps), learningRate));
}
