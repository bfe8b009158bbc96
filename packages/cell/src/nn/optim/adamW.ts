/**
 * `nn.AdamW`: the algorithm of `mindspore.experimental.optim.AdamW`
 * (mindspore/python/mindspore/experimental/optim/adamw.py, MindSpore master,
 * mindspore-ai/mindspore_test@147d6b73abfe71dcf7e1c9fd9a6e4da6a417b153; the same as
 * `mindspore.mint.optim.AdamW`): decoupled decay `p ← p·(1 − lr·λ)`, bias-corrected moments,
 * optional amsgrad and `maximize`, defaults `weightDecay` 1e-2 and `eps` 1e-8. It is built on
 * `nn.Optimizer` like `nn.Adam` here, so it takes `learningRate` in every form, parameter groups,
 * the 'beta'/'gamma' decay exclusion when not grouped and `global_step` (as the step `t`), and its
 * state has `nn.Adam`'s names `moment1.*`, `moment2.*`, `vhat.*` (the experimental class names
 * them `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq` and counts `state_step`).
 */
import * as ops from '@mindts/ops';
import type { Parameter, ParameterTuple } from '@mindts/parameter';
import type { OptionKeys, Tensor } from '@mindts/tensor';
import { checkAdamHyper } from './adam.js';
import type { LearningRate } from './learningRate.js';
import { asDType, Optimizer } from './optimizer.js';
import { lrOptions } from './optimizerArgs.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg } from './validation.js';

/**
 * Options of {@link AdamW}.
 * @example
 * new nn.AdamW(params, { learningRate: 1e-3, weightDecay: 0.05, amsgrad: true });
 */
export interface AdamWOptions {
  /** Default 1e-3. */
  learningRate?: LearningRate;
  /** Default 0.9, in (0, 1). */
  beta1?: number;
  /** Default 0.999, in (0, 1). */
  beta2?: number;
  /** Added to the corrected `√v`, > 0 (default 1e-8). */
  eps?: number;
  /** Decoupled decay λ, >= 0 (default 1e-2). */
  weightDecay?: number;
  /** AMSGrad: divide by the running maximum of `v` (default false). */
  amsgrad?: boolean;
  /** Ascend the objective instead (default false). */
  maximize?: boolean;
}

const ADAMW_KEYS: OptionKeys<AdamWOptions> = {
  learningRate: true,
  beta1: true,
  beta2: true,
  eps: true,
  weightDecay: true,
  amsgrad: true,
  maximize: true,
};

/**
 * Adam with decoupled weight decay: `p ← p·(1 − lr·λ)`, `m ← β₁m + (1 − β₁)g`,
 * `v ← β₂v + (1 − β₂)g²`, `p ← p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + eps)`.
 * @example
 * const opt = new nn.AdamW(net.trainableParams(), { learningRate: 1e-3, weightDecay: 0.01 });
 * opt.call(grads);
 */
export class AdamW extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  readonly moment1: ParameterTuple;
  readonly moment2: ParameterTuple;
  readonly vhat: ParameterTuple | null;

  /**
   * `new nn.AdamW(params, options?)`, or the positional rate `new nn.AdamW(params, 1e-3, options?)`.
   */
  constructor(params: OptimizerParams, options?: AdamWOptions);
  constructor(params: OptimizerParams, learningRate: LearningRate, options?: Omit<AdamWOptions, 'learningRate'>);
  constructor(params: OptimizerParams, lrOrOptions?: LearningRate | AdamWOptions, maybeOptions?: AdamWOptions) {
    const options = lrOptions<AdamWOptions>([lrOrOptions, maybeOptions], arguments.length - 1, 'AdamW', ADAMW_KEYS);
    const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 1e-2, amsgrad = false, maximize = false } = options;
    // Checked before any Parameter is made, so a refused argument leaks nothing.
    const hyper = checkAdamHyper(beta1, beta2, eps, 'AdamW');
    checkBoolArg(amsgrad, 'amsgrad', 'AdamW');
    checkBoolArg(maximize, 'maximize', 'AdamW');
    super(learningRate, params, { weightDecay });
    [this.beta1, this.beta2, this.eps] = hyper;
    this.amsgrad = amsgrad;
    this.maximize = maximize;
    try {
      this.moment1 = this.cloneState('moment1', 'zeros');
      this.moment2 = this.cloneState('moment2', 'zeros');
      this.vhat = amsgrad ? this.cloneState('vhat', 'zeros') : null;
    } catch (err) {
      this.abandon(err);
    }
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const lrs = this.lrPerParameter();
      this.incrementStep();
      const t = ops.cast(this.global_step, 'float32');
      const bc1 = ops.sub(1, ops.pow(this.beta1, t));
      const bc2Sqrt = ops.sqrt(ops.sub(1, ops.pow(this.beta2, t)));
      this.parameters.forEach((p, i) => {
        const lr = lrs[i] as Tensor;
        const g = this.maximize ? ops.neg(grads[i] as Tensor) : (grads[i] as Tensor);
        const wd = this.weightDecays[i] as number;
        const decayed = this.decayFlags[i] && wd > 0 ? ops.mul(p, ops.sub(1, ops.mul(lr, wd))) : p;
        const m = this.moment1[i] as Parameter;
        const v = this.moment2[i] as Parameter;
        const mNext = ops.add(ops.mul(m, this.beta1), ops.mul(g, 1 - this.beta1));
        const vNext = ops.add(ops.mul(v, this.beta2), ops.mul(ops.square(g), 1 - this.beta2));
        let vUsed = vNext;
        if (this.vhat) {
          const vh = this.vhat[i] as Parameter;
          vUsed = ops.maximum(vh, vNext);
          ops.assign(vh, asDType(vUsed, vh.dtype));
        }
        const denom = ops.add(ops.div(ops.sqrt(vUsed), bc2Sqrt), this.eps);
        const next = ops.sub(decayed, ops.mul(ops.div(mNext, denom), ops.div(lr, bc1)));
        ops.assign(m, asDType(mNext, m.dtype));
        ops.assign(v, asDType(vNext, v.dtype));
        ops.assign(p, asDType(next, p.dtype));
      });
    });
  }
}
