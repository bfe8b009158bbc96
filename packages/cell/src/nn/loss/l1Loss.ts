/**
 * `nn.L1Loss`, after mindspore/python/mindspore/nn/loss/loss.py and `ops.l1_loss` in
 * mindspore/python/mindspore/ops/function/nn_func.py (MindSpore master, mindspore-ai/mindspore_test).
 */
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { positionalOptions } from '../checks.js';
import { checkIsTensor, LOSS_KEYS, LossBase, type LossOptions, type Reduction } from './lossBase.js';

/**
 * The mean absolute error `|logits − labels|` (the two broadcast), reduced by `reduction`
 * (default `'mean'`) (MindSpore `nn.L1Loss`).
 * @example
 * const loss = new nn.L1Loss();
 * loss.call(tensor([1, 2, 3], 'float32'), tensor([1, 2, 2], 'float32')); // 0.33333334
 */
export class L1Loss extends LossBase {
  /** `new nn.L1Loss(options?)`, or MindSpore's positional `new nn.L1Loss('sum')`. */
  constructor(...args: [options?: LossOptions] | [reduction: Reduction]) {
    super(positionalOptions<LossOptions>(args, ['reduction'], 'L1Loss', LOSS_KEYS).reduction ?? 'mean');
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    checkIsTensor(logits, 'logits', 'L1Loss');
    checkIsTensor(labels, 'labels', 'L1Loss');
    return tidy(() => this.getLoss(ops.abs(ops.sub(logits, labels))));
  }
}
