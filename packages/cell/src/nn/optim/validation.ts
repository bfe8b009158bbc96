/**
 * Number checks of the optimizers and schedules, worded as MindSpore's `_checkparam`
 * (`check_non_negative_float`, `check_positive_float`, `check_positive_int`,
 * `check_float_range`) in mindspore/python/mindspore/_checkparam.py (MindSpore master,
 * mindspore-ai/mindspore_test@013d6bb6e3f9b423a0afa00238944b66cc49f8c7), with mindts' argument names.
 */
import { typeName } from '../../cellState.js';

/** A number as Python prints a float: `1.0`, `0.5`, `-0.1`. */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

function checkNumber(value: unknown, arg: string, cls: string, type: 'float' | 'int'): number {
  if (typeof value !== 'number' || (type === 'int' && !Number.isInteger(value))) {
    throw new TypeError(`For '${cls}', the '${arg}' must be ${type}, but got '${typeName(value)}'.`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`For '${cls}', the '${arg}' must be a legal value, but got '${value}'.`);
  return value;
}

function failRelation(value: number, arg: string, cls: string, type: 'float' | 'int', rel: string): never {
  const shown = type === 'float' ? pyFloat(value) : String(value);
  throw new RangeError(`For '${cls}', the '${arg}' must be ${type} and must ${rel}, but got '${shown}' with type '${type}'.`);
}

/** A finite number >= 0. */
export function checkNonNegativeFloat(value: unknown, arg: string, cls: string): number {
  const v = checkNumber(value, arg, cls, 'float');
  if (!(v >= 0)) failRelation(v, arg, cls, 'float', '>= 0');
  return v;
}

/** A finite number > 0. */
export function checkPositiveFloat(value: unknown, arg: string, cls: string): number {
  const v = checkNumber(value, arg, cls, 'float');
  if (!(v > 0)) failRelation(v, arg, cls, 'float', '> 0');
  return v;
}

/** An integer > 0. */
export function checkPositiveInt(value: unknown, arg: string, cls: string): number {
  const v = checkNumber(value, arg, cls, 'int');
  if (!(v > 0)) failRelation(v, arg, cls, 'int', '> 0');
  return v;
}

/** A number in the open interval (0, 1), as Adam's betas. */
export function checkOpenUnitRange(value: unknown, arg: string, cls: string): number {
  const v = checkNumber(value, arg, cls, 'float');
  if (!(v > 0 && v < 1)) {
    throw new RangeError(`For '${cls}', the '${arg}' must be in range of (0.0, 1.0), but got ${pyFloat(v)} with type 'float'.`);
  }
  return v;
}

/** MindSpore's `check_bool` / `check_value_type(..., [bool])`. */
export function checkBoolArg(value: unknown, arg: string, cls: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`For '${cls}', the type of '${arg}' should be 'bool', but got '${typeName(value)}'.`);
  return value;
}
