/**
 * Glorot/Xavier initializers: the variance balances fan-in and fan-out.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, leadingOption } from './checks.js';
import { normalValues, uniformValues } from './draws.js';
import { calculateFanInAndFanOut } from './fan.js';

/**
 * Options of {@link XavierUniform} and {@link XavierNormal}.
 * @example
 * initializer(new XavierUniform({ gain: calculateGain('tanh') }), [64, 32]);
 */
export interface XavierOptions extends InitializerOptions {
  /** An optional scaling factor (default 1). */
  gain?: number;
}

const XAVIER_KEYS: OptionKeys<XavierOptions> = { seed: true, gain: true };

/**
 * Samples U(-bound, bound) with bound = gain · √(6 / (fanIn + fanOut)) (MindSpore's
 * `XavierUniform(gain=1)`; names 'xavieruniform' and 'xavier_uniform').
 * @example
 * initializer(new XavierUniform(), [64, 32]);
 * initializer('xavier_uniform', [64, 32]);
 */
export class XavierUniform extends Initializer {
  readonly gain: number;

  /**
   * `new XavierUniform(options?)`, or MindSpore's positional form `new XavierUniform(gain, options?)`.
   */
  constructor(options?: XavierOptions);
  constructor(gain: number, options?: Omit<XavierOptions, 'gain'>);
  constructor(first?: number | XavierOptions, second?: XavierOptions) {
    const options = leadingOption<XavierOptions>(first, second, arguments.length, 'XavierUniform', XAVIER_KEYS, 'gain');
    super(options);
    this.gain = checkNumber(options.gain ?? 1, 'XavierUniform', 'gain');
  }

  override checkShape(shape: readonly number[]): void {
    calculateFanInAndFanOut(shape);
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    const [fanIn, fanOut] = calculateFanInAndFanOut(shape);
    const bound = this.gain * Math.sqrt(6 / (fanIn + fanOut));
    return uniformValues(sizeOf(shape), key, -bound, bound);
  }
}

/**
 * Samples N(0, sigma²) with sigma = gain · √(2 / (fanIn + fanOut)) (MindSpore's
 * `XavierNormal(gain=1)`; names 'xaviernormal' and 'xavier_normal').
 * @example
 * initializer(new XavierNormal({ gain: 2 }), [64, 32]);
 * initializer('xavier_normal', [64, 32]);
 */
export class XavierNormal extends Initializer {
  readonly gain: number;

  /**
   * `new XavierNormal(options?)`, or MindSpore's positional form `new XavierNormal(gain, options?)`.
   */
  constructor(options?: XavierOptions);
  constructor(gain: number, options?: Omit<XavierOptions, 'gain'>);
  constructor(first?: number | XavierOptions, second?: XavierOptions) {
    const options = leadingOption<XavierOptions>(first, second, arguments.length, 'XavierNormal', XAVIER_KEYS, 'gain');
    super(options);
    this.gain = checkNumber(options.gain ?? 1, 'XavierNormal', 'gain');
  }

  override checkShape(shape: readonly number[]): void {
    calculateFanInAndFanOut(shape);
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    const [fanIn, fanOut] = calculateFanInAndFanOut(shape);
    const sigma = this.gain * Math.sqrt(2 / (fanIn + fanOut));
    return normalValues(sizeOf(shape), key, 0, sigma);
  }
}
