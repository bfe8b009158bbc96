/**
 * `nn.Adagrad`, after mindspore/python/mindspore/nn/optim/ada_grad.py (MindSpore 2.x) and the
 * `ApplyAdagrad` primitive as documented (and as its GPU kernel computes it):
 * `accum ← accum + g²`, `p ← p − lr·g/√accum`. MindSpore's CPU kernel adds 1e-6 under the square
 * root; mindts follows the documented formula, so `accum: 0` with a zero gradient element gives
 * NaN there, as on MindSpore GPU. State `accum.*`, filled with the initial `accum`.
 */
import * as ops from '@mindts/ops';
import type { Parameter, ParameterTuple } from '@mindts/parameter';
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, Optimizer, type OptimizerOptions } from './optimizer.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg, checkNonNegativeFloat } from './validation.js';

/**
 * Options of {@link Adagrad}, in MindSpore's order.
 * @example
 * new nn.Adagrad(params, { accum: 0.1, learningRate: 0.01 });
 */
export interface AdagradOptions extends OptimizerOptions {
  /** The initial value of the accumulators, >= 0 (default 0.1). */
  accum?: number;
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** Whether the accumulators are updated (default true; false keeps them at their initial value). */
  updateSlots?: boolean;
}

const KEYS: OptionKeys<AdagradOptions> = { accum: true, learningRate: true, updateSlots: true, lossScale: true, weightDecay: true };

/**
 * Adagrad (MindSpore `nn.Adagrad`): `accum ← accum + g²` (with `updateSlots`), then
 * `p ← p − lr·g/√accum`. `g` has the weight decay added (parameters without 'beta'/'gamma' in
 * their names unless grouped) and the loss scale removed. Every gradient is checked before
 * anything changes.
 * @example
 * const opt = new nn.Adagrad(net.trainableParams(), { learningRate: 0.01 });
 * const [loss, grads] = ops.valueAndGrad(forward, null, opt.parameters)(x, y);
 * opt.call(grads);
 */
export class Adagrad extends Optimizer {
  readonly updateSlots: boolean;
  /** `accum.*`: the running sums of `g²`. */
  readonly accum: ParameterTuple;

  constructor(params: OptimizerParams, options?: AdagradOptions) {
    const checked = checkOptions<AdagradOptions>(options, 'Adagrad', KEYS);
    const { accum = 0.1, learningRate = 0.001, updateSlots = true, ...base } = checked;
    // Checked before the base class creates its Parameters, so a refused option leaves nothing behind.
    checkNonNegativeFloat(accum, 'accum', 'Adagrad');
    checkBoolArg(updateSlots, 'updateSlots', 'Adagrad');
    super(learningRate, params, base);
    this.updateSlots = updateSlots;
    this.accum = tidy(() => this.parameters.clone('accum', accum));
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const g = this.scaleGrad(this.decayWeight(grads));
      const lrs = this.lrPerParameter();
      // Every new value first, then the writes: a failure part-way changes nothing.
      const updates = this.parameters.map((p, i) => {
        const gi = g[i] as Tensor;
        const acc = this.accum[i] as Parameter;
        const accNext = this.updateSlots ? ops.add(acc, ops.square(gi)) : acc;
        return { p, acc, accNext, next: ops.sub(p, ops.div(ops.mul(gi, lrs[i] as Tensor), ops.sqrt(accNext))) };
      });
      this.incrementStep();
      for (const { p, acc, accNext, next } of updates) {
        if (this.updateSlots) ops.assign(acc, asDType(accNext, acc.dtype));
        ops.assign(p, asDType(next, p.dtype));
      }
    });
  }
}
