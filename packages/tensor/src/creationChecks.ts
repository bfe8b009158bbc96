/**
 * The validation layer of tensor creation: numbers that must be finite, counts, integer ranges
 * per dtype and the backend's storage limit. Every check runs before anything is allocated or
 * any random counter is reserved, and each error names the argument, what it must be and what it
 * got. Shapes are checked by `validateShape` (shape.ts), dtypes by `assertDType` (dtype.ts).
 */
import type { Backend } from './backendTypes.js';
import { bytesPerElement, type DType } from './dtype.js';
import { showValue } from './options.js';
import { MAX_TENSOR_ELEMENTS, shapeString, sizeOf } from './shape.js';

/** `[smallest, largest + 1]` of each integer dtype (int64's end, 2**63, is exact as a double). */
const INT_RANGES: { readonly [D in DType]?: readonly [number, number, string] } = {
  int8: [-128, 128, '[-128, 127]'],
  uint8: [0, 256, '[0, 255]'],
  int16: [-32768, 32768, '[-32768, 32767]'],
  int32: [-2147483648, 2147483648, '[-2147483648, 2147483647]'],
  int64: [-(2 ** 63), 2 ** 63, '[-9223372036854775808, 9223372036854775807]'],
};

/** Integer dtypes each typed array's every value fits in: those need no per-value check. */
function fitsWithoutCheck(values: ArrayLike<number>, dtype: DType): boolean {
  if (values instanceof Int32Array) return dtype === 'int32' || dtype === 'int64';
  if (values instanceof Int16Array) return dtype === 'int16' || dtype === 'int32' || dtype === 'int64';
  if (values instanceof Int8Array) return dtype !== 'uint8';
  if (values instanceof Uint8Array || values instanceof Uint8ClampedArray) return dtype !== 'int8';
  return false;
}

/**
 * Throws a RangeError unless every value fits `dtype` when it is an integer dtype: finite, and in
 * range once the fraction is dropped (fractions truncate toward zero, as NumPy's cast does), like
 * NumPy 2's `OverflowError` for `np.array([300], np.uint8)`. Float and bool dtypes take any value.
 * @example
 * checkValueRange([300], 'uint8', 'tensor: value'); // RangeError: tensor: value 300 is out of bounds for uint8, which holds integers in [0, 255]; …
 */
export function checkValueRange(values: ArrayLike<number>, dtype: DType, argName: string): void {
  const range = INT_RANGES[dtype];
  if (range === undefined || fitsWithoutCheck(values, dtype)) return;
  const [lo, end, text] = range;
  for (let i = 0; i < values.length; i++) {
    const t = Math.trunc(values[i] as number);
    // NaN fails both comparisons, so it lands here with the infinities.
    if (!(t >= lo && t < end)) {
      const v = values[i] as number;
      const at = values.length > 1 ? ` (element ${i})` : '';
      const what = Number.isFinite(v) ? 'is out of bounds for' : 'cannot be stored in';
      throw new RangeError(`${argName} ${v}${at} ${what} ${dtype}, which holds integers in ${text}; pass a wider or a float dtype.`);
    }
  }
}

/**
 * Throws a RangeError when `backend` reports a per-tensor byte limit ({@link Backend.maxBytes})
 * that `shape` × `dtype` exceeds.
 * @example
 * checkBackendLimit([2 ** 30], 'float64', wasmBackend, 'zeros'); // RangeError: … needs 8589934592 bytes …
 */
export function checkBackendLimit(shape: readonly number[], dtype: DType, backend: Backend, where: string): void {
  const max = backend.maxBytes;
  if (max === undefined) return;
  const bytes = sizeOf(shape) * bytesPerElement(dtype);
  if (bytes > max) {
    throw new RangeError(
      `${where}: a ${dtype} tensor of shape ${shapeString(shape)} needs ${bytes} bytes, but backend '${backend.name}' holds at most ${max} bytes in one tensor.`,
    );
  }
}

/**
 * `value` if it is a finite number; otherwise a TypeError (not a number) or RangeError (NaN, ±Infinity).
 * @example
 * checkFinite(0.5, 'linspace: start'); // 0.5
 * checkFinite(NaN, 'linspace: start'); // RangeError: linspace: start must be a finite number, but got NaN.
 */
export function checkFinite(value: unknown, argName: string): number {
  if (typeof value !== 'number') throw new TypeError(`${argName} must be a finite number, but got ${showValue(value)}.`);
  if (!Number.isFinite(value)) throw new RangeError(`${argName} must be a finite number, but got ${value}.`);
  return value;
}

/**
 * `value` if it is a non-negative integer of at most {@link MAX_TENSOR_ELEMENTS}: a number of
 * elements to create.
 * @example
 * checkCount(5, 'linspace: num'); // 5
 */
export function checkCount(value: unknown, argName: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TENSOR_ELEMENTS) {
    const err = typeof value === 'number' ? RangeError : TypeError;
    throw new err(`${argName} must be an integer in [0, ${MAX_TENSOR_ELEMENTS}], but got ${showValue(value)}.`);
  }
  return value;
}

/**
 * `values` if it is an array or typed array of `size` numbers; the error names the length and the
 * shape that needs it (so a short array never reads as NaN).
 * @example
 * checkValues([1, 2, 3], 6, 'fromValues: values', [2, 3]); // RangeError: … has 3 elements, but shape [2, 3] needs 6.
 */
export function checkValues(values: unknown, size: number, argName: string, shape: readonly number[]): ArrayLike<number> {
  const typed = ArrayBuffer.isView(values) && !(values instanceof DataView);
  if (!typed && !Array.isArray(values)) {
    throw new TypeError(`${argName} must be an array or typed array of numbers, but got ${showValue(values)}.`);
  }
  const list = values as ArrayLike<unknown>;
  if (list.length !== size) {
    throw new RangeError(`${argName} has ${list.length} elements, but shape ${shapeString(shape)} needs ${size}.`);
  }
  if (!typed) {
    for (let i = 0; i < list.length; i++) {
      if (typeof list[i] !== 'number') throw new TypeError(`${argName}[${i}] must be a number, but got ${showValue(list[i])}.`);
    }
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    throw new TypeError(`${argName} must hold numbers, but got a ${showValue(values)}; convert it to a Float64Array first.`);
  }
  return values as ArrayLike<number>;
}
