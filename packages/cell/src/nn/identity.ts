/**
 * Identity, after `Identity` in mindspore/python/mindspore/nn/layer/basic.py (MindSpore 2.x).
 */
import * as ops from '@mindts/ops';
import { Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { typeName } from '../cellState.js';

/**
 * Returns a new Tensor with the input's shape, dtype and values (MindSpore `nn.Identity`, whose
 * `P.Identity` also returns a new Tensor): disposing one does not free the other. Any dtype;
 * gradients pass through unchanged. A placeholder where a layer is optional.
 * @example
 * const head = useHead ? new nn.Dense(8, 8) : new nn.Identity();
 * new nn.Identity().call(tensor([1, 2, 3])); // int32 [1, 2, 3], a new Tensor
 */
export class Identity extends Cell {
  override construct(x: Tensor): Tensor {
    // MindSpore: "TypeError: If `x` is not a Tensor."
    if (!(x instanceof Tensor)) throw new TypeError(`For 'Identity', the input must be a Tensor, but got ${typeName(x)}.`);
    return ops.reshape(x, x.shape);
  }
}
