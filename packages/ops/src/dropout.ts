/**
 * Dropout, composed from the counter-based `Random` primitive, a comparison and `Where`.
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { nextRandomKey, runKernel } from '@mindts/tensor/backend';
import { checkTensor, copy, describe, scalar } from './operand.js';

/**
 * Options of {@link dropout}.
 * @example
 * ops.dropout(x, 0.1, { training: net.training, seed: 42 });
 */
export interface DropoutOptions {
  /** Whether to drop (default true); `false` returns a copy, as in evaluation. */
  training?: boolean;
  /** An explicit seed gives the same mask on every call and every backend; without one the global stream (`setSeed`) is used. */
  seed?: number;
}
const DROPOUT_KEYS: OptionKeys<DropoutOptions> = { training: true, seed: true };

/**
 * Zeroes each element of `input` with probability `p` (default 0.5) and scales the kept ones by
 * `1 / (1 - p)`, so the expected value is unchanged (MindSpore `ops.dropout(input, p, training,
 * seed)`). The mask comes from the seeded counter-based generator, so a seed gives the same mask
 * on every backend. `training` is MindSpore's third positional argument, or an options object
 * `{ training, seed }`; `training = false` or `p = 0` returns a copy of `input`.
 * @example
 * ops.dropout(ones([4]), 0.5, true, 1); // e.g. float32 [2, 0, 2, 2]
 * ops.dropout(x, 0.5, false); // a copy of x, as in evaluation
 * ops.dropout(ones([4]), 0.5, { seed: 1 });
 */
export function dropout(input: Tensor, p?: number, training?: boolean, seed?: number): Tensor;
export function dropout(input: Tensor, p?: number, options?: DropoutOptions): Tensor;
export function dropout(input: Tensor, p = 0.5, trainingOrOptions?: boolean | DropoutOptions, seedArg?: number): Tensor {
  checkArity(arguments.length, typeof trainingOrOptions === 'object' ? 3 : 4, 'dropout');
  checkTensor(input, 'dropout', 'input');
  if (typeof p !== 'number' || !(p >= 0 && p < 1))
    throw new RangeError(`dropout: p must be a probability in [0, 1), but got ${describe(p)}.`);
  if (!isFloat(input.dtype)) throw new TypeError(`dropout: input must be a float Tensor, but got ${input.dtype}.`);
  const { training = true, seed = seedArg } =
    typeof trainingOrOptions === 'boolean'
      ? { training: trainingOrOptions }
      : checkOptions<DropoutOptions>(trainingOrOptions, 'dropout', DROPOUT_KEYS);
  if (typeof training !== 'boolean') throw new TypeError(`dropout: training must be a boolean, but got ${describe(training)}.`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new TypeError(`dropout: seed must be an integer, but got ${describe(seed)}.`);
  if (!training || p === 0) return copy(input);
  const key = nextRandomKey(input.size, seed);
  return tidy(() => {
    const u = runKernel('Random', [], { shape: input.shape, dtype: 'float32', distribution: 'uniform', ...key, a: 0, b: 1 });
    // u is uniform in [0, 1), so u >= p keeps an element with probability 1 - p.
    const keepMask = runKernel('Binary', [u, scalar(p, 'float32')], { op: 'greaterEqual' });
    const scaled = runKernel('Binary', [input, scalar(1 / (1 - p), input.dtype)], { op: 'mul' });
    return runKernel('Where', [keepMask, scaled, scalar(0, input.dtype)], {});
  });
}
