/**
 * `nn.DynamicLossScaleUpdateCell` and `nn.FixedLossScaleUpdateCell`, MindSpore's loss-scale
 * managers for `nn.TrainOneStepWithLossScaleCell`: `call(lossScale, overflow)` updates the scale
 * Parameter in place and returns `overflow`.
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkArity, Tensor, tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { show } from '../checks.js';

function checkScale(value: unknown, arg: string, cls: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`For '${cls}', the '${arg}' must be a finite number > 0, but got ${show(value)}.`);
  }
  return value;
}

function checkUpdateArgs(lossScale: unknown, overflow: unknown, cls: string): void {
  if (!(lossScale instanceof Parameter))
    throw new TypeError(`For '${cls}', the 'loss_scale' must be a Parameter, but got ${show(lossScale)}.`);
  if (!(overflow instanceof Tensor) || overflow.size !== 1) {
    throw new TypeError(`For '${cls}', the 'overflow' must be a one-element bool Tensor, but got ${show(overflow)}.`);
  }
}

/**
 * A loss scale that adapts (MindSpore `nn.DynamicLossScaleUpdateCell(loss_scale_value,
 * scale_factor, scale_window)`): an overflow divides the scale by `scaleFactor` (never below 1);
 * `scaleWindow` steps without one multiply it by `scaleFactor`. `cur_iter` and
 * `last_overflow_iter` are int32 Parameters, as MindSpore's.
 * @example
 * const manager = new nn.DynamicLossScaleUpdateCell(2 ** 12, 2, 1000);
 * const train = new nn.TrainOneStepWithLossScaleCell(withLoss, optimizer, manager);
 */
export class DynamicLossScaleUpdateCell extends Cell {
  readonly lossScaleValue: number;
  readonly scaleFactor: number;
  readonly scaleWindow: number;
  cur_iter: Parameter;
  last_overflow_iter: Parameter;

  constructor(lossScaleValue: number, scaleFactor: number, scaleWindow: number) {
    checkArity(arguments.length, 3, 'DynamicLossScaleUpdateCell');
    super();
    const cls = 'DynamicLossScaleUpdateCell';
    this.lossScaleValue = checkScale(lossScaleValue, 'loss_scale_value', cls);
    this.scaleFactor = checkScale(scaleFactor, 'scale_factor', cls);
    if (!Number.isInteger(scaleWindow) || scaleWindow < 1) {
      throw new RangeError(`For '${cls}', the 'scale_window' must be an integer >= 1, but got ${show(scaleWindow)}.`);
    }
    this.scaleWindow = scaleWindow;
    this.cur_iter = new Parameter(tensor(1, 'int32'), 'current_iterator_step', { requiresGrad: false });
    this.last_overflow_iter = new Parameter(tensor(0, 'int32'), 'last_overflow_iterator_step', { requiresGrad: false });
  }

  /** The initial loss scale (MindSpore `get_loss_scale`). */
  getLossScale(): number {
    return this.lossScaleValue;
  }

  override construct(lossScale: Parameter, overflow: Tensor): Tensor {
    checkUpdateArgs(lossScale, overflow, 'DynamicLossScaleUpdateCell');
    tidy(() => {
      const cond = ops.cast(ops.reshape(overflow, []), 'bool');
      const onOverflow = ops.where(cond, ops.maximum(ops.div(lossScale, this.scaleFactor), 1), lossScale);
      const shouldGrow = ops.lessEqual(this.scaleWindow, ops.sub(this.cur_iter, this.last_overflow_iter));
      ops.assign(this.last_overflow_iter, ops.where(ops.logicalOr(cond, shouldGrow), this.cur_iter, this.last_overflow_iter));
      const grow = ops.logicalAnd(shouldGrow, ops.logicalNot(cond));
      ops.assign(lossScale, ops.where(grow, ops.mul(onOverflow, this.scaleFactor), onOverflow));
      ops.assign(this.cur_iter, ops.add(this.cur_iter, 1));
    });
    return overflow;
  }
}

/**
 * A fixed loss scale (MindSpore `nn.FixedLossScaleUpdateCell(loss_scale_value)`): the scale never
 * changes; a step whose gradients overflow is still skipped.
 * @example
 * const train = new nn.TrainOneStepWithLossScaleCell(withLoss, optimizer, new nn.FixedLossScaleUpdateCell(1024));
 */
export class FixedLossScaleUpdateCell extends Cell {
  readonly lossScaleValue: number;

  constructor(lossScaleValue: number) {
    checkArity(arguments.length, 1, 'FixedLossScaleUpdateCell');
    super();
    this.lossScaleValue = checkScale(lossScaleValue, 'loss_scale_value', 'FixedLossScaleUpdateCell');
  }

  /** The loss scale (MindSpore `get_loss_scale`). */
  getLossScale(): number {
    return this.lossScaleValue;
  }

  override construct(lossScale: Parameter, overflow: Tensor): Tensor {
    checkUpdateArgs(lossScale, overflow, 'FixedLossScaleUpdateCell');
    return overflow;
  }
}
