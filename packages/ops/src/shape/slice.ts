/**
 * A contiguous block of a tensor (`StridedSlice`).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, describe } from '../operand.js';

/**
 * The block of `input` starting at `begin` with extent `size` per axis; a size of -1 runs to
 * the end of that axis (MindSpore `ops.slice`).
 * @example
 * ops.slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]); // [[2, 3], [5, 6]]
 * ops.slice(tensor([[1, 2, 3], [4, 5, 6]]), [1, 0], [1, -1]); // [[4, 5, 6]]
 */
export function slice<D extends DType>(input: Tensor<D>, begin: readonly number[], size: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 3, 'slice');
  checkTensor(input, 'slice', 'input');
  const shape = input.shape;
  for (const [name, v] of [
    ['begin', begin],
    ['size', size],
  ] as const) {
    if (!Array.isArray(v)) throw new TypeError(`slice: ${name} must be an array of integers, but got ${describe(v)}.`);
    if (v.length !== shape.length) {
      throw new RangeError(
        `slice: ${name} ${shapeString(v)} must have one entry per axis of the input of shape ${shapeString(shape)}, but has ${v.length}.`,
      );
    }
  }
  const out = shape.map((dim, i) => {
    const b = begin[i] as number;
    const s = size[i] as number;
    if (!Number.isInteger(b) || b < 0 || b > dim) {
      throw new RangeError(`slice: begin[${i}] must be an integer in [0, ${dim}] for shape ${shapeString(shape)}, but got ${b}.`);
    }
    const n = s === -1 ? dim - b : s;
    if (!Number.isInteger(s) || n < 0 || b + n > dim) {
      throw new RangeError(
        `slice: size[${i}] = ${s} with begin[${i}] = ${b} runs past axis ${i} of shape ${shapeString(shape)} (size ${dim}); use -1 for 'to the end'.`,
      );
    }
    return n;
  });
  return runKernel('StridedSlice', [input], { begin: [...begin], size: out, step: shape.map(() => 1) }) as Tensor<D>;
}
