/**
 * `TruncatedNormal`: N(mean, sigma²) restricted to [a, b].
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, leadingOption } from './checks.js';
import { truncatedNormalValues } from './draws.js';

/**
 * Options of {@link TruncatedNormal}.
 * @example
 * initializer(new TruncatedNormal({ sigma: 0.02, a: -0.04, b: 0.04 }), [3, 4]); // cut at two standard deviations
 */
export interface TruncatedNormalOptions extends InitializerOptions {
  /** Standard deviation of the untruncated normal (default 0.01). */
  sigma?: number;
  /** Mean of the untruncated normal (default 0). */
  mean?: number;
  /** Lower bound, an absolute value, not a multiple of sigma (default -2). */
  a?: number;
  /** Upper bound, an absolute value (default 2). */
  b?: number;
}

const TRUNCATEDNORMAL_KEYS: OptionKeys<TruncatedNormalOptions> = { seed: true, sigma: true, mean: true, a: true, b: true };

/**
 * Samples N(mean, sigma²) truncated to [a, b] (MindSpore's `TruncatedNormal(sigma=0.01,
 * mean=0.0, a=-2.0, b=2.0)`; name 'truncatednormal'). As in MindSpore, `a` and `b` are absolute
 * bounds handed to an inverse-CDF sampler, so with the default sigma of 0.01 they hardly ever
 * cut; ask for `{ a: -2 * sigma, b: 2 * sigma }` to truncate at two standard deviations.
 * @example
 * initializer(new TruncatedNormal({ sigma: 0.02 }), [3, 4]);
 * initializer('truncatedNormal', [3, 4]);
 */
export class TruncatedNormal extends Initializer {
  readonly sigma: number;
  readonly mean: number;
  readonly a: number;
  readonly b: number;

  /**
   * `new TruncatedNormal(options?)`, or MindSpore's positional form `new TruncatedNormal(sigma, options?)`.
   */
  constructor(options?: TruncatedNormalOptions);
  constructor(sigma: number, options?: Omit<TruncatedNormalOptions, 'sigma'>);
  constructor(first?: number | TruncatedNormalOptions, second?: TruncatedNormalOptions) {
    const options = leadingOption<TruncatedNormalOptions>(
      first,
      second,
      arguments.length,
      'TruncatedNormal',
      TRUNCATEDNORMAL_KEYS,
      'sigma',
    );
    super(options);
    this.sigma = checkNumber(options.sigma ?? 0.01, 'TruncatedNormal', 'sigma');
    this.mean = checkNumber(options.mean ?? 0, 'TruncatedNormal', 'mean');
    this.a = checkNumber(options.a ?? -2, 'TruncatedNormal', 'a');
    this.b = checkNumber(options.b ?? 2, 'TruncatedNormal', 'b');
    // MindSpore's random::TruncatedNormal rejects sigma <= 0 ("TruncatedNormal: invalid sigma").
    if (this.sigma <= 0) throw new RangeError(`For TruncatedNormal initializer, 'sigma' must be positive, but got ${this.sigma}.`);
    if (!(this.a < this.b)) {
      throw new RangeError(`For TruncatedNormal initializer, 'a' must be less than 'b', but got a=${this.a} and b=${this.b}.`);
    }
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    return truncatedNormalValues(sizeOf(shape), key, this.a, this.b, this.mean, this.sigma);
  }
}
