/**
 * `Uniform`: U(-scale, scale), MindSpore's default scale 0.07.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, leadingOption } from './checks.js';
import { uniformValues } from './draws.js';

/**
 * Options of {@link Uniform}.
 * @example
 * initializer(new Uniform({ scale: 0.1 }), [3, 4]); // values in [-0.1, 0.1)
 */
export interface UniformOptions extends InitializerOptions {
  /** The bound: values lie in [-scale, scale) (default 0.07). */
  scale?: number;
}

const UNIFORM_KEYS: OptionKeys<UniformOptions> = { seed: true, scale: true };

/**
 * Samples U(-scale, scale) (MindSpore's `Uniform(scale=0.07)`; name 'uniform').
 * @example
 * initializer(new Uniform({ scale: 0.1 }), [3, 4]);
 * initializer('uniform', [3, 4]);
 */
export class Uniform extends Initializer {
  readonly scale: number;

  /**
   * `new Uniform(options?)`, or MindSpore's positional form `new Uniform(scale, options?)`.
   */
  constructor(options?: UniformOptions);
  constructor(scale: number, options?: Omit<UniformOptions, 'scale'>);
  constructor(first?: number | UniformOptions, second?: UniformOptions) {
    const options = leadingOption<UniformOptions>(first, second, arguments.length, 'Uniform', UNIFORM_KEYS, 'scale');
    super(options);
    this.scale = checkNumber(options.scale ?? 0.07, 'Uniform', 'scale');
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    return uniformValues(sizeOf(shape), key, -this.scale, this.scale);
  }
}
