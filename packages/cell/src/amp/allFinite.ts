/**
 * `amp.allFinite`, MindSpore's `mindspore.amp.all_finite`.
 */
import * as ops from '@mindts/ops';
import { checkArity, describeType, Tensor, tensor, tidy } from '@mindts/tensor';

/** The tensors of `inputs` (one Tensor or a list), checked. */
export function tensorList(inputs: unknown, where: string): readonly Tensor[] {
  const list = inputs instanceof Tensor ? [inputs] : inputs;
  if (!Array.isArray(list) || !list.every((t) => t instanceof Tensor)) {
    throw new TypeError(`For '${where}', the 'inputs' must be a Tensor or an array of Tensors, but got ${describeType(inputs)}.`);
  }
  return list as Tensor[];
}

/**
 * Whether every element of every input is finite (no NaN, no ±∞): a bool scalar Tensor
 * (MindSpore `amp.all_finite`), the overflow check of loss scaling. An empty list is finite.
 * @example
 * amp.allFinite([grad1, grad2]).item(); // false after a float16 overflow
 */
export function allFinite(inputs: Tensor | readonly Tensor[]): Tensor<'bool'> {
  checkArity(arguments.length, 1, 'allFinite');
  const list = tensorList(inputs, 'allFinite');
  return tidy(() => list.reduce<Tensor<'bool'>>((acc, t) => ops.logicalAnd(acc, ops.all(ops.isFinite(t))), tensor(true, 'bool')));
}
