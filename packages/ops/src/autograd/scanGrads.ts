/**
 * Gradient rules of the scan and sort primitives (`Cumulative`, `Argsort`).
 */
import { isFloat, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { scalar } from '../operand.js';
import type { GradFunc } from './gradFunc.js';

/**
 * Gradient of `Cumulative`. A running sum's adjoint is the running sum of dy from the other
 * end. A running product's is Σ_{i≥j} dy_i·y_i / x_j where x_j ≠ 0; that division is only
 * right before a row's first zero, so at the first zero z the rule uses
 * Π_{k<z} x_k · Σ_{i≥z} dy_i·Π_{z<k≤i} x_k, and after it the gradient is 0 (PyTorch's exact
 * rule, composed in O(n) from scans).
 */
export const cumulativeGrad: GradFunc<'Cumulative'> = (dy, { inputs: [x], output: y, attrs: { op, axis, reverse } }) => {
  if (!x || !isFloat(x.dtype)) return [undefined];
  const scan = (t: Tensor, o: 'sum' | 'prod', rev: boolean) => runKernel('Cumulative', [t], { op: o, axis, reverse: rev });
  const bin = (a: Tensor, b: Tensor, o: 'mul' | 'div' | 'equal' | 'logicalAnd' | 'logicalOr') => runKernel('Binary', [a, b], { op: o });
  const where = (c: Tensor, a: Tensor, b: Tensor) => runKernel('Where', [c, a, b], {});
  if (op === 'sum') return [scan(dy, 'sum', !reverse)];
  const zero = scalar(0, x.dtype);
  const one = scalar(1, x.dtype);
  const isZero = bin(x, zero, 'equal');
  // How many zeros up to each position, in scan order.
  const zerosSoFar = scan(runKernel('Cast', [isZero], { dtype: x.dtype }), 'sum', reverse);
  const before = bin(zerosSoFar, zero, 'equal');
  const atFirstZero = bin(isZero, bin(zerosSoFar, one, 'equal'), 'logicalAnd');
  const beforeRule = bin(scan(bin(dy, y, 'mul'), 'sum', !reverse), where(before, x, one), 'div');
  const fromZero = scan(where(bin(before, atFirstZero, 'logicalOr'), one, x), 'prod', reverse);
  const upToZero = scan(where(atFirstZero, one, x), 'prod', reverse);
  const zeroRule = bin(upToZero, scan(bin(dy, fromZero, 'mul'), 'sum', !reverse), 'mul');
  return [where(before, beforeRule, where(atFirstZero, zeroRule, zero))];
};

/** `Argsort`'s output is integer: no gradient flows through the order itself. */
export const argsortGrad: GradFunc<'Argsort'> = () => [undefined];
