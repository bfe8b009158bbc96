/**
 * Softplus with `beta` and `threshold`, after MindSpore 2.x `mint.nn.Softplus(beta=1, threshold=20)`
 * and `ops.softplus(input, beta=1, threshold=20)` (mindspore/python/mindspore/ops/function/nn_func.py).
 */
import * as ops from '@mindts/ops';
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkFiniteNumber, checkFloatInput } from './floatInput.js';

/**
 * Options of {@link Softplus}.
 * @example
 * new nn.Softplus({ beta: 2, threshold: 10 });
 */
export interface SoftplusOptions {
  /** The sharpness `β`, a finite number other than 0 (default 1). */
  beta?: number;
  /** Where `β·x > threshold` the result is `x` itself, for numerical stability (default 20). */
  threshold?: number;
}

const KEYS: OptionKeys<SoftplusOptions> = { beta: true, threshold: true };

/**
 * `(1/β)·log(1 + exp(β·x))` elementwise, and `x` where `β·x > threshold` (MindSpore 2.x
 * `Softplus(beta=1, threshold=20)`). Float inputs only.
 * @example
 * new nn.Softplus().call(tensor([0.1, 0.2, 30], 'float32')); // [0.7444, 0.7981, 30]
 */
export class Softplus extends Cell {
  readonly beta: number;
  readonly threshold: number;

  constructor(options?: SoftplusOptions) {
    super();
    const { beta = 1, threshold = 20 } = checkOptions<SoftplusOptions>(options, 'Softplus', KEYS);
    this.beta = checkFiniteNumber(beta, 'beta', 'Softplus');
    if (this.beta === 0) throw new RangeError("For 'Softplus', the 'beta' must not be 0, but got 0.");
    this.threshold = checkFiniteNumber(threshold, 'threshold', 'Softplus');
  }

  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'Softplus');
    return tidy(() => {
      const scaled = this.beta === 1 ? x : ops.mul(x, this.beta);
      // ops.softplus is the overflow-free log(1 + exp(·)), so the branch not taken has a finite gradient.
      const smooth = this.beta === 1 ? ops.softplus(scaled) : ops.div(ops.softplus(scaled), this.beta);
      return ops.where(ops.greater(scaled, this.threshold), x, smooth);
    });
  }

  override extendRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
