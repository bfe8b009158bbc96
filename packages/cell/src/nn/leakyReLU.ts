/**
 * LeakyReLU, after `LeakyReLU` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore
 * master, mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134) and
 * `ops.leaky_relu`.
 */
import * as ops from '@mindts/ops';
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkFiniteNumber, checkFloatInput } from './floatInput.js';

/**
 * Options of {@link LeakyReLU}.
 * @example
 * new nn.LeakyReLU({ alpha: 0.01 });
 */
export interface LeakyReLUOptions {
  /** The slope for `x < 0` (default 0.2, as MindSpore; PyTorch's default is 0.01). */
  alpha?: number;
}

const KEYS: OptionKeys<LeakyReLUOptions> = { alpha: true };

/**
 * `x` where `x ≥ 0`, `alpha·x` elsewhere, elementwise (MindSpore `nn.LeakyReLU(alpha=0.2)`).
 * Float inputs only.
 * @example
 * new nn.LeakyReLU().call(tensor([[-1, 4, -8]], 'float32')); // [[-0.2, 4, -1.6]]
 */
export class LeakyReLU extends Cell {
  readonly alpha: number;

  constructor(options?: LeakyReLUOptions) {
    super();
    const { alpha = 0.2 } = checkOptions<LeakyReLUOptions>(options, 'LeakyReLU', KEYS);
    this.alpha = checkFiniteNumber(alpha, 'alpha', 'LeakyReLU');
  }

  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'LeakyReLU');
    return tidy(() => ops.where(ops.greaterEqual(x, 0), x, ops.mul(x, this.alpha)));
  }

  override extendRepr(): string {
    return `alpha=${this.alpha}`;
  }
}
