/**
 * Seeded random tensors: `randn` and `rand`, drawn by the backend's Random primitive from the
 * counter-based generator, so a seed gives the same values on every backend.
 */
import { getBackend } from './backendRegistry.js';
import { checkBackendLimit, checkFinite } from './creationChecks.js';
import { assertDType, DTYPES, isFloat } from './dtype.js';
import type { DType } from './dtype.js';
import { runKernel } from './engine.js';
import { checkOptions, type OptionKeys } from './options.js';
import { nextRandomKey } from './random.js';
import { sizeOf, validateShape } from './shape.js';
import type { Tensor } from './tensor.js';

/**
 * Options of {@link randn} and {@link rand}.
 * @example
 * randn([2, 3], { seed: 42 }); // the same values on every backend and every run
 * rand([4], { dtype: 'float64' }); // the next draw of the global stream (see setSeed)
 */
export interface RandomOptions {
  /** A float dtype (default float32). */
  dtype?: DType;
  /** An explicit seed makes the draw independent of the global stream. */
  seed?: number;
}

interface RandnOptions extends RandomOptions {
  mean?: number;
  stddev?: number;
}
interface RandOptions extends RandomOptions {
  minval?: number;
  maxval?: number;
}
const RANDN_KEYS: OptionKeys<RandnOptions> = { dtype: true, seed: true, mean: true, stddev: true };
const RAND_KEYS: OptionKeys<RandOptions> = { dtype: true, seed: true, minval: true, maxval: true };

function random(
  where: string,
  shape: readonly number[],
  distribution: 'uniform' | 'normal',
  a: number,
  b: number,
  opts: RandomOptions,
): Tensor {
  const s = validateShape(shape, `${where}: shape`);
  const dtype = opts.dtype === undefined ? 'float32' : assertDType(opts.dtype, `${where}: options.dtype`);
  if (!isFloat(dtype)) {
    const floats = DTYPES.filter(isFloat).join(', ');
    throw new TypeError(`${where}: options.dtype must be a float dtype (${floats}), but got ${JSON.stringify(dtype)}.`);
  }
  if (opts.seed !== undefined && (typeof opts.seed !== 'number' || !Number.isInteger(opts.seed))) {
    throw new TypeError(`${where}: options.seed must be an integer, but got ${String(opts.seed)}.`);
  }
  checkBackendLimit(s, dtype, getBackend(), where);
  // Last, once nothing can fail: reserving counters advances the global stream.
  const { seed, offset } = nextRandomKey(sizeOf(s), opts.seed);
  return runKernel('Random', [], { shape: s, dtype, distribution, seed, offset, a, b });
}

/**
 * Normally distributed values (mean 0, stddev 1 unless given; both finite, stddev ≥ 0), from the
 * seeded generator.
 * @example
 * setSeed(1); randn([2, 3]);
 */
export function randn(shape: readonly number[], options?: RandomOptions & { mean?: number; stddev?: number }): Tensor {
  const opts = checkOptions<RandnOptions>(options, 'randn', RANDN_KEYS);
  const mean = opts.mean === undefined ? 0 : checkFinite(opts.mean, 'randn: options.mean');
  const stddev = opts.stddev === undefined ? 1 : checkFinite(opts.stddev, 'randn: options.stddev');
  if (stddev < 0) throw new RangeError(`randn: options.stddev must be a finite number >= 0, but got ${stddev}.`);
  return random('randn', shape, 'normal', mean, stddev, opts);
}

/**
 * Uniform values in [minval, maxval) (default [0, 1); both finite, minval ≤ maxval), from the
 * seeded generator.
 * @example
 * rand([4], { seed: 7 });
 */
export function rand(shape: readonly number[], options?: RandomOptions & { minval?: number; maxval?: number }): Tensor {
  const opts = checkOptions<RandOptions>(options, 'rand', RAND_KEYS);
  const minval = opts.minval === undefined ? 0 : checkFinite(opts.minval, 'rand: options.minval');
  const maxval = opts.maxval === undefined ? 1 : checkFinite(opts.maxval, 'rand: options.maxval');
  if (!(minval <= maxval) || !Number.isFinite(maxval - minval)) {
    throw new RangeError(`rand: options.minval must be <= options.maxval with a finite span, but got [${minval}, ${maxval}).`);
  }
  return random('rand', shape, 'uniform', minval, maxval, opts);
}
