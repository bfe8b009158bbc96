/**
 * One-hot encoding, composed from `equal` against the class ids and `Where`.
 */
import { checkArity, fromValues, isInt, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, validateShape } from '@mindts/tensor/backend';
import { normalizeAxisOf } from './axes.js';
import { checkInt, checkTensor, describe, scalar, toDType } from './operand.js';

/**
 * A float32 tensor with `onValue` where the class id along the new `axis` equals the index and
 * `offValue` elsewhere (MindSpore `ops.one_hot`). `indices` must hold integers; an index outside
 * `[0, depth)` gives a row of `offValue`. `axis` is where the new dimension of size `depth`
 * goes (-1, the default, appends it).
 * @example
 * ops.oneHot(tensor([0, 2]), 3); // float32 [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: Tensor, depth: number, onValue = 1, offValue = 0, axis = -1): Tensor<'float32'> {
  checkArity(arguments.length, 5, 'oneHot');
  checkTensor(indices, 'oneHot', 'indices');
  if (!isInt(indices.dtype)) throw new TypeError(`oneHot: indices must be an integer Tensor, but got ${indices.dtype}.`);
  checkInt(depth, 'oneHot', 'depth');
  for (const [name, v] of [
    ['onValue', onValue],
    ['offValue', offValue],
  ] as const) {
    if (typeof v !== 'number') throw new TypeError(`oneHot: ${name} must be a number, but got ${describe(v)}.`);
  }
  const rank = indices.rank + 1;
  // The new axis is an axis of the output, of rank `indices.rank + 1`.
  const ax = normalizeAxisOf(axis, rank, 'oneHot');
  // The result's size is checked before the class ids are built: `oneHot(x, 2 ** 31)` fails at once.
  validateShape([...indices.shape.slice(0, ax), depth, ...indices.shape.slice(ax)], 'oneHot: the result shape (indices.shape with depth)');
  return tidy(() => {
    // Class ids up to `depth` need more than int8/uint8 can hold.
    const dtype = indices.dtype === 'int64' ? 'int64' : 'int32';
    const expanded = runKernel('Reshape', [toDType(indices, dtype)], {
      shape: [...indices.shape.slice(0, ax), 1, ...indices.shape.slice(ax)],
    });
    const classShape = Array.from({ length: rank }, (_, i) => (i === ax ? depth : 1));
    const classes = fromValues(
      Array.from({ length: depth }, (_, i) => i),
      classShape,
      dtype,
    );
    const hit = runKernel('Binary', [expanded, classes], { op: 'equal' });
    return runKernel('Where', [hit, scalar(onValue, 'float32'), scalar(offValue, 'float32')], {});
  }) as Tensor<'float32'>;
}
