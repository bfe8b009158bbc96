/**
 * The base of the optimizers, after `Optimizer` in mindspore/python/mindspore/nn/optim/optimizer.py
 * (MindSpore master, mindspore-ai/mindspore_test@02031d7ee990e2f4330bd07d30bb7140fe973684): built with
 * `autoPrefix: false`; an int32 `global_step` of shape [1]; the learning rate as a Parameter
 * `learning_rate` (`learning_rate_group_<i>` per group) or a schedule; weight decay on every
 * parameter whose name has neither 'beta' nor 'gamma' unless parameters are grouped, in which
 * case each group with a decay > 0 decays. Every step reads the rate at the current
 * `global_step` and then increments it. Not supported: dynamic weight decay (a Cell),
 * gradient centralization, parallel and sparse paths.
 */
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter, ParameterTuple } from '@mindts/parameter';
import { checkArity, checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { typeName } from '../../cellState.js';
import { checkGradientList, releaseGradients } from './gradients.js';
import { type LearningRate, LearningRateSlot, parseLearningRate } from './learningRate.js';
import { type OptimizerParams, parseParameters } from './parameterGroups.js';
import { checkNonNegativeFloat, checkPositiveFloat } from './validation.js';

/**
 * Options every optimizer takes.
 * @example
 * new nn.Momentum(params, 0.1, 0.9, { weightDecay: 1e-4, lossScale: 1024 });
 */
export interface OptimizerOptions {
  /** L2 penalty added to the gradients, >= 0 (default 0). */
  weightDecay?: number;
  /** The loss scale the gradients carry; they are divided by it, > 0 (default 1). */
  lossScale?: number;
}

/** Every key of {@link OptimizerOptions}, for `checkOptions`. */
export const OPTIMIZER_KEYS: OptionKeys<OptimizerOptions> = { weightDecay: true, lossScale: true };

/**
 * The base class of optimizers (MindSpore `nn.Optimizer`). An optimizer is a Cell: `call(grads)`
 * applies one step in place to {@link parameters}, with `grads` in that order, as
 * `ops.valueAndGrad(fn, null, opt.parameters)` returns them. Subclasses clone state from
 * {@link parameters}, and in `construct(gradients)` read {@link getLr}, apply
 * {@link decayWeight} and {@link scaleGrad}, call {@link incrementStep} and update every
 * parameter in place with `ops.assign*`.
 *
 * Ownership of the gradients: `call(grads)` first checks every gradient (one per parameter, alive,
 * of the parameter's shape and dtype) and throws before anything is updated if one is wrong — then
 * no parameter, state, `global_step` or tensor changes and nothing is freed. Once the step is
 * applied it frees the gradient tensors it was handed, except Parameters and tensors marked with
 * `keep()`, so a plain loop of `valueAndGrad` + `opt.call(grads)` does not grow (dispose the loss
 * yourself, or use `tidy`). `keep()` a gradient to use it after the step. Calling `construct`
 * directly frees nothing. Under `jit` tracing the freeing only ends the traced call's eager
 * tensors; the compiled step keeps nothing either.
 * @example
 * const opt = new nn.SGD(net.trainableParams(), { learningRate: 0.01 });
 * const [loss, grads] = ops.valueAndGrad(forward, null, opt.parameters)(x, y);
 * opt.call(grads);
 * @example
 * class PlainSGD extends nn.Optimizer {
 *   override construct(gradients: Tensor[]) {
 *     tidy(() => {
 *       const lrs = this.lrPerParameter();
 *       this.incrementStep();
 *       this.parameters.forEach((p, i) => ops.assignSub(p, ops.mul(gradients[i], lrs[i])));
 *     });
 *     return true;
 *   }
 * }
 */
export abstract class Optimizer extends Cell {
  /** The parameters updated, in update order (MindSpore `parameters`). */
  readonly parameters: ParameterTuple;
  /** int32 `[1]`: the number of steps taken (registered under MindSpore's key `global_step`). */
  global_step: Parameter;
  /**
   * The learning-rate Parameter (`learning_rate`), the ParameterTuple of the groups' rates
   * (`learning_rate`, `learning_rate_group_<i>`), or the schedule. Declared without a field so
   * that a group rate named `learning_rate` can register under that key, as in MindSpore.
   */
  declare learning_rate: Parameter | ParameterTuple | LearningRateSlot['schedule'];
  readonly lossScale: number;
  readonly isGroup: boolean;
  readonly isGroupLr: boolean;
  /** Whether any learning rate changes with the step (an array or a schedule). */
  readonly dynamicLr: boolean;
  /** Per parameter: whether weight decay applies to it. */
  readonly decayFlags: readonly boolean[];
  /** Per parameter: its weight decay times the loss scale (what {@link decayWeight} adds). */
  readonly weightDecays: readonly number[];
  readonly #slots: readonly LearningRateSlot[];

  /** The Parameters this optimizer made (step, rates, state), freed if its construction fails. */
  readonly #owned: Parameter[] = [];

  constructor(learningRate: LearningRate, parameters: OptimizerParams, options: OptimizerOptions = {}) {
    super({ autoPrefix: false });
    const cls = this.constructor.name;
    const { weightDecay = 0, lossScale = 1 } = checkOptions<OptimizerOptions>(options, cls, OPTIMIZER_KEYS);
    // Everything is checked before the first Parameter is made, so a refused argument leaks nothing.
    this.lossScale = checkPositiveFloat(lossScale, 'lossScale', cls);
    const defaultLr = parseLearningRate(learningRate, cls);
    const { entries, isGroup } = parseParameters(parameters, defaultLr, cls);
    this.isGroup = isGroup;
    this.isGroupLr = entries.some((e) => e.lr !== null);
    const decay = (wd: unknown) => {
      // MindSpore also takes a Cell (dynamic weight decay), which mindts does not.
      if (typeof wd !== 'number')
        throw new TypeError(`For 'Optimizer', the argument 'weightDecay' must be int or float, but got ${typeName(wd)}.`);
      return checkNonNegativeFloat(wd, 'weightDecay', cls) * this.lossScale;
    };
    const base = decay(weightDecay);
    this.weightDecays = entries.map((e) => (e.weightDecay === null ? base : decay(e.weightDecay)));
    this.decayFlags = isGroup
      ? this.weightDecays.map((wd) => wd > 0)
      : entries.map((e) => !e.param.name.includes('beta') && !e.param.name.includes('gamma'));
    const params = new ParameterTuple(entries.map((e) => e.param));
    try {
      this.global_step = this.own(new Parameter(initializer(0, [1], 'int32'), 'global_step'));
      const defaultSlot = new LearningRateSlot(defaultLr, 'learning_rate');
      const groupSlots = new Map<number, LearningRateSlot>();
      const slots = [defaultSlot];
      this.#slots = entries.map((e) => {
        if (e.lr === null) return defaultSlot;
        let slot = groupSlots.get(e.group);
        if (!slot) {
          slot = new LearningRateSlot(e.lr, `learning_rate_group_${e.group}`);
          slots.push(slot);
          groupSlots.set(e.group, slot);
        }
        return slot;
      });
      for (const slot of slots) if (slot.parameter) this.own(slot.parameter);
      this.dynamicLr = this.#slots.some((s) => s.dynamic);
      const lrParams = [...new Set(this.#slots)].flatMap((s) => (s.parameter ? [s.parameter] : []));
      if (!this.isGroupLr) this.learning_rate = defaultSlot.parameter ?? defaultSlot.schedule;
      else this.learning_rate = new ParameterTuple(lrParams);
      if (this.isGroupLr && defaultSlot.parameter && !lrParams.includes(defaultSlot.parameter)) defaultSlot.parameter.dispose();
      this.parameters = params;
    } catch (err) {
      this.abandon(err);
    }
  }

  /**
   * Records a Parameter (or each of a ParameterTuple) this optimizer made, so that
   * {@link abandon} frees it if the construction fails. Returns its argument.
   * @example
   * this.momentum = this.own(new Parameter(initializer(0.9, [], 'float32'), 'momentum'));
   */
  protected own<T extends Parameter | ParameterTuple>(made: T): T {
    if (made instanceof Parameter) this.#owned.push(made);
    else this.#owned.push(...(made as ParameterTuple));
    return made;
  }

  /**
   * Frees every Parameter recorded with {@link own} and rethrows `err`: what a subclass
   * constructor calls when building its state fails, so a failed `new` leaks nothing.
   * @example
   * try { this.moments = this.cloneState('moments', 'zeros'); } catch (err) { this.abandon(err); }
   */
  protected abandon(err: unknown): never {
    for (const p of this.#owned) p.dispose();
    this.#owned.length = 0;
    throw err;
  }

  /**
   * The optimizer's step counter, the Parameter registered as `global_step`.
   * @example
   * opt.globalStep.dataSync(); // Int32Array [3] after three steps
   */
  get globalStep(): Parameter {
    return this.global_step;
  }

  /**
   * The weight decay (times the loss scale): one number, or one per parameter when grouped
   * (MindSpore `get_weight_decay`).
   * @example
   * new nn.Adam(params, { weightDecay: 0.01 }).getWeightDecay(); // 0.01
   */
  getWeightDecay(): number | readonly number[] {
    return this.isGroup ? this.weightDecays : (this.weightDecays[0] ?? 0);
  }

  /**
   * The learning rate at the current step: a float32 scalar, or one per parameter when groups
   * set their own (MindSpore `get_lr`). Call it inside `tidy`; a fixed rate is its Parameter.
   * @example
   * const lr = tidy(() => opt.getLr() as Tensor).dataSync();
   */
  getLr(): Tensor | Tensor[] {
    const lrs = this.lrPerParameter();
    return this.isGroupLr ? lrs : (lrs[0] as Tensor);
  }

  /**
   * The learning rate of each parameter at the current step (shared Tensors for shared rates).
   * @example
   * const lrs = this.lrPerParameter(); // in a subclass's construct
   */
  lrPerParameter(): Tensor[] {
    const values = new Map<LearningRateSlot, Tensor>();
    return this.#slots.map((slot) => {
      let v = values.get(slot);
      if (!v) values.set(slot, (v = slot.at(this.global_step)));
      return v;
    });
  }

  /**
   * The learning-rate Parameter of `param` (or of each, for an array); for a schedule, the
   * schedule function (MindSpore `get_lr_parameter`).
   * @example
   * opt.getLrParameter(net.dense.weight).dataSync(); // [0.05]
   */
  getLrParameter(param: Parameter): Parameter | LearningRateSlot['schedule'];
  getLrParameter(param: Parameter[]): (Parameter | LearningRateSlot['schedule'])[];
  getLrParameter(param: Parameter | Parameter[]): unknown {
    const list = param instanceof Parameter ? [param] : Array.isArray(param) ? param : null;
    if (!list) throw new TypeError(`For 'get_lr_parameter', the 'param' must be 'Parameter' or 'list' type, but got ${typeName(param)}.`);
    const out = list.map((p) => {
      const index = this.parameters.indexOf(p);
      if (index < 0) {
        throw new RangeError(
          `For 'get_lr_parameter', the parameter ${p.name} is not in optimizer, please check whether the argument 'param' is correct.`,
        );
      }
      const slot = this.#slots[index] as LearningRateSlot;
      return slot.parameter ?? slot.schedule;
    });
    return param instanceof Parameter ? out[0] : out;
  }

  /**
   * `gradient + weightDecay · parameter` for every parameter whose decay flag is set
   * (MindSpore `decay_weight`). Returns new Tensors where it changes a gradient.
   * @example
   * const decayed = this.decayWeight(gradients);
   */
  decayWeight(gradients: readonly Tensor[]): Tensor[] {
    return gradients.map((g, i) => {
      const wd = this.weightDecays[i] as number;
      return this.decayFlags[i] && wd > 0 ? ops.add(ops.mul(this.parameters[i] as Parameter, wd), g) : g;
    });
  }

  /**
   * The gradients divided by the loss scale (MindSpore `scale_grad`).
   * @example
   * const unscaled = this.scaleGrad(gradients);
   */
  scaleGrad(gradients: readonly Tensor[]): Tensor[] {
    return this.lossScale === 1 ? [...gradients] : gradients.map((g) => ops.mul(g, 1 / this.lossScale));
  }

  /**
   * `parameters.clone(prefix, init)`: state named `prefix.<name>` (MindSpore's
   * `self._parameters.clone(prefix=…, init=…)`). Runs in `tidy`, which frees the initializer
   * tensor `Parameter.clone` leaves behind.
   * @example
   * this.moments = this.cloneState('moments', 'zeros');
   */
  protected cloneState(prefix: string, init: 'zeros' | 'ones'): ParameterTuple {
    return this.own(tidy(() => this.parameters.clone(prefix, init)));
  }

  /**
   * `global_step += 1`, in place.
   * @example
   * this.incrementStep();
   */
  incrementStep(): void {
    ops.assignAdd(this.global_step, 1);
  }

  /**
   * Checks that `gradients` has one live Tensor per parameter, of its shape and dtype; returns
   * them as an array. Reads nothing from the device.
   * @example
   * const grads = this.checkGradients(gradients);
   */
  checkGradients(gradients: unknown): Tensor[] {
    return checkGradientList(gradients, this.parameters, this.constructor.name);
  }

  /**
   * One step (MindSpore's `optimizer(grads)`): checks every gradient, runs {@link construct},
   * then frees the gradients it was handed except Parameters and `keep()`-ed tensors (see the
   * class documentation). A refused gradient throws before anything changes or is freed.
   * @example
   * const [loss, grads] = gradFn(x, y);
   * opt.call(grads); // the gradients are freed
   * loss.dispose();
   */
  override call(...inputs: Parameters<this['construct']>): ReturnType<this['construct']> {
    checkArity(inputs.length, 1, `${this.constructor.name}.call`);
    const grads = this.checkGradients(inputs[0]);
    const done = this.construct(grads);
    releaseGradients(grads);
    return done as ReturnType<this['construct']>;
  }

  /** Applies one update with `gradients` (one per parameter, in {@link parameters} order); returns true. */
  abstract override construct(gradients: readonly Tensor[]): boolean;

  /**
   * Runs one step in `tidy`, after checking the gradients: `update(grads)` updates the
   * parameters in place. For subclasses.
   * @example
   * override construct(gradients: Tensor[]) { return this.step(gradients, (g) => { … }); }
   */
  protected step(gradients: readonly Tensor[], update: (gradients: Tensor[]) => void): boolean {
    const grads = this.checkGradients(gradients);
    tidy(() => update(grads));
    return true;
  }
}

/** `value` cast to `dtype` when it differs (updates are computed in float32 next to float32 rates). */
export function asDType(value: Tensor, dtype: Tensor['dtype']): Tensor {
  return value.dtype === dtype ? value : ops.cast(value, dtype);
}

/**
 * `p ← p − lr·direction` in place: one fused pass (`ops.applyGradientDescent`) when the three
 * share a dtype, else the product in the promoted dtype cast to the parameter's, subtracted.
 * @example
 * descend(p, lrs[i], g); // in a subclass's construct
 */
export function descend(p: Parameter, lr: Tensor, direction: Tensor): void {
  if (direction.dtype === p.dtype && lr.dtype === p.dtype && (p.dtype === 'float32' || p.dtype === 'float16')) {
    ops.applyGradientDescent(p, lr, direction);
  } else {
    ops.assignSub(p, asDType(ops.mul(direction, lr), p.dtype));
  }
}
