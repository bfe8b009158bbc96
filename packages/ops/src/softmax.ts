/**
 * Softmax and log-softmax, composed stably from max, exp, sum and log.
 */
import { checkArity, isFloat, type Tensor, tidy } from '@mindts/tensor';
import { type Axis, normalizeAxes } from './axes.js';
import { div, sub } from './binary.js';
import { finiteMax } from './logsumexp.js';
import { exp, log } from './math.js';
import { checkTensor, copy, describe, toDType } from './operand.js';
import { reduceOp } from './reduce.js';

function softmaxAxes(name: string, x: Tensor, axis: Axis): number[] {
  checkTensor(x, name, 'input');
  if (axis === null || axis === undefined)
    throw new TypeError(`${name}: axis must be an integer or an array of integers, but got ${describe(axis)}.`);
  return normalizeAxes(axis, x.rank, name);
}

/**
 * `exp(x) / sum(exp(x))` along `axis` (default the last), shifted by the maximum so large
 * inputs do not overflow. Integer inputs compute in float32 (MindSpore `ops.softmax`).
 * @example
 * ops.softmax(tensor([[1, 2, 3]])); // float32 [[0.090…, 0.244…, 0.665…]]
 */
export function softmax(input: Tensor, axis: Axis = -1): Tensor {
  checkArity(arguments.length, 2, 'softmax');
  const axes = softmaxAxes('softmax', input, axis);
  return tidy(() => {
    const x = toDType(input, isFloat(input.dtype) ? input.dtype : 'float32');
    if (x.size === 0) return copy(x);
    const e = exp(sub(x, finiteMax(x, axes, 'softmax')));
    return div(e, reduceOp('sum', 'softmax', e, axes, true));
  });
}

/**
 * `x - log(sum(exp(x)))` along `axis` (default the last), computed stably. Integer inputs
 * compute in float32 (MindSpore `ops.log_softmax`).
 * @example
 * ops.logSoftmax(tensor([0, 0])); // float32 [-0.693…, -0.693…]
 */
export function logSoftmax(input: Tensor, axis: Axis = -1): Tensor {
  checkArity(arguments.length, 2, 'logSoftmax');
  const axes = softmaxAxes('logSoftmax', input, axis);
  return tidy(() => {
    const x = toDType(input, isFloat(input.dtype) ? input.dtype : 'float32');
    if (x.size === 0) return copy(x);
    const shifted = sub(x, finiteMax(x, axes, 'logSoftmax'));
    return sub(shifted, log(reduceOp('sum', 'logSoftmax', exp(shifted), axes, true)));
  });
}
