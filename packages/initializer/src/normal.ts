/**
 * `Normal`: N(mean, sigma²), MindSpore's defaults sigma 0.01, mean 0.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, checkSigma, leadingOption } from './checks.js';
import { normalValues } from './draws.js';

/**
 * Options of {@link Normal}.
 * @example
 * initializer(new Normal({ sigma: 0.02, mean: 1 }), [3, 4]);
 */
export interface NormalOptions extends InitializerOptions {
  /** Standard deviation (default 0.01). */
  sigma?: number;
  /** Mean (default 0). */
  mean?: number;
}

const NORMAL_KEYS: OptionKeys<NormalOptions> = { seed: true, sigma: true, mean: true };

/**
 * Samples N(mean, sigma²) (MindSpore's `Normal(sigma=0.01, mean=0.0)`; name 'normal').
 * @example
 * initializer(new Normal({ sigma: 0.02 }), [3, 4]);
 * initializer('normal', [3, 4]);
 */
export class Normal extends Initializer {
  readonly sigma: number;
  readonly mean: number;

  /**
   * `new Normal(options?)`, or MindSpore's positional form `new Normal(sigma, options?)`.
   */
  constructor(options?: NormalOptions);
  constructor(sigma: number, options?: Omit<NormalOptions, 'sigma'>);
  constructor(first?: number | NormalOptions, second?: NormalOptions) {
    const options = leadingOption<NormalOptions>(first, second, arguments.length, 'Normal', NORMAL_KEYS, 'sigma');
    super(options);
    this.sigma = checkSigma(options.sigma ?? 0.01, 'Normal');
    this.mean = checkNumber(options.mean ?? 0, 'Normal', 'mean');
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    return normalValues(sizeOf(shape), key, this.mean, this.sigma);
  }
}
