/**
 * `nn.Momentum`, after mindspore/python/mindspore/nn/optim/momentum.py (MindSpore master,
 * mindspore-ai/mindspore_test@df0355ebc5f5e7fe0c859031727f3fffab399725) and the `ApplyMomentum`
 * primitive: state `moments.*` and a `momentum` Parameter.
 */
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter, type ParameterTuple } from '@mindts/parameter';
import { checkArity, checkOptions, type OptionKeys, type Tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, descend, OPTIMIZER_KEYS, Optimizer, type OptimizerOptions } from './optimizer.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg, pyFloat } from './validation.js';

/**
 * Options of {@link Momentum} after the required learning rate and momentum.
 * @example
 * new nn.Momentum(params, 0.1, 0.9, { useNesterov: true, weightDecay: 1e-4 });
 */
export interface MomentumOptions extends OptimizerOptions {
  /** Nesterov momentum (default false). */
  useNesterov?: boolean;
}

const MOMENTUM_KEYS: OptionKeys<MomentumOptions> = { ...OPTIMIZER_KEYS, useNesterov: true };

/**
 * Momentum SGD (MindSpore `nn.Momentum`, `ApplyMomentum`): `v ← u·v + g`, then
 * `p ← p − lr·v`, or with Nesterov `p ← p − lr·(g + u·v)`. `g` has the weight decay added
 * (parameters without 'beta'/'gamma' in their names unless grouped) and the loss scale removed.
 * @example
 * const opt = new nn.Momentum(net.trainableParams(), 0.1, 0.9);
 * opt.call(grads);
 */
export class Momentum extends Optimizer {
  readonly useNesterov: boolean;
  /** float32 scalar Parameter `momentum`. */
  momentum: Parameter;
  readonly moments: ParameterTuple;

  constructor(params: OptimizerParams, learningRate: LearningRate, momentum: number, options?: MomentumOptions) {
    checkArity(arguments.length, 4, 'Momentum');
    const { useNesterov = false, ...base } = checkOptions<MomentumOptions>(options, 'Momentum', MOMENTUM_KEYS);
    // Checked before any Parameter is made, so a refused argument leaks nothing.
    if (typeof momentum !== 'number')
      throw new TypeError(`For 'Momentum', the type of 'momentum' should be 'float', but got '${typeof momentum}'.`);
    if (!(momentum >= 0) || !Number.isFinite(momentum))
      throw new RangeError(`For 'Momentum', the argument 'momentum' must be at least 0.0, but got ${pyFloat(momentum)}`);
    checkBoolArg(useNesterov, 'useNesterov', 'Momentum');
    super(learningRate, params, base);
    this.useNesterov = useNesterov;
    try {
      this.momentum = this.own(new Parameter(initializer(momentum, [], 'float32'), 'momentum'));
      this.moments = this.cloneState('moments', 'zeros');
    } catch (err) {
      this.abandon(err);
    }
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const g = this.scaleGrad(this.decayWeight(grads));
      const lrs = this.lrPerParameter();
      this.incrementStep();
      this.parameters.forEach((p, i) => {
        const v = this.moments[i] as Parameter;
        const gi = g[i] as Tensor;
        const next = ops.add(ops.mul(v, this.momentum), gi);
        ops.assign(v, asDType(next, v.dtype));
        const direction = this.useNesterov ? ops.add(gi, ops.mul(next, this.momentum)) : next;
        descend(p, lrs[i] as Tensor, direction);
      });
    });
  }
}
