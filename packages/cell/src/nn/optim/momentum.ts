/**
 * `nn.Momentum`, after mindspore/python/mindspore/nn/optim/momentum.py (MindSpore master,
 * mindspore-ai/mindspore_test@df0355ebc5f5e7fe0c859031727f3fffab399725) and the `ApplyMomentum`
 * primitive: state `moments.*` and a `momentum` Parameter.
 */
import * as ops from '@mindts/ops';
import { Parameter, type ParameterTuple } from '@mindts/parameter';
import { type Tensor, tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, descend, Optimizer, type OptimizerOptions } from './optimizer.js';
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

  constructor(params: OptimizerParams, learningRate: LearningRate, momentum: number, options: MomentumOptions = {}) {
    const { useNesterov = false, ...base } = options;
    super(learningRate, params, base);
    if (typeof momentum !== 'number')
      throw new TypeError(`For 'Momentum', the type of 'momentum' should be 'float', but got '${typeof momentum}'.`);
    if (momentum < 0) throw new RangeError(`For 'Momentum', the argument 'momentum' must be at least 0.0, but got ${pyFloat(momentum)}`);
    this.useNesterov = checkBoolArg(useNesterov, 'useNesterov', 'Momentum');
    const m = tensor(momentum, 'float32');
    this.momentum = new Parameter(m, 'momentum');
    m.dispose();
    this.moments = this.cloneState('moments', 'zeros');
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
