/**
 * Sampling category indices from (unnormalised) probabilities, with the counter-based `Random`
 * primitive: inverse-CDF sampling with replacement, exponential-race keys and a sort without.
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { nextRandomKey, runKernel } from '@mindts/tensor/backend';
import { checkTensor, describe, scalar } from '../operand.js';

/**
 * Options of {@link multinomial}.
 * @example
 * ops.multinomial(probs, 4, { replacement: false, seed: 1 });
 */
export interface MultinomialOptions {
  /** Draw with replacement (default true, as MindSpore). */
  replacement?: boolean;
  /** An explicit seed gives the same samples on every call and every backend; without one the global stream (`setSeed`) is used. */
  seed?: number;
}

const KEYS: OptionKeys<MultinomialOptions> = { replacement: true, seed: true };

/**
 * `numSamples` category indices (int32) drawn from each row of `input`, whose non-negative
 * values are relative probabilities (they need not sum to 1) (MindSpore `ops.multinomial`).
 * `input` is 1-D `[n]` or 2-D `[batch, n]`; the output is `[numSamples]` or
 * `[batch, numSamples]`. Without replacement each category is drawn at most once (numSamples ≤
 * n); a row with fewer non-zero probabilities than numSamples then also yields zero-probability
 * categories (MindSpore raises there; the values are not read back to check). Samples come from
 * the seeded counter-based generator, so a seed gives the same samples on every backend.
 * @example
 * ops.multinomial(tensor([0, 0.3, 0.7], 'float32'), 5, { seed: 3 }); // e.g. int32 [2, 1, 2, 2, 2]
 * ops.multinomial(tensor([[1, 1, 0, 2]], 'float32'), 2, { replacement: false, seed: 1 }); // two distinct of 0, 1, 3
 */
export function multinomial(input: Tensor, numSamples: number, options?: MultinomialOptions): Tensor<'int32'> {
  checkArity(arguments.length, 3, 'multinomial');
  const { replacement = true, seed } = checkOptions<MultinomialOptions>(options, 'multinomial', KEYS);
  checkTensor(input, 'multinomial', 'input');
  if (!isFloat(input.dtype)) throw new TypeError(`multinomial: input must be a float Tensor of probabilities, but got ${input.dtype}.`);
  if (input.rank !== 1 && input.rank !== 2) {
    throw new RangeError(`multinomial: input must be 1-D or 2-D, but got shape [${input.shape.join(', ')}].`);
  }
  if (typeof replacement !== 'boolean')
    throw new TypeError(`multinomial: replacement must be a boolean, but got ${describe(replacement)}.`);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new TypeError(`multinomial: seed must be an integer, but got ${describe(seed)}.`);
  const n = input.shape[input.rank - 1] as number;
  if (typeof numSamples !== 'number' || !Number.isInteger(numSamples) || numSamples <= 0 || (!replacement && numSamples > n)) {
    throw new RangeError(
      `multinomial: numSamples must be a positive integer${replacement ? '' : ` at most ${n} (the number of categories) without replacement`}, but got ${describe(numSamples)}.`,
    );
  }
  if (n === 0) throw new RangeError('multinomial: input has no categories (its last dimension is 0).');
  const batch = input.rank === 2 ? [input.shape[0] as number] : [];
  const bin = (a: Tensor, b: Tensor, op: 'mul' | 'div' | 'lessEqual' | 'greater' | 'minimum') => runKernel('Binary', [a, b], { op });
  return tidy(() => {
    const p = input.dtype === 'float32' ? input : runKernel('Cast', [input], { dtype: 'float32' });
    if (replacement) {
      // Inverse CDF: sample = #{j : cdf_j ≤ u·total}; a zero-probability category is never picked.
      const shape = [...batch, numSamples];
      const key = nextRandomKey(numSamples * (batch[0] ?? 1), seed);
      const u = runKernel('Random', [], { shape, dtype: 'float32', distribution: 'uniform', ...key, a: 0, b: 1 });
      const cdf = runKernel('Cumulative', [p], { op: 'sum', axis: input.rank - 1, reverse: false });
      const total = runKernel('StridedSlice', [cdf], {
        begin: [...batch.map(() => 0), n - 1],
        size: [...batch, 1],
        step: [...batch.map(() => 1), 1],
      });
      const target = runKernel('Reshape', [bin(u, total, 'mul')], { shape: [...shape, 1] });
      const cdfRows = runKernel('Reshape', [cdf], { shape: [...batch, 1, n] });
      const below = runKernel('Cast', [bin(cdfRows, target, 'lessEqual')], { dtype: 'int32' });
      const count = runKernel('Reduce', [below], { op: 'sum', axes: [shape.length] });
      return bin(count, scalar(n - 1, 'int32'), 'minimum');
    }
    // Without replacement: the categories with the largest log(1 − u) / p win an exponential race,
    // which draws them one after another with the probabilities renormalised each time.
    const key = nextRandomKey(input.size, seed);
    const u = runKernel('Random', [], { shape: input.shape, dtype: 'float32', distribution: 'uniform', ...key, a: 0, b: 1 });
    const race = bin(runKernel('Unary', [runKernel('Unary', [u], { op: 'neg' })], { op: 'log1p' }), p, 'div');
    const positive = bin(p, scalar(0, 'float32'), 'greater');
    const keys = runKernel('Where', [positive, race, scalar(Number.NEGATIVE_INFINITY, 'float32')], {});
    const order = runKernel('Argsort', [keys], { axis: input.rank - 1, descending: true });
    return runKernel('StridedSlice', [order], {
      begin: input.shape.map(() => 0),
      size: [...batch, numSamples],
      step: input.shape.map(() => 1),
    });
  }) as Tensor<'int32'>;
}
