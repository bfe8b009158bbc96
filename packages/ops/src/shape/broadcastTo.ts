/**
 * Repeating a tensor to a larger shape (the `BroadcastTo` primitive).
 */
import { checkArity, type DType, type Tensor } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, describe } from '../operand.js';

/**
 * `input` repeated to `shape` by NumPy broadcasting: new axes are prepended and size-1 axes
 * stretched; -1 keeps the input's size on that axis (MindSpore `ops.broadcast_to`).
 * @example
 * ops.broadcastTo(tensor([1, 2]), [2, 2]); // [[1, 2], [1, 2]]
 * ops.broadcastTo(zeros([3, 1]), [2, -1, 4]).shape; // [2, 3, 4]
 */
export function broadcastTo<D extends DType>(input: Tensor<D>, shape: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 2, 'broadcastTo');
  checkTensor(input, 'broadcastTo', 'input');
  if (!Array.isArray(shape)) throw new TypeError(`broadcastTo: shape must be an array of integers, but got ${describe(shape)}.`);
  const from = input.shape;
  if (shape.length < from.length) {
    throw new RangeError(
      `broadcastTo: cannot broadcast a tensor of shape ${shapeString(from)} to shape ${shapeString(shape)}, which has fewer dimensions.`,
    );
  }
  const lead = shape.length - from.length;
  const target = shape.map((d, i) => {
    const own = i < lead ? undefined : (from[i - lead] as number);
    if (d === -1) {
      if (own === undefined) {
        throw new RangeError(
          `broadcastTo: -1 at dimension ${i} of shape ${shapeString(shape)} is a new dimension; -1 may only keep an existing one.`,
        );
      }
      return own;
    }
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new RangeError(`broadcastTo: shape ${shapeString(shape)} must hold integers >= 0 or -1, but got ${describe(d)}.`);
    }
    if (own !== undefined && own !== 1 && own !== d) {
      throw new RangeError(
        `broadcastTo: cannot broadcast a tensor of shape ${shapeString(from)} to shape ${shapeString(shape)}: dimension ${i} is ${own}, which is neither 1 nor ${d}.`,
      );
    }
    return d;
  });
  return runKernel('BroadcastTo', [input], { shape: target }) as Tensor<D>;
}
