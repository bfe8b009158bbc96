/**
 * A new shape for the same elements (the `Reshape` primitive).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { runKernel, shapeString, sizeOf } from '@mindts/tensor/backend';
import { checkTensor, describe } from '../operand.js';

/**
 * Resolves a target shape with at most one -1 against `size` elements; errors name `op` and
 * both shapes.
 */
export function resolveShape(shape: unknown, from: readonly number[], op: string): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: shape must be an array of integers, but got ${describe(shape)}.`);
  const bad = shape.find((d) => typeof d !== 'number' || !Number.isInteger(d) || d < -1);
  if (bad !== undefined)
    throw new RangeError(`${op}: shape ${shapeString(shape)} must hold integers >= 0 or a single -1, but got ${describe(bad)}.`);
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new RangeError(`${op}: shape ${shapeString(shape)} can contain at most one -1, but got ${unknown}.`);
  const size = sizeOf(from);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const mismatch = () =>
    new RangeError(`${op}: cannot reshape a tensor of shape ${shapeString(from)} (${size} elements) into shape ${shapeString(shape)}.`);
  if (unknown === 0) {
    if (known !== size) throw mismatch();
    return [...shape];
  }
  if (known === 0 || size % known !== 0) throw mismatch();
  return shape.map((d) => (d === -1 ? size / known : d));
}

/**
 * The same elements, row-major, in `shape`; one dimension may be -1 and is inferred
 * (MindSpore `ops.reshape`).
 * @example
 * ops.reshape(arange(6), [2, -1]); // shape [2, 3]
 */
export function reshape<D extends DType>(input: Tensor<D>, shape: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 2, 'reshape');
  checkTensor(input, 'reshape', 'input');
  return runKernel('Reshape', [input], { shape: resolveShape(shape, input.shape, 'reshape') }) as Tensor<D>;
}
