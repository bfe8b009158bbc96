/**
 * Loss scalers, MindSpore's `mindspore.amp.LossScaler`, `StaticLossScaler` and
 * `DynamicLossScaler`: multiply the loss before differentiation so small float16 gradients do
 * not flush to zero, divide the gradients after, and (dynamic) adapt the scale to overflows.
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkArity, Tensor, tensor, tidy } from '@mindts/tensor';
import { show } from '../nn/checks.js';
import { tensorList } from './allFinite.js';

function checkPositive(value: unknown, arg: string, cls: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`For '${cls}', the '${arg}' must be a finite number > 0, but got ${show(value)}.`);
  }
  return value;
}

/** `inputs` (a Tensor or a list) each multiplied by `factor` cast to its dtype, in the same form. */
function mulEach<T extends Tensor | readonly Tensor[]>(inputs: T, factor: Tensor, where: string): T {
  const list = tensorList(inputs, where);
  const out = tidy(() => list.map((t) => ops.mul(t, ops.cast(factor, t.dtype))));
  return (inputs instanceof Tensor ? out[0] : out) as T;
}

/**
 * The interface of a loss scaler (MindSpore `amp.LossScaler`): `scale` the loss, `unscale` the
 * gradients, `adjust` the scale to whether the gradients were finite.
 * @example
 * const scaler: amp.LossScaler = new amp.DynamicLossScaler(2 ** 16, 2, 1000);
 */
export abstract class LossScaler {
  /** The current scale: a float32 scalar Parameter (`scale_value`). */
  abstract readonly scaleValue: Parameter;
  /** Frees the scaler's Parameters (the scale, and a dynamic scaler's counter). */
  dispose(): void {
    for (const v of Object.values(this)) if (v instanceof Parameter) v.dispose();
  }
  /** `inputs` (a Tensor or a list) times the scale, each in its own dtype. */
  scale<T extends Tensor | readonly Tensor[]>(inputs: T): T {
    checkArity(arguments.length, 1, 'scale');
    return mulEach(inputs, this.scaleValue, 'scale');
  }
  /** `inputs` (a Tensor or a list) divided by the scale, each in its own dtype. */
  unscale<T extends Tensor | readonly Tensor[]>(inputs: T): T {
    checkArity(arguments.length, 1, 'unscale');
    const inverse = tidy(() => ops.reciprocal(this.scaleValue));
    try {
      return mulEach(inputs, inverse, 'unscale');
    } finally {
      inverse.dispose();
    }
  }
  /** Updates the scale after a step whose gradients were (`gradsFinite` true) or were not finite. */
  abstract adjust(gradsFinite: Tensor): boolean;
}

/**
 * A fixed loss scale (MindSpore `amp.StaticLossScaler(scale_value)`); `adjust` changes nothing
 * and returns false.
 * @example
 * const scaler = new amp.StaticLossScaler(1024);
 * const grads = scaler.unscale(gradFn(x, y)[1]); // the gradients of scaler.scale(loss)
 */
export class StaticLossScaler extends LossScaler {
  readonly scaleValue: Parameter;

  constructor(scaleValue: number) {
    super();
    checkArity(arguments.length, 1, 'StaticLossScaler');
    this.scaleValue = scalarParameter(checkPositive(scaleValue, 'scale_value', 'StaticLossScaler'), 'float32', 'scale_value');
  }

  adjust(gradsFinite: Tensor): boolean {
    checkArity(arguments.length, 1, 'adjust');
    void gradsFinite;
    return false;
  }
}

/**
 * A loss scale that adapts (MindSpore `amp.DynamicLossScaler(scale_value, scale_factor,
 * scale_window)`): after `scaleWindow` finite steps in a row it grows by `scaleFactor` (unless that
 * overflows float32); a step with non-finite gradients divides it by `scaleFactor`, never below 1,
 * and starts the count again. `counter` (an int32 Parameter) counts the finite steps.
 * @example
 * const scaler = new amp.DynamicLossScaler(2 ** 16, 2, 1000);
 * const finite = amp.allFinite(grads);
 * scaler.adjust(finite); // halves the scale after an overflow
 */
export class DynamicLossScaler extends LossScaler {
  readonly scaleValue: Parameter;
  readonly scaleFactor: number;
  readonly scaleWindow: number;
  /** Finite steps since the last change of scale. */
  readonly counter: Parameter;

  constructor(scaleValue: number, scaleFactor: number, scaleWindow: number) {
    super();
    checkArity(arguments.length, 3, 'DynamicLossScaler');
    const value = checkPositive(scaleValue, 'scale_value', 'DynamicLossScaler');
    this.scaleFactor = checkPositive(scaleFactor, 'scale_factor', 'DynamicLossScaler');
    if (!Number.isInteger(scaleWindow) || scaleWindow < 1) {
      throw new RangeError(`For 'DynamicLossScaler', the 'scale_window' must be an integer >= 1, but got ${show(scaleWindow)}.`);
    }
    this.scaleWindow = scaleWindow;
    this.scaleValue = scalarParameter(value, 'float32', 'scale_value');
    this.counter = scalarParameter(0, 'int32', 'counter');
  }

  adjust(gradsFinite: Tensor): boolean {
    checkArity(arguments.length, 1, 'adjust');
    if (!(gradsFinite instanceof Tensor) || gradsFinite.size !== 1) {
      throw new TypeError(
        `For 'adjust', the 'grads_finite' must be a one-element bool Tensor (amp.allFinite's result), but got ${show(gradsFinite)}.`,
      );
    }
    tidy(() => {
      const finite = ops.cast(ops.reshape(gradsFinite, []), 'bool');
      const grown = ops.mul(this.scaleValue, this.scaleFactor);
      const windowDone = ops.equal(this.counter, this.scaleWindow - 1);
      const onFinite = ops.where(ops.logicalAnd(windowDone, ops.isFinite(grown)), grown, this.scaleValue);
      const onOverflow = ops.maximum(ops.div(this.scaleValue, this.scaleFactor), 1);
      ops.assign(this.scaleValue, ops.where(finite, onFinite, onOverflow));
      const next = ops.mul(ops.mod(ops.add(this.counter, 1), this.scaleWindow), ops.cast(finite, 'int32'));
      ops.assign(this.counter, next);
    });
    return true;
  }
}

/** A scalar Parameter with no gradient; the tensor it is made from is freed. */
function scalarParameter(value: number, dtype: 'float32' | 'int32', name: string): Parameter {
  const t = tensor(value, dtype);
  try {
    return new Parameter(t, name, { requiresGrad: false });
  } finally {
    t.dispose();
  }
}
