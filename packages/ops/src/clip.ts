/**
 * Clamping to a range, composed from `maximum` and `minimum`.
 */
import { checkArity, type Tensor, tidy } from '@mindts/tensor';
import { maximum, minimum } from './binary.js';
import { checkOperand, checkTensor, copy, type TensorOrNumber } from './operand.js';

/**
 * Clamps `input` to `[min, max]` elementwise (MindSpore `ops.clamp` / `ops.clip`): `min` and `max`
 * are numbers or Tensors that broadcast with `input`, either may be omitted (not both), and where
 * `min > max` the result is `max`. Dtypes follow the usual promotion of `maximum`/`minimum`.
 * @example
 * ops.clip(tensor([-2, 0.5, 3]), 0, 1); // float32 [0, 0.5, 1]
 */
export function clip(input: Tensor, min?: TensorOrNumber | null, max?: TensorOrNumber | null): Tensor {
  checkArity(arguments.length, 3, 'clip');
  checkTensor(input, 'clip', 'input');
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (!hasMin && !hasMax) throw new TypeError("clip: at least one of 'min' or 'max' must be given, but both are missing.");
  if (hasMin) checkOperand(min, 'clip', 'min');
  if (hasMax) checkOperand(max, 'clip', 'max');
  return tidy(() => {
    let out: Tensor = hasMin ? maximum(input, min) : copy(input);
    if (hasMax) out = minimum(out, max);
    return out;
  });
}
