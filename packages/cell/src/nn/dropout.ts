/**
 * Dropout, after `Dropout` in mindspore/python/mindspore/nn/layer/basic.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0451ecf1a71ad4294db3138c243cf5d8153d4875).
 */
import * as ops from '@mindts/ops';
import type { OptionKeys, Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { positionalOptions } from './checks.js';

/**
 * Options of {@link Dropout}: the drop rate `p`, or MindSpore's older `keepProb` (`1 − p`); not both.
 * @example
 * new nn.Dropout({ p: 0.2 });
 */
export interface DropoutOptions {
  /** Deprecated in MindSpore: the probability of keeping an element, in (0, 1] (default 0.5). */
  keepProb?: number;
  /** The probability of zeroing an element, in [0, 1). */
  p?: number;
}

const DROPOUT_KEYS: OptionKeys<DropoutOptions> = { keepProb: true, p: true };

/**
 * In training mode, zeroes each element with probability `p` and scales the kept ones by
 * `1 / (1 − p)`, so the expected value is unchanged (MindSpore `nn.Dropout(keep_prob=0.5, p=None)`).
 * In inference mode (the default) it returns its input itself. The mask comes from the seeded
 * global stream (`setSeed`).
 *
 * Positional arguments mean what they mean in MindSpore 2.x, whose first parameter is the
 * deprecated `keep_prob`: `new nn.Dropout(0.9)` keeps 90% (drops 10%), and
 * `new nn.Dropout(undefined, 0.1)` drops 10%. Prefer `new nn.Dropout({ p: 0.1 })`, which reads
 * the same in MindSpore and PyTorch. Giving both `keepProb` and `p` is an error (MindSpore
 * silently ignores `keep_prob` then).
 * @example
 * const drop = new nn.Dropout({ p: 0.5 });
 * drop.call(x) === x; // true: inference
 * drop.setTrain().call(ones([4])); // e.g. [2, 0, 2, 2]
 */
export class Dropout extends Cell {
  /** The keep probability (`1 − p` when `p` was given). */
  readonly keepProb: number;
  /** The drop probability given, or null when `keepProb` was used. */
  readonly p: number | null;

  constructor(...args: [options?: DropoutOptions] | [keepProb: number | undefined, p?: number]) {
    const options = positionalOptions<DropoutOptions>(args, ['keepProb', 'p'], 'Dropout', DROPOUT_KEYS);
    super();
    const { keepProb = 0.5, p } = options;
    if (options.keepProb !== undefined && p !== undefined && p !== null) {
      throw new TypeError(`For 'Dropout', give either 'keepProb' or 'p', not both (got keepProb ${options.keepProb} and p ${p}).`);
    }
    if (p === undefined || p === null) {
      if (typeof keepProb !== 'number' || !(keepProb > 0 && keepProb <= 1)) {
        // MindSpore: "For 'Dropout', the 'keep_prob' must be a number in range (0, 1], but got {keep_prob}."
        throw new RangeError(`For 'Dropout', the 'keepProb' must be a number in range (0, 1], but got ${String(keepProb)}.`);
      }
      this.p = null;
      this.keepProb = keepProb;
    } else {
      if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
        // MindSpore: "For 'Dropout', the 'p' must be a number in range [0, 1), but got {p}."
        throw new RangeError(`For 'Dropout', the 'p' must be a number in range [0, 1), but got ${String(p)}.`);
      }
      this.p = p;
      this.keepProb = 1 - p;
    }
  }

  override construct(x: Tensor): Tensor {
    if (!this.training || this.keepProb === 1) return x;
    return ops.dropout(x, 1 - this.keepProb);
  }

  override extendRepr(): string {
    return this.p === null ? `keep_prob=${this.keepProb}` : `p=${this.p}`;
  }
}
