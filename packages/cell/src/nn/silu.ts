/**
 * SiLU, after `SiLU` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134).
 */
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkFloatInput } from './floatInput.js';

/**
 * The sigmoid linear unit (swish), `x·sigmoid(x)` elementwise (MindSpore `nn.SiLU`). Float
 * inputs only.
 * @example
 * new nn.SiLU().call(tensor([-1, 2], 'float32')); // [-0.2689, 1.7616]
 */
export class SiLU extends Cell {
  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'SiLU');
    return tidy(() => ops.mul(x, ops.sigmoid(x)));
  }
}
