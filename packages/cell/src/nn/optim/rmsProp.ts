/**
 * `nn.RMSProp`, after mindspore/python/mindspore/nn/optim/rmsprop.py (MindSpore 2.x) and the
 * `ApplyRMSProp` / `ApplyCenteredRMSProp` primitives as the CPU kernel computes them
 * (mindspore/ccsrc/plugin/device/cpu/kernel/rmsprop_cpu_kernel.cc): state `mean_square.*` (ones),
 * `moment.*` (zeros) and, when centered, `mean_grad.*` (zeros). `useLocking` is checked and kept
 * for compatibility; JavaScript never runs two steps at once, so there is nothing to lock.
 */
import * as ops from '@mindts/ops';
import type { Parameter, ParameterTuple } from '@mindts/parameter';
import { checkOptions, type OptionKeys, type Tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, Optimizer, type OptimizerOptions } from './optimizer.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg, checkNonNegativeFloat, checkPositiveFloat } from './validation.js';

/**
 * Options of {@link RMSProp}, in MindSpore's order.
 * @example
 * new nn.RMSProp(params, { learningRate: 0.01, momentum: 0.9, centered: true });
 */
export interface RMSPropOptions extends OptimizerOptions {
  /** Default 0.1. */
  learningRate?: LearningRate;
  /** The decay `ρ` of the running averages, >= 0 (default 0.9). */
  decay?: number;
  /** The momentum `β` of the update, >= 0 (default 0). */
  momentum?: number;
  /** Added under the square root, > 0 (default 1e-10). */
  epsilon?: number;
  /** MindSpore's lock over the update; kept for compatibility, a step here is never concurrent (default false). */
  useLocking?: boolean;
  /** Normalise by the estimated variance `s − ḡ²` instead of `s` (default false). */
  centered?: boolean;
}

const KEYS: OptionKeys<RMSPropOptions> = {
  learningRate: true,
  decay: true,
  momentum: true,
  epsilon: true,
  useLocking: true,
  centered: true,
  lossScale: true,
  weightDecay: true,
};

/**
 * RMSProp (MindSpore `nn.RMSProp`): `s ← ρ·s + (1 − ρ)·g²`, `m ← β·m + lr·g/√(s + ε)`,
 * `p ← p − m`; centered, also `ḡ ← ρ·ḡ + (1 − ρ)·g` and the denominator `√(s − ḡ² + ε)`
 * (where that is not positive, the element is left as it was, as MindSpore's CPU kernel does).
 * `s` starts at ones. `g` has the weight decay added (parameters without 'beta'/'gamma' in their
 * names unless grouped) and the loss scale removed. Every gradient is checked before anything
 * changes.
 * @example
 * const opt = new nn.RMSProp(net.trainableParams(), { learningRate: 0.01 });
 * const [loss, grads] = ops.valueAndGrad(forward, null, opt.parameters)(x, y);
 * opt.call(grads);
 */
export class RMSProp extends Optimizer {
  readonly decay: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly useLocking: boolean;
  readonly centered: boolean;
  /** `mean_square.*`: the running average of `g²` (MindSpore's `ms`). */
  readonly ms: ParameterTuple;
  /** `moment.*`: the last update (MindSpore's `moment`). */
  readonly moment: ParameterTuple;
  /** `mean_grad.*` when centered, else null (MindSpore's `mg`). */
  readonly mg: ParameterTuple | null;

  constructor(params: OptimizerParams, options?: RMSPropOptions) {
    const checked = checkOptions<RMSPropOptions>(options, 'RMSProp', KEYS);
    const { learningRate = 0.1, decay = 0.9, momentum = 0, epsilon = 1e-10, useLocking = false, centered = false, ...base } = checked;
    // Checked before the base class creates its Parameters, so a refused option leaves nothing behind.
    checkNonNegativeFloat(decay, 'decay', 'RMSProp');
    checkNonNegativeFloat(momentum, 'momentum', 'RMSProp');
    checkPositiveFloat(epsilon, 'epsilon', 'RMSProp');
    checkBoolArg(useLocking, 'useLocking', 'RMSProp');
    checkBoolArg(centered, 'centered', 'RMSProp');
    super(learningRate, params, base);
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.useLocking = useLocking;
    this.centered = centered;
    this.mg = centered ? this.cloneState('mean_grad', 'zeros') : null;
    this.ms = this.cloneState('mean_square', 'ones');
    this.moment = this.cloneState('moment', 'zeros');
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const g = this.scaleGrad(this.decayWeight(grads));
      const lrs = this.lrPerParameter();
      const keep = 1 - this.decay;
      // Every new value first, then the writes: a failure part-way changes nothing.
      const updates = this.parameters.map((p, i) => {
        const gi = g[i] as Tensor;
        const ms = this.ms[i] as Parameter;
        const mom = this.moment[i] as Parameter;
        const msNext = ops.add(ms, ops.mul(ops.sub(ops.square(gi), ms), keep));
        let mgNext: Tensor | null = null;
        let denom = ops.add(msNext, this.epsilon);
        if (this.mg) {
          const mg = this.mg[i] as Parameter;
          mgNext = ops.add(mg, ops.mul(ops.sub(gi, mg), keep));
          denom = ops.add(ops.sub(msNext, ops.square(mgNext)), this.epsilon);
        }
        let momNext = ops.add(ops.mul(mom, this.momentum), ops.div(ops.mul(gi, lrs[i] as Tensor), ops.sqrt(denom)));
        let step = momNext;
        if (this.mg) {
          const ok = ops.greater(denom, 0);
          momNext = ops.where(ok, momNext, mom);
          step = ops.where(ok, momNext, 0);
        }
        return { p, ms, mom, msNext, mgNext, momNext, next: ops.sub(p, step) };
      });
      this.incrementStep();
      updates.forEach(({ p, ms, mom, msNext, mgNext, momNext, next }, i) => {
        ops.assign(ms, asDType(msNext, ms.dtype));
        if (this.mg && mgNext) ops.assign(this.mg[i] as Parameter, asDType(mgNext, (this.mg[i] as Parameter).dtype));
        ops.assign(mom, asDType(momNext, mom.dtype));
        ops.assign(p, asDType(next, p.dtype));
      });
    });
  }
}
