/**
 * Dropout2d, after `Dropout2d` in mindspore/python/mindspore/nn/layer/basic.py (MindSpore 2.x)
 * and `ops.dropout2d`: whole channels of an `(N, C, H, W)` input are zeroed.
 */
import * as ops from '@mindts/ops';
import { checkOptions, isFloat, type OptionKeys, ones, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { typeName } from '../cellState.js';

/**
 * Options of {@link Dropout2d}.
 * @example
 * new nn.Dropout2d({ p: 0.2 });
 */
export interface Dropout2dOptions {
  /** The probability of zeroing a channel, in [0, 1] (default 0.5). */
  p?: number;
}

const KEYS: OptionKeys<Dropout2dOptions> = { p: true };

/**
 * In training mode, zeroes each channel `input[n, c]` of a 4-D `(N, C, H, W)` float input with
 * probability `p` and scales the kept ones by `1 / (1 − p)` (MindSpore `nn.Dropout2d(p=0.5)`);
 * `p = 1` zeroes everything. In inference mode (the default), or with `p = 0`, it returns its
 * input itself, unchecked, as MindSpore. The mask comes from the seeded global stream
 * (`setSeed`), one draw per channel.
 * @example
 * const drop = new nn.Dropout2d({ p: 0.5 }).setTrain();
 * drop.call(ones([2, 3, 4, 4])); // each [n, c] plane all 0 or all 2
 */
export class Dropout2d extends Cell {
  readonly p: number;
  /** `1 − p` (MindSpore's `keep_prob`). */
  readonly keepProb: number;

  constructor(options?: Dropout2dOptions) {
    super();
    const { p = 0.5 } = checkOptions<Dropout2dOptions>(options, 'Dropout2d', KEYS);
    if (typeof p !== 'number') throw new TypeError(`For 'Dropout2d', the 'p' must be float, but got ${typeName(p)}.`);
    if (!(p >= 0 && p <= 1)) {
      // MindSpore: "For 'Dropout2d', the 'p' must be a number in range [0, 1], but got {p}."
      throw new RangeError(`For 'Dropout2d', the 'p' must be a number in range [0, 1], but got ${p}.`);
    }
    this.p = p;
    this.keepProb = 1 - p;
  }

  override construct(x: Tensor): Tensor {
    // As MindSpore, inference mode returns the input before any check.
    if (!this.training || this.p === 0) return x;
    if (!(x instanceof Tensor)) throw new TypeError(`For 'Dropout2d', the input must be a Tensor, but got ${typeName(x)}.`);
    if (x.rank !== 4) {
      throw new RangeError(`For 'Dropout2d', the input must be a 4-D Tensor (N, C, H, W), but got shape [${x.shape.join(', ')}].`);
    }
    if (!isFloat(x.dtype)) throw new TypeError(`For 'Dropout2d', the dtype of the input must be a float type, but got ${x.dtype}.`);
    if (this.p === 1) return ops.mul(x, 0);
    const [n, c] = x.shape as [number, number];
    // One draw per (n, c): 0 or 1/(1 − p), broadcast over H and W.
    return tidy(() => ops.mul(x, ops.dropout(ones([n, c, 1, 1], x.dtype), this.p)));
  }

  override extendRepr(): string {
    return `p=${this.p}`;
  }
}
