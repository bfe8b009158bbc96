/**
 * He/Kaiming initializers: the variance is gain² / fan, for rectifier networks.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, leadingOption } from './checks.js';
import { normalValues, uniformValues } from './draws.js';
import { calculateCorrectFan, calculateGain, checkFanMode, type FanMode, type Nonlinearity } from './fan.js';

/**
 * Options of {@link HeUniform} and {@link HeNormal} (MindSpore's defaults).
 * @example
 * initializer(new HeUniform({ nonlinearity: 'relu', mode: 'fan_in' }), [64, 32]);
 * initializer(new HeNormal({ negativeSlope: 0.2 }), [16, 3, 5, 5]);
 */
export interface HeOptions extends InitializerOptions {
  /** The negative slope of the rectifier after this layer, used with 'leaky_relu' (default 0). */
  negativeSlope?: number;
  /** 'fan_in' (default) or 'fan_out', case-insensitive. */
  mode?: FanMode;
  /** The nonlinearity the gain is computed for (default 'leaky_relu'). */
  nonlinearity?: Nonlinearity;
}

const HE_KEYS: OptionKeys<HeOptions> = { seed: true, negativeSlope: true, mode: true, nonlinearity: true };

abstract class He extends Initializer {
  readonly negativeSlope: number;
  readonly mode: FanMode;
  readonly nonlinearity: Nonlinearity;
  readonly #name: string;

  constructor(options: HeOptions, name: string) {
    super(options);
    this.#name = name;
    // Bad slopes, modes and nonlinearities fail here, not when the tensor is first used;
    // calculateGain gives MindSpore's message for a bad slope with 'leaky_relu'.
    this.nonlinearity = options.nonlinearity ?? 'leaky_relu';
    calculateGain(this.nonlinearity, options.negativeSlope ?? 0, name);
    this.negativeSlope = checkNumber(options.negativeSlope ?? 0, name, 'negative_slope');
    this.mode = checkFanMode(options.mode ?? 'fan_in');
  }

  override checkShape(shape: readonly number[]): void {
    calculateCorrectFan(shape, this.mode);
  }

  /** gain / √fan, the standard deviation both variants aim for. */
  protected std(shape: readonly number[]): number {
    return calculateGain(this.nonlinearity, this.negativeSlope, this.#name) / Math.sqrt(calculateCorrectFan(shape, this.mode));
  }
}

/**
 * Samples U(-bound, bound) with bound = √3 · gain / √fan (MindSpore's `HeUniform(negative_slope=0,
 * mode='fan_in', nonlinearity='leaky_relu')`; names 'heuniform' and 'he_uniform').
 * @example
 * initializer(new HeUniform({ nonlinearity: 'relu', mode: 'fan_out' }), [64, 32, 3, 3]);
 * initializer('he_uniform', [64, 32]);
 */
export class HeUniform extends He {
  /**
   * `new HeUniform(options?)`, or MindSpore's positional form `new HeUniform(negativeSlope, options?)`.
   */
  constructor(options?: HeOptions);
  constructor(negativeSlope: number, options?: Omit<HeOptions, 'negativeSlope'>);
  constructor(first?: number | HeOptions, second?: HeOptions) {
    super(leadingOption<HeOptions>(first, second, arguments.length, 'HeUniform', HE_KEYS, 'negativeSlope'), 'HeUniform');
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    const bound = Math.sqrt(3) * this.std(shape);
    return uniformValues(sizeOf(shape), key, -bound, bound);
  }
}

/**
 * Samples N(0, sigma²) with sigma = gain / √fan (MindSpore's `HeNormal(negative_slope=0,
 * mode='fan_in', nonlinearity='leaky_relu')`; names 'henormal' and 'he_normal').
 * @example
 * initializer(new HeNormal({ negativeSlope: 0.2 }), [64, 32]);
 * initializer('he_normal', [64, 32]);
 */
export class HeNormal extends He {
  /**
   * `new HeNormal(options?)`, or MindSpore's positional form `new HeNormal(negativeSlope, options?)`.
   */
  constructor(options?: HeOptions);
  constructor(negativeSlope: number, options?: Omit<HeOptions, 'negativeSlope'>);
  constructor(first?: number | HeOptions, second?: HeOptions) {
    super(leadingOption<HeOptions>(first, second, arguments.length, 'HeNormal', HE_KEYS, 'negativeSlope'), 'HeNormal');
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    return normalValues(sizeOf(shape), key, 0, this.std(shape));
  }
}
