/**
 * Seeded inputs for the cases. The values are drawn on the host (with the same counter-based
 * generator the Random primitive uses) and written as-is, so every backend sees bit-identical
 * inputs and a difference in results is the kernel's, never the random draw's. The Random
 * primitive itself is checked by its own cases.
 */
import { type DType, fromValues, type Tensor, type TensorLike, tensor } from '@mindts/tensor';
import { randomValue, validateShape } from '@mindts/tensor/backend';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function draw(shape: readonly number[], dtype: DType, value: (i: number) => number): Tensor {
  // The shape is checked before the values are drawn: a bad size fails at once, naming the shape.
  const values = new Float64Array(sizeOf(validateShape(shape, 'shape')));
  for (let i = 0; i < values.length; i++) values[i] = value(i);
  return fromValues(values, shape, dtype);
}

/**
 * float32 values uniform in [low, high), seeded.
 * @example
 * const x = uniform([3, 5], 1, -2, 2);
 */
export function uniform(shape: readonly number[], seed: number, low = -1, high = 1): Tensor {
  return draw(shape, 'float32', (i) => randomValue('uniform', seed, 0, i, low, high));
}

/**
 * float32 standard normal values, seeded.
 * @example
 * const w = normal([4, 4], 2);
 */
export function normal(shape: readonly number[], seed: number): Tensor {
  return draw(shape, 'float32', (i) => randomValue('normal', seed, 0, i, 0, 1));
}

/**
 * int32 values uniform in [low, high), seeded.
 * @example
 * const idx = randInt([6], 3, 0, 4);
 */
export function randInt(shape: readonly number[], seed: number, low: number, high: number): Tensor {
  return draw(shape, 'int32', (i) => Math.floor(randomValue('uniform', seed, 0, i, low, high)));
}

/**
 * Booleans, each true with probability ½, seeded.
 * @example
 * const mask = randBool([2, 7], 4);
 */
export function randBool(shape: readonly number[], seed: number): Tensor {
  return draw(shape, 'bool', (i) => (randomValue('uniform', seed, 0, i, 0, 1) < 0.5 ? 1 : 0));
}

/**
 * A float32 tensor from literal data.
 * @example
 * f32([[1, 2], [3, 4]]);
 */
export function f32(data: TensorLike, shape?: readonly number[]): Tensor {
  return tensor(data, 'float32', shape);
}

/**
 * An int32 tensor from literal data.
 * @example
 * i32([1, -2, 3]);
 */
export function i32(data: TensorLike, shape?: readonly number[]): Tensor {
  return tensor(data, 'int32', shape);
}

/**
 * A bool tensor from literal data.
 * @example
 * bool([true, false]);
 */
export function bool(data: TensorLike, shape?: readonly number[]): Tensor {
  return tensor(data, 'bool', shape);
}

/**
 * float32 0, 1, 2, … in `shape`, scaled by `scale`: small exact values that make hand-computed
 * expectations easy to check.
 * @example
 * iota([2, 3]); // [[0, 1, 2], [3, 4, 5]]
 */
export function iota(shape: readonly number[], scale = 1, dtype: DType = 'float32'): Tensor {
  return draw(shape, dtype, (i) => i * scale);
}
