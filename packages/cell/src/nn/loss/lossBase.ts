/**
 * The base of the losses, after `LossBase` in mindspore/python/mindspore/nn/loss/loss.py
 * (MindSpore master, mirrored in mindspore-ai/mindspore_test@1219d9c9441e5e3ba0516dcbce08f7fd8d740957).
 */
import * as ops from '@mindts/ops';
import { checkArity, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { typeName } from '../../cellState.js';

/**
 * How a loss reduces its per-element values: `'mean'`, `'sum'` or `'none'` (no reduction).
 * @example
 * const reduction: nn.Reduction = 'sum';
 */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * Options every loss takes.
 * @example
 * new nn.MSELoss({ reduction: 'sum' });
 */
export interface LossOptions {
  /** `'mean'` (the usual default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/** Every key of {@link LossOptions}, for `checkOptions`. */
export const LOSS_KEYS: OptionKeys<LossOptions> = { reduction: true };

/** MindSpore's reduction check: "the 'reduction' must be in ['mean', 'sum', 'none'], but got …". */
export function checkReduction(reduction: unknown, cls: string): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(`For '${cls}', the 'reduction' must be in ['mean', 'sum', 'none'], but got ${String(reduction)}.`);
  }
  return reduction;
}

/** MindSpore's `_check_is_tensor`. */
export function checkIsTensor(value: unknown, arg: string, cls: string): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`For '${cls}', the '${arg}' must be a Tensor, but got '${typeName(value)}'.`);
  return value;
}

/**
 * The base class of losses (MindSpore `nn.LossBase`): subclasses compute per-element values in
 * `construct` and reduce them with {@link LossBase.getLoss}.
 * @example
 * class AbsLoss extends nn.LossBase {
 *   override construct(logits: Tensor, labels: Tensor) { return this.getLoss(ops.abs(ops.sub(logits, labels))); }
 * }
 * new AbsLoss().call(tensor([1, 2, 3], 'float32'), tensor([1, 2, 2], 'float32')); // 0.3333
 */
export class LossBase extends Cell {
  readonly reduction: Reduction;

  constructor(reduction: Reduction = 'mean') {
    checkArity(arguments.length, 1, new.target.name);
    super();
    this.reduction = checkReduction(reduction, this.constructor.name);
  }

  /**
   * `weights · x` (computed in float32), then the mean or sum over every axis unless the
   * reduction is `'none'`, cast back to `x`'s dtype (MindSpore `get_loss`).
   * @example
   * override construct(a: Tensor, b: Tensor) { return this.getLoss(ops.square(ops.sub(a, b))); }
   */
  getLoss(x: Tensor, weights: Tensor | number = 1): Tensor {
    return tidy(() => {
      let y: Tensor = ops.cast(x, 'float32');
      if (weights !== 1) y = ops.mul(y, weights instanceof Tensor ? ops.cast(weights, 'float32') : weights);
      if (this.reduction === 'mean') y = ops.mean(y);
      else if (this.reduction === 'sum') y = ops.sum(y);
      return x.dtype === 'float32' ? y : ops.cast(y, x.dtype);
    });
  }

  override construct(_logits: Tensor, _labels: Tensor): Tensor {
    throw new Error(`For '${this.constructor.name}', the method 'construct' is not defined.`);
  }
}
