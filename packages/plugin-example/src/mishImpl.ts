/**
 * Mish on host numbers, the pure implementation the CPU and host kernels share (as TF.js keeps
 * `addImpl` apart from its backend wrappers): computed in float64, stored in the output's dtype.
 */
import { describeType, type Values } from '@mindts/tensor';

/**
 * `x · tanh(softplus(x))` for one number, with softplus as `log1p(e^(−|x|)) + max(x, 0)` so it
 * never overflows. NaN stays NaN; `−∞` gives `−0`, the limit (the formula would give `−∞ · 0`).
 * @example
 * mishValue(1); // 0.8650983882673103
 */
export function mishValue(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`mishValue: x must be a number, but got ${describeType(x)}.`);
  if (x === Number.NEGATIVE_INFINITY) return -0;
  const softplus = Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
  return x * Math.tanh(softplus);
}

/**
 * Applies {@link mishValue} to every element of `values` and writes the results into `out`
 * (same length; a typed array rounds them to its own precision). Returns `out`.
 * @example
 * mishImpl(new Float64Array([0, 1]), new Float64Array(2)); // Float64Array [0, 0.865…]
 */
export function mishImpl(values: ArrayLike<number>, out: Values): Values {
  const arrayLike = (v: unknown): boolean => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!arrayLike(values)) throw new TypeError(`mishImpl: values must be an array or a typed array, but got ${describeType(values)}.`);
  if (!arrayLike(out)) throw new TypeError(`mishImpl: out must be an array or a typed array, but got ${describeType(out)}.`);
  if (out.length !== values.length) {
    throw new RangeError(`mishImpl: out must have ${values.length} elements (one per input value), but has ${out.length}.`);
  }
  for (let i = 0; i < values.length; i++) out[i] = mishValue(values[i] as number);
  return out;
}
