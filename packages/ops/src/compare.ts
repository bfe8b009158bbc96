/**
 * Elementwise comparisons (the comparison ops of the `Binary` primitive): both operands are
 * promoted to one dtype, then compared; the result is bool.
 */
import { checkArity, type Tensor } from '@mindts/tensor';
import { binaryOp } from './binary.js';
import type { TensorOrNumber } from './operand.js';

/**
 * `input == other` elementwise, broadcast.
 * @example
 * ops.equal(tensor([1, 2]), 2); // bool [false, true]
 */
export function equal(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'equal');
  return binaryOp('equal', 'equal', input, other) as Tensor<'bool'>;
}

/**
 * `input != other` elementwise, broadcast.
 * @example
 * ops.notEqual(tensor([1, 2]), 2); // bool [true, false]
 */
export function notEqual(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'notEqual');
  return binaryOp('notEqual', 'notEqual', input, other) as Tensor<'bool'>;
}

/**
 * `input < other` elementwise, broadcast.
 * @example
 * ops.less(tensor([1, 2]), 2); // bool [true, false]
 */
export function less(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'less');
  return binaryOp('less', 'less', input, other) as Tensor<'bool'>;
}

/**
 * `input <= other` elementwise, broadcast.
 * @example
 * ops.lessEqual(tensor([1, 3]), 2); // bool [true, false]
 */
export function lessEqual(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'lessEqual');
  return binaryOp('lessEqual', 'lessEqual', input, other) as Tensor<'bool'>;
}

/**
 * `input > other` elementwise, broadcast.
 * @example
 * ops.greater(tensor([1, 3]), 2); // bool [false, true]
 */
export function greater(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'greater');
  return binaryOp('greater', 'greater', input, other) as Tensor<'bool'>;
}

/**
 * `input >= other` elementwise, broadcast.
 * @example
 * ops.greaterEqual(tensor([1, 2]), 2); // bool [false, true]
 */
export function greaterEqual(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'greaterEqual');
  return binaryOp('greaterEqual', 'greaterEqual', input, other) as Tensor<'bool'>;
}
