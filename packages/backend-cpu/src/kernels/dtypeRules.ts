/**
 * Which dtype families a kernel accepts, with the errors it raises otherwise.
 */
import type { DType } from '@mindts/tensor';

/** Whether `dtype` is float16, float32 or float64. */
export function isFloatDType(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}

/**
 * Throws unless `dtype` is a float dtype.
 * @example
 * requireFloat('Random', 'dtype', 'int32'); // throws
 */
export function requireFloat(kernel: string, argName: string, dtype: DType): void {
  if (!isFloatDType(dtype)) {
    throw new TypeError(`${kernel}: ${argName} must be float16, float32 or float64, but got ${dtype}; cast it first.`);
  }
}

/**
 * Throws unless two inputs share a dtype (ops promote before calling a kernel).
 * @example
 * requireSameDType('Binary', 'float32', 'int32'); // throws
 */
export function requireSameDType(kernel: string, a: DType, b: DType, names: [string, string] = ['a', 'b']): void {
  if (a !== b) {
    throw new TypeError(`${kernel}: ${names[0]} and ${names[1]} must have the same dtype, but got ${a} and ${b}; cast them first.`);
  }
}

/** Integer dtypes that wrap at 32 bits or less (everything but int64, which is held in float64). */
export function wrapsAt32(dtype: DType): boolean {
  return dtype === 'int8' || dtype === 'uint8' || dtype === 'int16' || dtype === 'int32';
}
