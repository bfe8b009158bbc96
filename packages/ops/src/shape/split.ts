/**
 * Cutting a tensor into pieces along an axis (`StridedSlice`).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe } from '../operand.js';

/**
 * `input` cut along `axis` (default 0) into pieces (MindSpore `ops.split`): a number is the size
 * of each piece (the last may be smaller), an array lists the sizes, which must add up to the
 * axis size.
 * @example
 * ops.split(arange(5), 2).map((t) => t.shape); // [[2], [2], [1]]
 * ops.split(arange(5), [1, 4]).map((t) => t.shape); // [[1], [4]]
 */
export function split<D extends DType>(input: Tensor<D>, splitSizeOrSections: number | readonly number[], axis = 0): Tensor<D>[] {
  checkArity(arguments.length, 3, 'split');
  checkTensor(input, 'split', 'input');
  if (input.rank === 0) throw new RangeError('split: input is a scalar (shape []); it has no axis to split.');
  const ax = normalizeAxisOf(axis, input.rank, 'split');
  const dim = input.shape[ax] as number;
  const sizes: number[] = [];
  if (typeof splitSizeOrSections === 'number') {
    if (!Number.isInteger(splitSizeOrSections) || splitSizeOrSections <= 0) {
      throw new RangeError(`split: splitSizeOrSections must be a positive integer or an array of sizes, but got ${splitSizeOrSections}.`);
    }
    for (let at = 0; at < dim; at += splitSizeOrSections) sizes.push(Math.min(splitSizeOrSections, dim - at));
    if (dim === 0) sizes.push(0);
  } else if (Array.isArray(splitSizeOrSections)) {
    const bad = splitSizeOrSections.find((s) => typeof s !== 'number' || !Number.isInteger(s) || s < 0);
    if (bad !== undefined) throw new RangeError(`split: section sizes must be integers >= 0, but got ${describe(bad)}.`);
    const total = splitSizeOrSections.reduce((a, b) => a + b, 0);
    if (total !== dim) {
      throw new RangeError(
        `split: section sizes ${shapeString(splitSizeOrSections)} add up to ${total}, but axis ${ax} of shape ${shapeString(input.shape)} has size ${dim}.`,
      );
    }
    sizes.push(...splitSizeOrSections);
  } else {
    throw new TypeError(`split: splitSizeOrSections must be a number or an array of numbers, but got ${describe(splitSizeOrSections)}.`);
  }
  const step = input.shape.map(() => 1);
  let at = 0;
  return sizes.map((n) => {
    const begin = input.shape.map((_, i) => (i === ax ? at : 0));
    const size = input.shape.map((d, i) => (i === ax ? n : d));
    at += n;
    return runKernel('StridedSlice', [input], { begin, size, step }) as Tensor<D>;
  });
}
