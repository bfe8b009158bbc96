/**
 * Shape validation and arithmetic.
 */
import { argError, checkArray, checkInteger, checkString } from './argChecks.js';
import { showValue } from './options.js';

/**
 * Number of elements of a shape (1 for a scalar).
 * @example
 * sizeOf([2, 3]); // 6
 */
export function sizeOf(shape: readonly number[]): number {
  if (!Array.isArray(shape)) throw argError('sizeOf', 'shape', 'an array of numbers', shape);
  let n = 1;
  for (const d of shape) n *= d;
  // One O(1) test after the loop: a non-number entry makes the product NaN.
  if (Number.isNaN(n)) throw argError('sizeOf', 'shape', 'an array of numbers', shape);
  return n;
}

/**
 * Row-major strides of a shape.
 * @example
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 */
export function stridesOf(shape: readonly number[]): number[] {
  checkArray(shape, 'stridesOf', 'shape', 'an array of numbers');
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

/**
 * The most elements one tensor may hold, and the largest dimension: 2**31 - 1, what a 32-bit
 * signed index reaches (kernels index with int32 arithmetic, and WebAssembly and GPU memories are
 * smaller still). Creation checks it before allocating, so `zeros([2 ** 31])` fails at once.
 * @example
 * MAX_TENSOR_ELEMENTS; // 2147483647
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 31 - 1;

/** A shape's entries as written, strings quoted, for messages. */
function entries(shape: readonly unknown[]): string {
  return `[${shape.map((d) => (typeof d === 'string' ? JSON.stringify(d) : String(d))).join(', ')}]`;
}

/**
 * Checks that `shape` is an array of non-negative integers (a number is a 1-D shape), each and
 * their product at most {@link MAX_TENSOR_ELEMENTS}; returns a copy. `argName` names the
 * argument in the error, e.g. `'zeros: shape'`.
 * @example
 * validateShape([2, 3], 'shape'); // [2, 3]
 * validateShape([2 ** 31], 'zeros: shape'); // RangeError: … a tensor holds at most 2147483647 elements …
 */
export function validateShape(shape: unknown, argName: string): number[] {
  checkString(argName, 'validateShape', 'argName');
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape)) {
    throw new TypeError(`${argName} must be an array of non-negative integers, but got ${showValue(shape)}.`);
  }
  let size = 1;
  let largest = 0;
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new RangeError(
        `${argName} must contain non-negative integers, but got ${entries(shape)} (${argName}[${i}] is ${showValue(d)}).`,
      );
    }
    size *= d;
    if (d > largest) largest = d;
  }
  if (size > MAX_TENSOR_ELEMENTS || largest > MAX_TENSOR_ELEMENTS) {
    throw new RangeError(
      `${argName} must have at most ${MAX_TENSOR_ELEMENTS} (2**31 - 1) elements and at most that many in each dimension, but got ${entries(shape)} (${size} elements).`,
    );
  }
  return [...(shape as number[])];
}

/**
 * Normalises a possibly negative axis against `rank`, with a clear error when out of range.
 * @example
 * normalizeAxis(-1, 3, 'axis'); // 2
 */
export function normalizeAxis(axis: number, rank: number, argName = 'axis'): number {
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 0) checkInteger(rank, 'normalizeAxis', 'rank', 0);
  if (typeof argName !== 'string') checkString(argName, 'normalizeAxis', 'argName');
  if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1)) {
    throw new RangeError(`${argName} must be an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1)}), but got ${showValue(axis)}.`);
  }
  return axis < 0 ? axis + Math.max(rank, 1) : axis;
}

/**
 * Formats a shape as `[2, 3]` for messages.
 * @example
 * shapeString([2, 3]); // '[2, 3]'
 */
export function shapeString(shape: readonly number[]): string {
  checkArray(shape, 'shapeString', 'shape', 'an array of numbers');
  return `[${shape.join(', ')}]`;
}

/**
 * Whether two shapes are equal.
 * @example
 * shapesEqual([2, 3], [2, 3]); // true
 * shapesEqual([2, 3], [3, 2]); // false
 */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  checkArray(a, 'shapesEqual', 'a', 'an array of numbers');
  checkArray(b, 'shapesEqual', 'b', 'an array of numbers');
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
