/**
 * `nn.Adam`, after mindspore/python/mindspore/nn/optim/adam.py (MindSpore master,
 * mindspore-ai/mindspore_test@02031d7ee990e2f4330bd07d30bb7140fe973684) and the `Adam` and
 * `ApplyAdamWithAmsgradV2` CPU kernels (mindspore/ccsrc/plugin/device/cpu/kernel/adam_cpu_kernel.cc,
 * apply_adam_with_amsgrad_v2_cpu_kernel.cc): state `moment1.*`, `moment2.*` (and `vhat.*` with
 * amsgrad), float32 scalars `beta1_power`, `beta2_power`; the bias correction is folded into the
 * rate, `lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`, and `eps` is added to `√v`. The weight decay is an L2 term
 * added to the gradient. Not supported: `useLocking`, `use_lazy`, `use_offload`.
 */
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter, type ParameterTuple } from '@mindts/parameter';
import type { OptionKeys, Tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, OPTIMIZER_KEYS, Optimizer, type OptimizerOptions } from './optimizer.js';
import { lrOptions } from './optimizerArgs.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg, checkOpenUnitRange, checkPositiveFloat } from './validation.js';

/**
 * Options of {@link Adam}, in MindSpore's order.
 * @example
 * new nn.Adam(params, { learningRate: 1e-3, beta2: 0.99, useAmsgrad: true });
 */
export interface AdamOptions extends OptimizerOptions {
  /** Default 1e-3. */
  learningRate?: LearningRate;
  /** Decay of the first moment, in (0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the second moment, in (0, 1) (default 0.999). */
  beta2?: number;
  /** Added to `√v`, > 0 (default 1e-8). */
  eps?: number;
  /** Nesterov's variant of the first moment (default false; ignored with amsgrad, as in MindSpore). */
  useNesterov?: boolean;
  /** AMSGrad: divide by the running maximum of `v` (default false). */
  useAmsgrad?: boolean;
}

const ADAM_KEYS: OptionKeys<AdamOptions> = {
  ...OPTIMIZER_KEYS,
  learningRate: true,
  beta1: true,
  beta2: true,
  eps: true,
  useNesterov: true,
  useAmsgrad: true,
};

/** MindSpore's `_check_param_value` of adam.py. */
export function checkAdamHyper(beta1: unknown, beta2: unknown, eps: unknown, cls: string): [number, number, number] {
  return [checkOpenUnitRange(beta1, 'beta1', cls), checkOpenUnitRange(beta2, 'beta2', cls), checkPositiveFloat(eps, 'eps', cls)];
}

/**
 * Adam (MindSpore `nn.Adam`): `m ← m + (g − m)(1 − β₁)`, `v ← v + (g² − v)(1 − β₂)`,
 * `p ← p − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + eps)`; with amsgrad `v̂ ← max(v̂, v)` replaces `v`
 * in the denominator. `g` has the weight decay added (parameters without 'beta'/'gamma' in their
 * names unless grouped) and the loss scale removed.
 * @example
 * const opt = new nn.Adam(net.trainableParams(), { learningRate: 1e-3 });
 * const [loss, grads] = ops.valueAndGrad(forward, null, opt.parameters)(x, y);
 * opt.call(grads);
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly useNesterov: boolean;
  readonly useAmsgrad: boolean;
  /** float32 scalar `β₁ᵗ` (registered under MindSpore's key `beta1_power`). */
  beta1_power: Parameter;
  /** float32 scalar `β₂ᵗ` (registered under MindSpore's key `beta2_power`). */
  beta2_power: Parameter;
  readonly moment1: ParameterTuple;
  readonly moment2: ParameterTuple;
  readonly vhat: ParameterTuple | null;

  /**
   * `new nn.Adam(params, options?)`, or MindSpore's positional rate `new nn.Adam(params, 1e-3, options?)`.
   */
  constructor(params: OptimizerParams, options?: AdamOptions);
  constructor(params: OptimizerParams, learningRate: LearningRate, options?: Omit<AdamOptions, 'learningRate'>);
  constructor(params: OptimizerParams, lrOrOptions?: LearningRate | AdamOptions, maybeOptions?: AdamOptions) {
    const options = lrOptions<AdamOptions>([lrOrOptions, maybeOptions], arguments.length - 1, 'Adam', ADAM_KEYS);
    const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, useNesterov = false, useAmsgrad = false, ...base } = options;
    // Checked before any Parameter is made, so a refused argument leaks nothing.
    const hyper = checkAdamHyper(beta1, beta2, eps, 'Adam');
    checkBoolArg(useNesterov, 'useNesterov', 'Adam');
    checkBoolArg(useAmsgrad, 'useAmsgrad', 'Adam');
    super(learningRate, params, base);
    [this.beta1, this.beta2, this.eps] = hyper;
    this.useNesterov = useNesterov;
    this.useAmsgrad = useAmsgrad;
    try {
      this.beta1_power = this.own(new Parameter(initializer(1, [], 'float32'), 'beta1_power'));
      this.beta2_power = this.own(new Parameter(initializer(1, [], 'float32'), 'beta2_power'));
      this.moment1 = this.cloneState('moment1', 'zeros');
      this.moment2 = this.cloneState('moment2', 'zeros');
      this.vhat = useAmsgrad ? this.cloneState('vhat', 'zeros') : null;
    } catch (err) {
      this.abandon(err);
    }
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const g = this.scaleGrad(this.decayWeight(grads));
      const lrs = this.lrPerParameter();
      this.incrementStep();
      const b1p = ops.assign(this.beta1_power, ops.mul(this.beta1_power, this.beta1));
      const b2p = ops.assign(this.beta2_power, ops.mul(this.beta2_power, this.beta2));
      const correction = ops.div(ops.sqrt(ops.sub(1, b2p)), ops.sub(1, b1p));
      this.parameters.forEach((p, i) => {
        const gi = g[i] as Tensor;
        const m = this.moment1[i] as Parameter;
        const v = this.moment2[i] as Parameter;
        const mNext = ops.add(m, ops.mul(ops.sub(gi, m), 1 - this.beta1));
        const vNext = ops.add(v, ops.mul(ops.sub(ops.square(gi), v), 1 - this.beta2));
        let denomBase = vNext;
        if (this.vhat) {
          const vh = this.vhat[i] as Parameter;
          denomBase = ops.maximum(vh, vNext);
          ops.assign(vh, asDType(denomBase, vh.dtype));
        }
        const numerator = this.useNesterov && !this.vhat ? ops.add(ops.mul(mNext, this.beta1), ops.mul(gi, 1 - this.beta1)) : mNext;
        const update = ops.div(ops.mul(numerator, ops.mul(lrs[i] as Tensor, correction)), ops.add(ops.sqrt(denomBase), this.eps));
        ops.assign(m, asDType(mNext, m.dtype));
        ops.assign(v, asDType(vNext, v.dtype));
        ops.assignSub(p, asDType(update, p.dtype));
      });
    });
  }
}
