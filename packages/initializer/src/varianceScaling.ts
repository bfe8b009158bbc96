/**
 * `VarianceScaling`: scale / fan as the variance, with a choice of distribution (TF/Keras style).
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { leadingOption } from './checks.js';
import { normalValues, truncatedNormalValues, uniformValues } from './draws.js';
import { calculateFanInAndFanOut } from './fan.js';

/**
 * The distributions {@link VarianceScaling} samples from.
 * @example
 * const distribution: VarianceScalingDistribution = 'uniform';
 * initializer(new VarianceScaling({ distribution }), [2, 3]);
 */
export type VarianceScalingDistribution = 'uniform' | 'truncated_normal' | 'untruncated_normal';

/**
 * Options of {@link VarianceScaling} (MindSpore's defaults).
 * @example
 * initializer(new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal' }), [64, 32]);
 */
export interface VarianceScalingOptions extends InitializerOptions {
  /** The scaling factor, > 0 (default 1). */
  scale?: number;
  /** The fan n divides the scale by: 'fan_in' (default), 'fan_out' or 'fan_avg' (their mean). */
  mode?: 'fan_in' | 'fan_out' | 'fan_avg';
  /** 'truncated_normal' (default), 'untruncated_normal' or 'uniform'. */
  distribution?: VarianceScalingDistribution;
}

const VARIANCESCALING_KEYS: OptionKeys<VarianceScalingOptions> = { seed: true, scale: true, mode: true, distribution: true };

/**
 * The std of a standard normal truncated to [-2, 2]; dividing by it gives the truncated draws a
 * standard deviation of exactly √(scale / n). Same constant as MindSpore and TensorFlow.
 */
const TRUNCATED_STD = 0.87962566103423978;

/**
 * Samples with variance scale / n, n the fan `mode` selects (at least 1) (MindSpore's
 * `VarianceScaling(scale=1.0, mode='fan_in', distribution='truncated_normal')`; name
 * 'variancescaling'):
 * - 'truncated_normal': N(0, stddev²) truncated to ±2·stddev, stddev = √(scale / n) / 0.8796…,
 *   so the values have standard deviation √(scale / n);
 * - 'untruncated_normal': N(0, scale / n);
 * - 'uniform': U(-√(3·scale / n), √(3·scale / n)).
 *
 * MindSpore 2.x documents exactly this, but its code tests `distribution == 'truncated_norm'`,
 * so its default silently falls through to the uniform branch, and it passes the bounds ±2 as
 * absolute values; here the documented behaviour (TensorFlow's) is what runs.
 * @example
 * initializer(new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'untruncated_normal' }), [2, 3]);
 * initializer('varianceScaling', [2, 3]);
 */
export class VarianceScaling extends Initializer {
  readonly scale: number;
  readonly mode: 'fan_in' | 'fan_out' | 'fan_avg';
  readonly distribution: VarianceScalingDistribution;

  /**
   * `new VarianceScaling(options?)`, or MindSpore's positional form `new VarianceScaling(scale, options?)`.
   */
  constructor(options?: VarianceScalingOptions);
  constructor(scale: number, options?: Omit<VarianceScalingOptions, 'scale'>);
  constructor(first?: number | VarianceScalingOptions, second?: VarianceScalingOptions) {
    const options = leadingOption<VarianceScalingOptions>(
      first,
      second,
      arguments.length,
      'VarianceScaling',
      VARIANCESCALING_KEYS,
      'scale',
    );
    super(options);
    const scale = options.scale ?? 1;
    const mode = options.mode ?? 'fan_in';
    const distribution = options.distribution ?? 'truncated_normal';
    // MindSpore's messages; its distribution message says 'truncated_norm or untruncated_norm', corrected here.
    if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale)) {
      throw new RangeError(`For VarianceScaling initializer, the argument 'scale' must be greater than 0, but got ${String(scale)}.`);
    }
    if (mode !== 'fan_in' && mode !== 'fan_out' && mode !== 'fan_avg') {
      throw new RangeError(
        `For VarianceScaling initializer, the argument 'mode' must be fan_in, fan_out or fan_avg, but got ${String(mode)}.`,
      );
    }
    if (distribution !== 'uniform' && distribution !== 'truncated_normal' && distribution !== 'untruncated_normal') {
      throw new RangeError(
        `For VarianceScaling initializer, the argument 'distribution' must be uniform, truncated_normal or untruncated_normal, ` +
          `but got ${String(distribution)}.`,
      );
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
  }

  override checkShape(shape: readonly number[]): void {
    calculateFanInAndFanOut(shape);
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    const [fanIn, fanOut] = calculateFanInAndFanOut(shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const size = sizeOf(shape);
    if (this.distribution === 'truncated_normal') {
      const stddev = Math.sqrt(variance) / TRUNCATED_STD;
      return truncatedNormalValues(size, key, -2 * stddev, 2 * stddev, 0, stddev);
    }
    if (this.distribution === 'untruncated_normal') return normalValues(size, key, 0, Math.sqrt(variance));
    const limit = Math.sqrt(3 * variance);
    return uniformValues(size, key, -limit, limit);
  }
}
