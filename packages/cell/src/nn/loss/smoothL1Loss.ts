/**
 * `nn.SmoothL1Loss`, after mindspore/python/mindspore/nn/loss/loss.py and `ops.smooth_l1_loss`
 * (MindSpore master, mindspore-ai/mindspore_test): default `beta` 1.0 and, unlike most losses,
 * default reduction `'none'`; `logits` and `labels` must have one shape and dtype.
 */
import * as ops from '@mindts/ops';
import { type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { positionalOptions } from '../checks.js';
import { checkIsTensor, LossBase, type Reduction } from './lossBase.js';

/**
 * Options of {@link SmoothL1Loss}.
 * @example
 * new nn.SmoothL1Loss({ beta: 0.5, reduction: 'mean' });
 */
export interface SmoothL1LossOptions {
  /** Where the loss turns from quadratic to linear; > 0 (default 1.0). */
  beta?: number;
  /** Default `'none'`, as in MindSpore. */
  reduction?: Reduction;
}

const SMOOTH_L1_KEYS: OptionKeys<SmoothL1LossOptions> = { beta: true, reduction: true };

/**
 * `0.5·d²/beta` where `d = |logits − labels| < beta`, else `d − 0.5·beta`, reduced by
 * `reduction` (default `'none'`) (MindSpore `nn.SmoothL1Loss`).
 * @example
 * const loss = new nn.SmoothL1Loss();
 * loss.call(tensor([1, 2, 3], 'float32'), tensor([1, 2, 2], 'float32')); // [0, 0, 0.5]
 */
export class SmoothL1Loss extends LossBase {
  readonly beta: number;

  /** `new nn.SmoothL1Loss(options?)`, or MindSpore's positional `new nn.SmoothL1Loss(beta, reduction)`. */
  constructor(...args: [options?: SmoothL1LossOptions] | [beta: number, reduction?: Reduction]) {
    const options = positionalOptions<SmoothL1LossOptions>(args, ['beta', 'reduction'], 'SmoothL1Loss', SMOOTH_L1_KEYS);
    super(options.reduction ?? 'none');
    const beta = options.beta ?? 1.0;
    if (typeof beta !== 'number' || Number.isNaN(beta)) {
      throw new TypeError(`For 'SmoothL1Loss', the 'beta' must be float, but got '${typeof beta}'.`);
    }
    if (!(beta > 0)) {
      // MindSpore (CPU/GPU): check_positive_float(beta, 'beta', 'SmoothL1Loss').
      throw new RangeError(`For 'SmoothL1Loss', the 'beta' must be float and must > 0, but got '${beta}' with type 'float'.`);
    }
    this.beta = beta;
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    checkIsTensor(logits, 'logits', 'SmoothL1Loss');
    checkIsTensor(labels, 'labels', 'SmoothL1Loss');
    if (logits.shape.length !== labels.shape.length || logits.shape.some((d, i) => d !== labels.shape[i])) {
      throw new RangeError(
        `For 'SmoothL1Loss', the shape of 'logits' must be the same as the shape of 'labels', but got [${logits.shape.join(', ')}] and [${labels.shape.join(', ')}].`,
      );
    }
    if (logits.dtype !== labels.dtype) {
      throw new TypeError(
        `For 'SmoothL1Loss', 'logits' and 'labels' must have the same dtype, but got ${logits.dtype} and ${labels.dtype}.`,
      );
    }
    return tidy(() => {
      const d = ops.abs(ops.sub(logits, labels));
      const quadratic = ops.div(ops.mul(ops.square(d), 0.5), this.beta);
      const linear = ops.sub(d, 0.5 * this.beta);
      return this.getLoss(ops.where(ops.less(d, this.beta), quadratic, linear));
    });
  }
}
