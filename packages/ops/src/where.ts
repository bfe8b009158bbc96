/**
 * Elementwise choice (the `Where` primitive).
 */
import { checkArity, type DType, type Tensor, tidy } from '@mindts/tensor';
import { broadcastShapes, runKernel, shapeString } from '@mindts/tensor/backend';
import { checkOperand, checkTensor, resultDType, type TensorOrNumber, toDType } from './operand.js';

/** The dtype of two branches: tensor promotion, the scalar rule, or for two numbers int32/float32/bool. */
function branchDType(input: TensorOrNumber, other: TensorOrNumber): DType {
  if (typeof input === 'object' || typeof other === 'object') return resultDType(input, other, 'where', ['input', 'other']);
  if (typeof input === 'boolean' && typeof other === 'boolean') return 'bool';
  return Number.isInteger(Number(input)) && Number.isInteger(Number(other)) ? 'int32' : 'float32';
}

/**
 * `condition ? input : other` elementwise; the three broadcast together. `input` and `other`
 * may be numbers; they are promoted to one dtype (MindSpore `ops.where`).
 * @example
 * ops.where(ops.greater(x, 0), x, 0); // relu
 */
export function where(condition: Tensor, input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 3, 'where');
  checkTensor(condition, 'where', 'condition');
  if (condition.dtype !== 'bool') {
    throw new TypeError(`where: condition must be a bool Tensor, but got ${condition.dtype}; compare first, e.g. ops.greater(x, 0).`);
  }
  checkOperand(input, 'where', 'input');
  checkOperand(other, 'where', 'other');
  const dtype = branchDType(input, other);
  const shape = (x: TensorOrNumber) => (typeof x === 'object' ? x.shape : []);
  try {
    broadcastShapes(broadcastShapes(condition.shape, shape(input)), shape(other));
  } catch (err) {
    throw new Error(
      `where: condition ${shapeString(condition.shape)}, input ${shapeString(shape(input))} and other ${shapeString(shape(other))} cannot be broadcast together.`,
      { cause: err },
    );
  }
  return tidy(() => runKernel('Where', [condition, toDType(input, dtype), toDType(other, dtype)], {}));
}
