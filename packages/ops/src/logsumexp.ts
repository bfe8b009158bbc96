/**
 * `log(sum(exp(x)))`, composed stably by shifting by the maximum.
 */
import { checkArity, isFloat, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { type Axis, reducedShape } from './axes.js';
import { add, sub } from './binary.js';
import { exp, log } from './math.js';
import { copy, scalar, toDType } from './operand.js';
import { reduceOp, reductionAxes } from './reduce.js';

/**
 * The maximum over `axes` (kept as size-1 dims) with infinities replaced by 0, so that
 * subtracting it never makes NaN from `inf - inf`.
 */
export function finiteMax(x: Tensor, axes: readonly number[], name: string): Tensor {
  return tidy(() => {
    const m = reduceOp('max', name, x, axes, true);
    const finite = runKernel('Unary', [m], { op: 'isFinite' });
    return runKernel('Where', [finite, m, scalar(0, m.dtype)], {});
  });
}

/**
 * `log(sum(exp(input)))` over `axis` (all axes by default), computed as
 * `m + log(sum(exp(input - m)))` with `m` the maximum, so large inputs do not overflow.
 * Integer inputs compute in float32; over a size-0 axis the result is `-Infinity`.
 * @example
 * ops.logsumexp(tensor([1000, 1000]), 0); // float32 1000.6931…
 */
export function logsumexp(input: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkArity(arguments.length, 3, 'logsumexp');
  const axes = reductionAxes('logsumexp', 'logsumexp', input, axis, keepDims);
  return tidy(() => {
    const x = toDType(input, isFloat(input.dtype) ? input.dtype : 'float32');
    if (axes.some((a) => x.shape[a] === 0)) return log(reduceOp('sum', 'logsumexp', exp(x), axes, keepDims));
    const m = finiteMax(x, axes, 'logsumexp');
    const out = add(log(reduceOp('sum', 'logsumexp', exp(sub(x, m)), axes, true)), m);
    return keepDims ? out : copy(out, reducedShape(x.shape, axes, false));
  });
}
