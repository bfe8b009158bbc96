/**
 * Logical ops: operands are cast to bool (nonzero is true) and combined elementwise.
 */
import { checkArity, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { binaryOp } from './binary.js';
import { checkTensor, disposeTemp, type TensorOrNumber, toDType } from './operand.js';

const toBool = () => 'bool' as const;

/**
 * `input && other` elementwise, broadcast.
 * @example
 * ops.logicalAnd(tensor([true, false]), true); // bool [true, false]
 */
export function logicalAnd(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'logicalAnd');
  return binaryOp('logicalAnd', 'logicalAnd', input, other, toBool) as Tensor<'bool'>;
}

/**
 * `input || other` elementwise, broadcast.
 * @example
 * ops.logicalOr(tensor([true, false]), false); // bool [true, false]
 */
export function logicalOr(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'logicalOr');
  return binaryOp('logicalOr', 'logicalOr', input, other, toBool) as Tensor<'bool'>;
}

/**
 * `input !== other` on truth values, elementwise, broadcast.
 * @example
 * ops.logicalXor(tensor([true, false]), true); // bool [false, true]
 */
export function logicalXor(input: TensorOrNumber, other: TensorOrNumber): Tensor<'bool'> {
  checkArity(arguments.length, 2, 'logicalXor');
  return binaryOp('logicalXor', 'logicalXor', input, other, toBool) as Tensor<'bool'>;
}

/**
 * `!input` elementwise (nonzero is true).
 * @example
 * ops.logicalNot(tensor([0, 2])); // bool [true, false]
 */
export function logicalNot(input: Tensor): Tensor<'bool'> {
  checkArity(arguments.length, 1, 'logicalNot');
  checkTensor(input, 'logicalNot', 'input');
  const b = toDType(input, 'bool');
  try {
    return runKernel('Unary', [b], { op: 'logicalNot' }) as Tensor<'bool'>;
  } finally {
    disposeTemp(b, input);
  }
}
