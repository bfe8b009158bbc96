/**
 * ReLU6, after `ReLU6` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134).
 */
import * as ops from '@mindts/ops';
import type { Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkFloatInput } from './floatInput.js';

/**
 * `min(max(x, 0), 6)` elementwise (MindSpore `nn.ReLU6`). Float inputs only.
 * @example
 * new nn.ReLU6().call(tensor([-1, 2, 7], 'float32')); // [0, 2, 6]
 */
export class ReLU6 extends Cell {
  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'ReLU6');
    return ops.clip(x, 0, 6);
  }
}
