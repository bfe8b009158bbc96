/**
 * The input check of the float-only activation layers (MindSpore's "TypeError: If dtype of `x`
 * is neither float16 nor float32"; float64 is accepted too, as on MindSpore's CPU and GPU).
 */
import { isFloat, Tensor } from '@mindts/tensor';
import { typeName } from '../cellState.js';

/** `x` if it is a float Tensor, else a TypeError naming the layer and what it got. */
export function checkFloatInput(x: unknown, cls: string): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`For '${cls}', the input must be a Tensor, but got ${typeName(x)}.`);
  if (!isFloat(x.dtype)) throw new TypeError(`For '${cls}', the dtype of the input must be a float type, but got ${x.dtype}.`);
  return x;
}

/** A finite number argument, or a TypeError/RangeError naming it (MindSpore's `check_value_type(…, [float, int])`). */
export function checkFiniteNumber(value: unknown, arg: string, cls: string): number {
  if (typeof value !== 'number') throw new TypeError(`For '${cls}', the '${arg}' must be a float or an int, but got ${typeName(value)}.`);
  if (!Number.isFinite(value)) throw new RangeError(`For '${cls}', the '${arg}' must be a finite number, but got ${value}.`);
  return value;
}
