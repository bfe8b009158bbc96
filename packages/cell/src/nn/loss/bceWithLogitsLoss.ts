/**
 * `nn.BCEWithLogitsLoss`, after mindspore/python/mindspore/nn/loss/loss.py and
 * `ops.binary_cross_entropy_with_logits` (MindSpore master, mindspore-ai/mindspore_test): the
 * stable form `(1 − y)·x + (1 + (posWeight − 1)·y)·softplus(−x)`, times `weight`, then reduced.
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { positionalOptions } from '../checks.js';
import { typeName } from '../../cellState.js';
import { checkIsTensor, LossBase, type Reduction } from './lossBase.js';

/**
 * Options of {@link BCEWithLogitsLoss}, in MindSpore's order.
 * @example
 * new nn.BCEWithLogitsLoss({ reduction: 'sum', posWeight: tensor([2, 1], 'float32') });
 */
export interface BCEWithLogitsLossOptions {
  /** Default `'mean'`. */
  reduction?: Reduction;
  /** A weight broadcast against the per-element loss (default none). Not a Parameter. */
  weight?: Tensor | null;
  /** A weight of the positive term per class, broadcast against the input (default none). Not a Parameter. */
  posWeight?: Tensor | null;
}

const BCE_KEYS: OptionKeys<BCEWithLogitsLossOptions> = { reduction: true, weight: true, posWeight: true };

/**
 * Binary cross entropy of `sigmoid(input)` against `target` (same shape), computed from the logits
 * without overflow, reduced by `reduction` (default `'mean'`) (MindSpore `nn.BCEWithLogitsLoss`).
 * @example
 * const loss = new nn.BCEWithLogitsLoss();
 * loss.call(tensor([[-0.8, 1.2, 0.7], [-0.1, -0.4, 0.7]], 'float32'),
 *   tensor([[0.3, 0.8, 1.2], [-0.6, 0.1, 2.2]], 'float32')); // 0.3463612
 */
export class BCEWithLogitsLoss extends LossBase {
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;

  /** `new nn.BCEWithLogitsLoss(options?)`, or MindSpore's positional `(reduction, weight, posWeight)`. */
  constructor(...args: [options?: BCEWithLogitsLossOptions] | [reduction: Reduction, weight?: Tensor, posWeight?: Tensor]) {
    const options = positionalOptions<BCEWithLogitsLossOptions>(args, ['reduction', 'weight', 'posWeight'], 'BCEWithLogitsLoss', BCE_KEYS);
    super(options.reduction ?? 'mean');
    const { weight = null, posWeight = null } = options;
    if (weight instanceof Parameter) throw new TypeError("For 'BCEWithLogitsLoss', the 'weight' can not be a Parameter.");
    if (posWeight instanceof Parameter) throw new TypeError("For 'BCEWithLogitsLoss', the 'pos_weight' can not be a Parameter.");
    for (const [name, w] of [
      ['weight', weight],
      ['posWeight', posWeight],
    ] as const) {
      if (w !== null && !(w instanceof Tensor)) {
        throw new TypeError(`For 'BCEWithLogitsLoss', the '${name}' must be a Tensor or null, but got ${typeName(w)}.`);
      }
    }
    this.weight = weight;
    this.posWeight = posWeight;
  }

  override construct(input: Tensor, target: Tensor): Tensor {
    checkIsTensor(input, 'input', 'BCEWithLogitsLoss');
    checkIsTensor(target, 'target', 'BCEWithLogitsLoss');
    if (input.rank !== target.rank || input.shape.some((d, i) => d !== target.shape[i])) {
      throw new RangeError(
        `For 'BCEWithLogitsLoss', the shape of 'input' and 'target' must be the same, but got [${input.shape.join(', ')}] and [${target.shape.join(', ')}].`,
      );
    }
    return tidy(() => {
      const logWeight = this.posWeight ? ops.add(ops.mul(ops.sub(this.posWeight, 1), target), 1) : null;
      const softplusNeg = ops.softplus(ops.neg(input));
      const positive = logWeight ? ops.mul(logWeight, softplusNeg) : softplusNeg;
      const loss = ops.add(ops.mul(ops.sub(1, target), input), positive);
      return this.getLoss(loss, this.weight ?? 1);
    });
  }
}
