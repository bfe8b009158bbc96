/**
 * The `Initializer` base class: what every built-in and plugin initializer implements.
 */
import { type DType, describeType } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';

/**
 * Where an initializer's random draws start in the shared counter-based stream: draw `i` uses
 * counters `offset + 2i` and `offset + 2i + 1` of stream `seed`.
 * @example
 * class Jitter extends Initializer {
 *   initialize(shape: readonly number[], _dtype: DType, key: RandomKey) {
 *     return Float64Array.from({ length: sizeOf(shape) }, (_, i) => uniform01(key.seed, key.offset + 2 * i) - 0.5);
 *   }
 * }
 * initializer(new Jitter(), [2, 3]);
 */
export interface RandomKey {
  readonly seed: number;
  readonly offset: number;
}

/**
 * Options every initializer accepts.
 * @example
 * const a = initializer(new Normal({ seed: 7 }), [2]);
 * const b = initializer(new Normal({ seed: 7 }), [2]); // the same values as a
 */
export interface InitializerOptions {
  /**
   * A seed of this initializer's own (MindSpore's `Initializer.seed`): its draws then ignore the
   * global stream, so two tensors from one seeded initializer hold the same values.
   */
  seed?: number;
}

/**
 * The abstract base of every initializer (MindSpore's `mindspore.common.initializer.Initializer`).
 * Subclasses compute the values on the host in float64 from a {@link RandomKey};
 * `initializer()` reserves the key when it is called and writes the values with the requested
 * dtype when the tensor is first used.
 *
 * Plugin authors override {@link initialize}, {@link draws} (how many random draws the values
 * need, 0 for a deterministic initializer) and, to fail early, {@link checkShape}.
 * @example
 * class Arange extends Initializer {
 *   override draws() { return 0; }
 *   initialize(shape: readonly number[]) { return Float64Array.from({ length: sizeOf(shape) }, (_, i) => i); }
 * }
 * initializer(new Arange(), [2, 3]);
 */
export abstract class Initializer {
  /** This initializer's own seed, or `undefined` to draw from the global stream (see `setSeed`). */
  seed: number | undefined;

  constructor(options: InitializerOptions = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`For '${new.target.name}', the options must be an object or undefined, but got ${describeType(options)}.`);
    }
    if (options.seed !== undefined && !Number.isInteger(options.seed)) {
      throw new TypeError(`For initializer, the argument 'seed' must be an integer, but got ${String(options.seed)}.`);
    }
    this.seed = options.seed;
  }

  /**
   * How many random draws {@link initialize} uses for `shape` (each draw owns two counters of the
   * stream). `initializer()` reserves them up front, so the values depend on creation order and
   * the seed, not on when the tensor materialises. The default assumes one draw per element.
   */
  draws(shape: readonly number[]): number {
    return sizeOf(shape);
  }

  /** Throws if this initializer cannot fill `shape`; `initializer()` calls it eagerly. */
  checkShape(_shape: readonly number[]): void {}

  /**
   * The values for a tensor of `shape`, row-major, computed from the draws at `key`.
   * They are converted to `dtype` when written (integers truncate, bool is "nonzero").
   */
  abstract initialize(shape: readonly number[], dtype: DType, key: RandomKey): ArrayLike<number>;
}
