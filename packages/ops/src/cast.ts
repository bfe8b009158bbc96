/**
 * Dtype conversion (the `Cast` primitive).
 */
import { checkArity, assertDType, type DType, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { checkTensor, copy } from './operand.js';

/**
 * A copy of `input` converted to `dtype`: floats to ints truncate toward zero, nonzero to bool
 * is true (MindSpore `ops.cast`). Casting to the same dtype returns a copy.
 * @example
 * ops.cast(tensor([1.7, -1.7]), 'int32'); // int32 [1, -1]
 */
export function cast<D extends DType>(input: Tensor, dtype: D): Tensor<D> {
  checkArity(arguments.length, 2, 'cast');
  checkTensor(input, 'cast', 'input');
  assertDType(dtype, 'cast: dtype');
  return (input.dtype === dtype ? copy(input) : runKernel('Cast', [input], { dtype })) as Tensor<D>;
}
