/**
 * The gradient rule of the `Mish` primitive. It is written with `ops.*`, so the engine records
 * it like any computation: the rule is differentiable in turn (second derivatives by nesting
 * `grad`) and runs on whichever backend is active.
 */
import type { GradFunc } from '@mindts/ops';
import * as ops from '@mindts/ops';
import { isFloat } from '@mindts/tensor';

/**
 * `d mish(x)/dx = tanh(sp) + x · (1 − tanh²(sp)) · σ(x)` with `sp = softplus(x)`, since
 * `sp′ = σ`. `tanh(sp)` is recomputed from `x` rather than taken from the output as `y / x`,
 * which is 0/0 at x = 0.
 * @example
 * registerGradient('Mish', mishGrad);
 */
export const mishGrad: GradFunc<'Mish'> = (dy, { inputs: [x] }) => {
  if (!x || !isFloat(x.dtype)) return [undefined];
  const t = ops.tanh(ops.softplus(x));
  const slope = ops.add(t, ops.mul(ops.mul(x, ops.sub(1, ops.square(t))), ops.sigmoid(x)));
  return [ops.mul(dy, slope)];
};
