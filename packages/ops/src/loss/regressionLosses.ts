/**
 * The functional regression losses: mean squared error, L1 and smooth L1 (MindSpore
 * `ops.mse_loss`, `ops.l1_loss`, `ops.smooth_l1_loss`), composed from elementwise ops.
 */
import { checkArity, checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { broadcastShapes, shapeString } from '@mindts/tensor/backend';
import { mul, sub } from '../binary.js';
import { less } from '../compare.js';
import { describe } from '../operand.js';
import { abs, square } from '../unary.js';
import { where } from '../where.js';
import { checkFloat, checkReduction, type LossReduction, reduceLoss } from './reduction.js';

/**
 * Options of {@link mseLoss} and {@link l1Loss}.
 * @example
 * ops.l1Loss(x, y, { reduction: 'none' });
 */
export interface RegressionLossOptions {
  /** Default `'mean'`. */
  reduction?: LossReduction;
}
const REDUCTION_KEYS: OptionKeys<RegressionLossOptions> = { reduction: true };

/**
 * Options of {@link smoothL1Loss}.
 * @example
 * ops.smoothL1Loss(x, y, { beta: 0.5, reduction: 'mean' });
 */
export interface SmoothL1LossOptions {
  /** Where the loss turns from quadratic to linear, > 0 (default 1). */
  beta?: number;
  /** Default `'none'`, as MindSpore's `ops.smooth_l1_loss`. */
  reduction?: LossReduction;
}
const SMOOTH_KEYS: OptionKeys<SmoothL1LossOptions> = { beta: true, reduction: true };

/** The elementwise difference of two float tensors that broadcast together. */
function difference(op: string, input: Tensor, target: Tensor): Tensor {
  checkFloat(input, op, 'input');
  checkFloat(target, op, 'target');
  try {
    broadcastShapes(input.shape, target.shape);
  } catch (err) {
    throw new RangeError(`${op}: input ${shapeString(input.shape)} and target ${shapeString(target.shape)} cannot be broadcast together.`, {
      cause: err,
    });
  }
  return sub(input, target);
}

/**
 * `(input − target)²` elementwise, then the mean (default), the sum or nothing (MindSpore
 * `ops.mse_loss`). The two broadcast together.
 * @example
 * ops.mseLoss(tensor([1, 2, 3], 'float32'), tensor([1, 1, 1], 'float32')); // float32 1.6667
 */
export function mseLoss(input: Tensor, target: Tensor, options?: RegressionLossOptions): Tensor {
  checkArity(arguments.length, 3, 'mseLoss');
  const reduction = checkReduction(checkOptions<RegressionLossOptions>(options, 'mseLoss', REDUCTION_KEYS).reduction ?? 'mean', 'mseLoss');
  return tidy(() => reduceLoss(square(difference('mseLoss', input, target)), reduction));
}

/**
 * `|input − target|` elementwise, then the mean (default), the sum or nothing (MindSpore
 * `ops.l1_loss`). The two broadcast together.
 * @example
 * ops.l1Loss(tensor([1, 2, 3], 'float32'), tensor([1, 1, 1], 'float32')); // float32 1
 */
export function l1Loss(input: Tensor, target: Tensor, options?: RegressionLossOptions): Tensor {
  checkArity(arguments.length, 3, 'l1Loss');
  const reduction = checkReduction(checkOptions<RegressionLossOptions>(options, 'l1Loss', REDUCTION_KEYS).reduction ?? 'mean', 'l1Loss');
  return tidy(() => reduceLoss(abs(difference('l1Loss', input, target)), reduction));
}

/**
 * The smooth L1 (Huber-like) loss: `0.5·d²/beta` where `|d| < beta`, else `|d| − 0.5·beta`,
 * with `d = input − target`; not reduced by default (MindSpore `ops.smooth_l1_loss`, whose
 * default reduction is `'none'`).
 * @example
 * ops.smoothL1Loss(tensor([1, 2, 3], 'float32'), tensor([1, 2, 2], 'float32')); // float32 [0, 0, 0.5]
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options?: SmoothL1LossOptions): Tensor {
  checkArity(arguments.length, 3, 'smoothL1Loss');
  const { beta = 1, reduction = 'none' } = checkOptions<SmoothL1LossOptions>(options, 'smoothL1Loss', SMOOTH_KEYS);
  if (typeof beta !== 'number' || !(beta > 0)) throw new RangeError(`smoothL1Loss: beta must be a number > 0, but got ${describe(beta)}.`);
  const r = checkReduction(reduction, 'smoothL1Loss');
  return tidy(() => {
    const d = abs(difference('smoothL1Loss', input, target));
    const quadratic = mul(square(d), 0.5 / beta);
    const linear = sub(d, 0.5 * beta);
    return reduceLoss(where(less(d, beta), quadratic, linear), r);
  });
}
