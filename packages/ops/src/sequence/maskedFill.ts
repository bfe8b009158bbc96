/**
 * Filling masked positions with a value (`Where` with broadcasting).
 */
import { checkArity, Tensor, tidy } from '@mindts/tensor';
import { broadcastShapes, runKernel, shapeString, shapesEqual } from '@mindts/tensor/backend';
import { checkTensor, describe, toDType } from '../operand.js';

/**
 * `input` with the positions where `mask` is true set to `value` (MindSpore `ops.masked_fill`).
 * `mask` is bool and broadcasts to `input`'s shape; `value` is a number or a 0-d Tensor, cast to
 * `input`'s dtype. The gradient flows to `input` where the mask is false and to a Tensor `value`
 * where it is true.
 * @example
 * ops.maskedFill(tensor([1, 2, 3], 'float32'), tensor([false, true, false]), -1); // [1, -1, 3]
 * ops.maskedFill(scores, ops.triu(ones([n, n], 'bool'), 1), -Infinity); // a causal attention mask
 */
export function maskedFill(input: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  checkArity(arguments.length, 3, 'maskedFill');
  checkTensor(input, 'maskedFill', 'input');
  checkTensor(mask, 'maskedFill', 'mask');
  if (mask.dtype !== 'bool') throw new TypeError(`maskedFill: mask must be a bool Tensor, but got ${mask.dtype}.`);
  if (value instanceof Tensor) {
    if (value.rank !== 0) throw new RangeError(`maskedFill: value must be a number or a 0-d Tensor, but got ${describe(value)}.`);
  } else if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`maskedFill: value must be a number or a 0-d Tensor, but got ${describe(value)}.`);
  }
  let shape: number[] | undefined;
  try {
    shape = broadcastShapes(input.shape, mask.shape);
  } catch {
    shape = undefined;
  }
  if (!shape || !shapesEqual(shape, input.shape)) {
    throw new RangeError(`maskedFill: mask ${shapeString(mask.shape)} must broadcast to input's shape ${shapeString(input.shape)}.`);
  }
  return tidy(() => runKernel('Where', [mask, toDType(value, input.dtype), input], {}));
}
