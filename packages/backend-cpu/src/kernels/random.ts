/**
 * Seeded random draws (the `Random` primitive). Element i is `randomValue(…, i, …)` from the
 * shared counter-based generator, so every backend produces the same bits for one seed.
 */
import { type DType, describeType, type Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, randomValue, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { castScalar } from './cast.js';
import { requireFloat } from './dtypeRules.js';
import { checkDType, checkInt, checkNumber } from './implArgs.js';

/**
 * `size` draws: uniform in [a, b) or normal with mean a and stddev b, from counter
 * `offset + i` of stream `seed`, stored in float `dtype`.
 * @example
 * randomImpl(3, 'float32', 'uniform', 42, 0, 0, 1);
 */
export function randomImpl(
  size: number,
  dtype: DType,
  distribution: 'uniform' | 'normal',
  seed: number,
  offset: number,
  a: number,
  b: number,
): Values {
  checkInt('randomImpl', 'size', size, 0);
  checkDType('randomImpl', dtype);
  checkNumber('randomImpl', 'a', a);
  checkNumber('randomImpl', 'b', b);
  requireFloat('Random', 'dtype', dtype);
  if (distribution !== 'uniform' && distribution !== 'normal') {
    throw new TypeError(`Random: distribution must be 'uniform' or 'normal', but got ${JSON.stringify(distribution)}.`);
  }
  if (!Number.isInteger(seed) || !Number.isInteger(offset)) {
    throw new TypeError(
      `Random: seed and offset must be integers, but got seed ${typeof seed === 'number' ? seed : describeType(seed)} and offset ${typeof offset === 'number' ? offset : describeType(offset)}.`,
    );
  }
  const out = makeValues(dtype, size);
  for (let i = 0; i < size; i++) out[i] = castScalar(randomValue(distribution, seed, offset, i, a, b), dtype);
  return out;
}

/**
 * CPU kernel of `Random`.
 * @example
 * runKernel('Random', [], { shape: [2], dtype: 'float32', distribution: 'normal', seed: 1, offset: 0, a: 0, b: 1 });
 */
export const random: KernelFunc<'Random', CpuBackend> = (backend, _inputs, { shape, dtype, distribution, seed, offset, a, b }) => {
  const s = validateShape(shape, 'Random: shape');
  return backend.output(randomImpl(sizeOf(s), dtype, distribution, seed, offset, a, b), s, dtype);
};
