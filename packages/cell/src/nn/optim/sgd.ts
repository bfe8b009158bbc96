/**
 * `nn.SGD`, after mindspore/python/mindspore/nn/optim/sgd.py (MindSpore 2.x,
 * mindspore-ai/mindspore@5f31f42512b24a75836c88f8b7950c5818f5a062) and the `SGD` CPU kernel
 * (mindspore/ccsrc/plugin/device/cpu/kernel/sgd_cpu_kernel.cc). As there, the weight decay is
 * applied inside the update to every parameter (the 'beta'/'gamma' exclusion of the other
 * optimizers does not apply), the first step with momentum sets `accum = gradient` (tracked by
 * the `stat` state, ones until then), and state is `accum.*`, `stat.*` and a `momentum`
 * Parameter. `global_step` is incremented every step, as every optimizer here does; the sgd.py
 * read does not increment it (MindSpore 2.x's `get_lr` did for dynamic rates, master's does not,
 * where `Momentum` and `Adam` increment it themselves).
 */
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter, type ParameterTuple } from '@mindts/parameter';
import type { OptionKeys, Tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';
import { asDType, descend, OPTIMIZER_KEYS, Optimizer, type OptimizerOptions } from './optimizer.js';
import { lrOptions } from './optimizerArgs.js';
import type { OptimizerParams } from './parameterGroups.js';
import { checkBoolArg, pyFloat } from './validation.js';

/**
 * Options of {@link SGD}, in MindSpore's order.
 * @example
 * new nn.SGD(params, { learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export interface SGDOptions extends OptimizerOptions {
  /** Default 0.1. */
  learningRate?: LearningRate;
  /** >= 0 (default 0: plain gradient descent). */
  momentum?: number;
  /** >= 0: the gradient enters the momentum as `(1 − dampening)·g` (default 0). */
  dampening?: number;
  /** Nesterov momentum; needs momentum > 0 and dampening 0 (default false). */
  nesterov?: boolean;
}

const SGD_KEYS: OptionKeys<SGDOptions> = { ...OPTIMIZER_KEYS, learningRate: true, momentum: true, dampening: true, nesterov: true };

/**
 * Stochastic gradient descent with optional momentum (MindSpore `nn.SGD`):
 * `g ← g + wd·p`; with momentum `v ← g` on the first step, then `v ← u·v + (1 − dampening)·g`,
 * and `g ← g + u·v` (Nesterov) or `g ← v`; finally `p ← p − lr·g`.
 * @example
 * const opt = new nn.SGD(net.trainableParams(), { learningRate: 0.01, momentum: 0.9 });
 * opt.call(grads); // one step, in place
 */
export class SGD extends Optimizer {
  readonly dampening: number;
  readonly nesterov: boolean;
  /** float32 scalar Parameter `momentum`. */
  momentum: Parameter;
  readonly accum: ParameterTuple;
  readonly stat: ParameterTuple;
  readonly #momentum: number;

  /**
   * `new nn.SGD(params, options?)`, or MindSpore's positional rate `new nn.SGD(params, 0.1, options?)`.
   */
  constructor(params: OptimizerParams, options?: SGDOptions);
  constructor(params: OptimizerParams, learningRate: LearningRate, options?: Omit<SGDOptions, 'learningRate'>);
  constructor(params: OptimizerParams, lrOrOptions?: LearningRate | SGDOptions, maybeOptions?: SGDOptions) {
    const options = lrOptions<SGDOptions>([lrOrOptions, maybeOptions], arguments.length - 1, 'SGD', SGD_KEYS);
    const { learningRate = 0.1, momentum = 0, dampening = 0, nesterov = false, ...base } = options;
    // Checked before any Parameter is made, so a refused argument leaks nothing.
    for (const [name, v] of [
      ['momentum', momentum],
      ['dampening', dampening],
    ] as const) {
      if (typeof v !== 'number') throw new TypeError(`For 'SGD', the argument '${name}' must be float type, but got ${typeof v}.`);
      if (!Number.isFinite(v)) throw new RangeError(`For 'SGD', the argument '${name}' must be a finite number, but got ${v}.`);
    }
    if (momentum < 0) throw new RangeError(`For 'SGD', the argument 'momentum' must be at least 0.0, but got ${pyFloat(momentum)}.`);
    if (dampening < 0)
      throw new RangeError(`For 'SGD', the argument 'dampening' must be at least 0.0, but got 'dampening' ${pyFloat(dampening)}`);
    checkBoolArg(nesterov, 'nesterov', 'SGD');
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new RangeError(
        `For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must equal to 0.0, but got 'momentum' ${pyFloat(momentum)}, 'dampening' ${pyFloat(dampening)}`,
      );
    }
    super(learningRate, params, base);
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.#momentum = momentum;
    try {
      this.momentum = this.own(new Parameter(initializer(momentum, [], 'float32'), 'momentum'));
      this.accum = this.cloneState('accum', 'zeros');
      this.stat = this.cloneState('stat', 'ones');
    } catch (err) {
      this.abandon(err);
    }
  }

  override construct(gradients: readonly Tensor[]): boolean {
    return this.step(gradients, (grads) => {
      const scaled = this.scaleGrad(grads);
      const lrs = this.lrPerParameter();
      this.incrementStep();
      this.parameters.forEach((p, i) => {
        // Grouped weight decays come preprocessed (times the loss scale), a single one raw, as in MindSpore.
        const wd = this.isGroup ? (this.weightDecays[i] as number) : (this.weightDecays[i] as number) / this.lossScale;
        let g = scaled[i] as Tensor;
        if (wd > 0) g = ops.add(g, ops.mul(p, wd));
        if (this.#momentum > 0) {
          const accum = this.accum[i] as Parameter;
          const stat = this.stat[i] as Parameter;
          const next = ops.where(ops.greater(stat, 0), g, ops.add(ops.mul(accum, this.momentum), ops.mul(g, 1 - this.dampening)));
          ops.assign(accum, asDType(next, accum.dtype));
          ops.assign(stat, 0);
          g = this.nesterov ? ops.add(g, ops.mul(next, this.momentum)) : next;
        }
        descend(p, lrs[i] as Tensor, g);
      });
    });
  }
}
