/**
 * `nn.MSELoss`, after mindspore/python/mindspore/nn/loss/loss.py (MindSpore master,
 * mindspore-ai/mindspore_test@1219d9c9441e5e3ba0516dcbce08f7fd8d740957).
 */
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { positionalOptions } from '../checks.js';
import { checkIsTensor, LOSS_KEYS, LossBase, type LossOptions, type Reduction } from './lossBase.js';

/**
 * The squared error `(logits − labels)²` (the two broadcast), reduced by `reduction` (default
 * `'mean'`) (MindSpore `nn.MSELoss`).
 * @example
 * const loss = new nn.MSELoss();
 * loss.call(tensor([1, 2, 3], 'float32'), tensor([1, 1, 1], 'float32')); // 1.6666667
 */
export class MSELoss extends LossBase {
  /** `new nn.MSELoss(options?)`, or MindSpore's positional `new nn.MSELoss('sum')`. */
  constructor(...args: [options?: LossOptions] | [reduction: Reduction]) {
    super(positionalOptions<LossOptions>(args, ['reduction'], 'MSELoss', LOSS_KEYS).reduction ?? 'mean');
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    checkIsTensor(logits, 'logits', 'MSELoss');
    checkIsTensor(labels, 'labels', 'MSELoss');
    return tidy(() => this.getLoss(ops.square(ops.sub(logits, labels))));
  }
}
