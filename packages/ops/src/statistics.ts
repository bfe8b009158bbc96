/**
 * Variance and standard deviation over axes, composed from `mean`, `sub`, `square` and `sum`.
 */
import { checkArity, isFloat, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import type { Axis } from './axes.js';
import { div, sub } from './binary.js';
import { describe, toDType } from './operand.js';
import { mean, reductionAxes, sum } from './reduce.js';
import { sqrt } from './math.js';
import { square } from './unary.js';

function checkDdof(ddof: unknown, op: string): number {
  if (typeof ddof === 'boolean') return ddof ? 1 : 0;
  if (typeof ddof !== 'number' || !Number.isInteger(ddof)) {
    throw new TypeError(`${op}: ddof must be an integer or a boolean, but got ${describe(ddof)}.`);
  }
  return ddof;
}

function varianceOf(op: string, input: Tensor, axis: Axis, ddof: number | boolean, keepDims: boolean): Tensor {
  const axes = reductionAxes('mean', op, input, axis, keepDims);
  const d = checkDdof(ddof, op);
  let count = 1;
  for (const a of axes) count *= input.shape[a] as number;
  return tidy(() => {
    // Integer inputs compute in float32; float16 accumulates in float32 and is cast back.
    const x = toDType(input, isFloat(input.dtype) && input.dtype !== 'float16' ? input.dtype : 'float32');
    const centred = sub(x, mean(x, axes, true));
    // N − ddof ≤ 0 divides by zero: Infinity (or NaN for 0/0), as NumPy does.
    const v = div(sum(square(centred), axes, keepDims), Math.max(count - d, 0));
    return input.dtype === 'float16' ? runKernel('Cast', [v], { dtype: 'float16' }) : v;
  });
}

/**
 * The variance over `axis` (every axis by default): the mean squared deviation from the mean,
 * divided by `N − ddof` rather than `N` (`ddof` 1 or `true` is Bessel's correction). Integer
 * inputs give float32 (MindSpore `ops.var(input, axis, ddof, keepdims)`).
 * @example
 * ops.var(tensor([[1, 2, 3, 4], [-1, 1, 4, -10]], 'float32'), 1, 1); // float32 [1.6667, 36.9167]
 */
export function variance(input: Tensor, axis?: Axis, ddof: number | boolean = 0, keepDims = false): Tensor {
  checkArity(arguments.length, 4, 'var');
  return varianceOf('var', input, axis, ddof, keepDims);
}

/**
 * The standard deviation over `axis` (every axis by default): the square root of {@link variance}
 * with the same `ddof` (MindSpore `ops.std(input, axis, ddof, keepdims)`).
 * @example
 * ops.std(tensor([[1, 2, 3, 4], [-1, 1, 4, -10]], 'float32'), 1, 2, true); // float32 [[1.5811], [7.3824]]
 */
export function std(input: Tensor, axis?: Axis, ddof: number | boolean = 0, keepDims = false): Tensor {
  checkArity(arguments.length, 4, 'std');
  return tidy(() => sqrt(varianceOf('std', input, axis, ddof, keepDims)));
}
