/**
 * ELU, after `ELU` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134). MindSpore's
 * `Elu` primitive accepts only `alpha = 1.0`; mindts computes the formula for any finite alpha.
 */
import * as ops from '@mindts/ops';
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkFiniteNumber, checkFloatInput } from './floatInput.js';

/**
 * Options of {@link ELU}.
 * @example
 * new nn.ELU({ alpha: 1.0 });
 */
export interface ELUOptions {
  /** The scale of the negative part (default 1.0). */
  alpha?: number;
}

const KEYS: OptionKeys<ELUOptions> = { alpha: true };

/**
 * The exponential linear unit (MindSpore `nn.ELU(alpha=1.0)`): `x` where `x > 0`,
 * `alpha·(exp(x) − 1)` elsewhere, elementwise. Float inputs only.
 * @example
 * new nn.ELU().call(tensor([-1, 0, 2], 'float32')); // [-0.6321, 0, 2]
 */
export class ELU extends Cell {
  readonly alpha: number;

  constructor(options?: ELUOptions) {
    super();
    const { alpha = 1.0 } = checkOptions<ELUOptions>(options, 'ELU', KEYS);
    this.alpha = checkFiniteNumber(alpha, 'alpha', 'ELU');
  }

  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'ELU');
    return tidy(() => {
      // expm1 of min(x, 0): the branch not taken never overflows, so its gradient stays finite.
      const negative = ops.mul(ops.expm1(ops.minimum(x, 0)), this.alpha);
      return ops.where(ops.greater(x, 0), x, negative);
    });
  }

  override extendRepr(): string {
    return `alpha=${this.alpha}`;
  }
}
