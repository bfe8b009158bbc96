/**
 * Argument checks for the backend SPI (`@mindts/tensor/backend`): each is O(1) (a type test, no
 * loop over elements), so a helper that kernels call per kernel or per element can check its
 * arguments at no measurable cost. The error names the function, the argument, what was
 * expected and what was received.
 */
import { showValue } from './options.js';

/** A TypeError `where: arg must be expected, but got <value>.` */
export function argError(where: string, arg: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${where}: ${arg} must be ${expected}, but got ${showValue(value)}.`);
}

/** Throws unless `value` is an array (a shape, a list of tensors). */
export function checkArray(value: unknown, where: string, arg: string, expected = 'an array'): void {
  if (!Array.isArray(value)) throw argError(where, arg, expected, value);
}

/** Throws unless `value` is an array of numbers or a typed array (not a DataView). */
export function checkArrayLike(value: unknown, where: string, arg: string): void {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) return;
  throw argError(where, arg, 'an array or a typed array of numbers', value);
}

/** Throws unless `value` is a number (any number: NaN and ±Infinity are values too). */
export function checkNumber(value: unknown, where: string, arg: string): void {
  if (typeof value !== 'number') throw argError(where, arg, 'a number', value);
}

/** Throws unless `value` is a safe integer, at least `min` when given. */
export function checkInteger(value: unknown, where: string, arg: string, min = Number.MIN_SAFE_INTEGER): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw argError(where, arg, min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`, value);
  }
}

/** Throws unless `value` is a string. */
export function checkString(value: unknown, where: string, arg: string): void {
  if (typeof value !== 'string') throw argError(where, arg, 'a string', value);
}

/** Throws unless `value` is a function. */
export function checkFunction(value: unknown, where: string, arg: string): void {
  if (typeof value !== 'function') throw argError(where, arg, 'a function', value);
}

/** Throws unless `value` is a non-null object (not an array). */
export function checkObject(value: unknown, where: string, arg: string, expected = 'an object'): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw argError(where, arg, expected, value);
}
