/**
 * Repeating each element along an axis (a `Gather` at host-computed indices).
 */
import { checkArity, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel, validateShape } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe } from '../operand.js';

/**
 * Each element of `input` repeated `repeats` times along `axis` (MindSpore
 * `ops.repeat_interleave`): `repeats` is one count for every element or an array with one count
 * per element of the axis. Without an axis (`null`, the default) the input is flattened first.
 * The gradient sums the copies back.
 * @example
 * ops.repeatInterleave(tensor([[1, 2], [3, 4]]), 2, 0); // [[1, 2], [1, 2], [3, 4], [3, 4]]
 * ops.repeatInterleave(tensor([1, 2, 3]), [1, 0, 2]); // [1, 3, 3]
 */
export function repeatInterleave(input: Tensor, repeats: number | readonly number[], axis: number | null = null): Tensor {
  checkArity(arguments.length, 3, 'repeatInterleave');
  checkTensor(input, 'repeatInterleave', 'input');
  const flat = axis === null || axis === undefined;
  const ax = flat ? 0 : normalizeAxisOf(axis, input.rank, 'repeatInterleave');
  const n = flat ? input.size : (input.shape[ax] as number);
  const isCount = (r: unknown) => typeof r === 'number' && Number.isInteger(r) && r >= 0;
  const counts = typeof repeats === 'number' ? new Array<number>(n).fill(repeats) : repeats;
  if (!Array.isArray(counts) || !counts.every(isCount) || (typeof repeats === 'number' && !isCount(repeats))) {
    throw new TypeError(`repeatInterleave: repeats must be a non-negative integer or an array of them, but got ${describe(repeats)}.`);
  }
  if (counts.length !== n) {
    throw new RangeError(`repeatInterleave: repeats must have one count per element of the axis (${n}), but has ${counts.length}.`);
  }
  // The result's size is checked before the indices are built: a count of 2 ** 31 fails at once.
  const total = counts.reduce((a, c) => a + c, 0);
  const outShape = flat ? [total] : input.shape.map((d, i) => (i === ax ? total : d));
  validateShape(outShape, 'repeatInterleave: the result shape');
  const idx: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) idx.push(i);
  });
  return tidy(() => {
    const x = flat ? runKernel('Reshape', [input], { shape: [input.size] }) : input;
    return runKernel('Gather', [x, tensor(Int32Array.from(idx), 'int32')], { axis: ax });
  });
}
