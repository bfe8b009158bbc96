/**
 * The entry checks of the exported `*Impl` functions (the typed-array kernels other backends call
 * as their fallback): values that are typed arrays, shapes that are valid and that the values fill,
 * known dtypes and integer attributes. Each check is O(1) or O(rank), never O(elements), so the
 * CPU kernels that call the `*Impl` functions once per kernel pay nothing measurable.
 */
import { assertDType, describeType, type DType } from '@mindts/tensor';
import { shapeString, sizeOf, validateShape } from '@mindts/tensor/backend';

function fail(where: string, arg: string, expected: string, value: unknown): TypeError {
  const shown = typeof value === 'number' || typeof value === 'boolean' ? String(value) : describeType(value);
  return new TypeError(`${where}: ${arg} must be ${expected}, but got ${shown}.`);
}

/** `v` is a typed array (the `Values` of a dtype; not a DataView). */
export function checkValues(where: string, arg: string, v: unknown): void {
  if (!(ArrayBuffer.isView(v) && !(v instanceof DataView))) throw fail(where, arg, 'a typed array of values', v);
}

/** `v` is a typed array, `shape` a valid shape, and `v` holds that shape's elements. */
export function checkShaped(where: string, arg: string, v: unknown, shape: readonly number[], shapeArg = 'shape'): void {
  checkValues(where, arg, v);
  validateShape(shape, `${where}: ${shapeArg}`);
  const size = sizeOf(shape);
  if ((v as ArrayLike<unknown>).length < size) {
    throw new RangeError(
      `${where}: ${arg} must hold the ${size} elements of ${shapeArg} ${shapeString(shape)}, but has ${(v as ArrayLike<unknown>).length}.`,
    );
  }
}

/** `s` is a valid shape (an array of integers >= 0, at most MAX_TENSOR_ELEMENTS elements). */
export function checkShape(where: string, arg: string, s: unknown): void {
  validateShape(s, `${where}: ${arg}`);
}

/** `d` is a dtype name. */
export function checkDType(where: string, d: unknown, arg = 'dtype'): DType {
  return assertDType(d, `${where}: ${arg}`);
}

/** `x` is a safe integer (at least `min` when given). */
export function checkInt(where: string, arg: string, x: unknown, min = Number.MIN_SAFE_INTEGER): void {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min) {
    throw fail(where, arg, min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`, x);
  }
}

/** `axis` is an integer in [0, rank) (the ops normalised negative axes already). */
export function checkAxis(where: string, axis: unknown, rank: number): void {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < 0 || axis >= rank) {
    throw new RangeError(
      `${where}: axis must be an integer in [0, ${rank}), but got ${typeof axis === 'number' ? axis : describeType(axis)}.`,
    );
  }
}

/** `x` is a boolean. */
export function checkBoolean(where: string, arg: string, x: unknown): void {
  if (typeof x !== 'boolean') throw fail(where, arg, 'a boolean', x);
}

/** `xs` is an array of integers. */
export function checkIntList(where: string, arg: string, xs: unknown): void {
  if (!Array.isArray(xs) || !xs.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) {
    throw fail(where, arg, 'an array of integers', xs);
  }
}

/** `x` is a non-null object (a kernel's attributes). */
export function checkObject(where: string, arg: string, x: unknown, expected = 'an object'): void {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) throw fail(where, arg, expected, x);
}

/** `x` is a number (NaN and ±Infinity included: they are values). */
export function checkNumber(where: string, arg: string, x: unknown): void {
  if (typeof x !== 'number') throw fail(where, arg, 'a number', x);
}

/** `values` and `shapes` are two arrays of one length (Concat's operands). */
export function checkParallel(where: string, values: unknown, shapes: unknown): void {
  if (!Array.isArray(values)) throw fail(where, 'values', 'an array of value arrays', values);
  if (!Array.isArray(shapes) || shapes.length !== values.length) {
    throw fail(where, 'shapes', `an array of ${values.length} shape(s), one per values entry`, shapes);
  }
}

/** `x` is a string (an op or mode name; the kernel checks which ones it knows). */
export function checkName(where: string, arg: string, x: unknown): void {
  if (typeof x !== 'string') throw fail(where, arg, 'a string', x);
}
