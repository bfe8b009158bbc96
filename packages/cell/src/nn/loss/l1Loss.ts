/**
 * `nn.L1Loss`, after mindspore/python/mindspore/nn/loss/loss.py and `ops.l1_loss` in
 * mindspore/python/mindspore/ops/function/nn_func.py (MindSpore master, mindspore-ai/mindspore_test).
 */
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { checkIsTensor, LossBase, type LossOptions } from './lossBase.js';

/**
 * The mean absolute error `|logits − labels|` (the two broadcast), reduced by `reduction`
 * (default `'mean'`) (MindSpore `nn.L1Loss`).
 * @example
 * const loss = new nn.L1Loss();
 * loss.call(tensor([1, 2, 3], 'float32'), tensor([1, 2, 2], 'float32')); // 0.33333334
 */
export class L1Loss extends LossBase {
  constructor(options: LossOptions = {}) {
    super(options.reduction ?? 'mean');
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    checkIsTensor(logits, 'logits', 'L1Loss');
    checkIsTensor(labels, 'labels', 'L1Loss');
    return tidy(() => this.getLoss(ops.abs(ops.sub(logits, labels))));
  }
}
