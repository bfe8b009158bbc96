/**
 * Data types, their storage arrays and MindSpore's promotion order.
 */
import { showValue } from './options.js';
import { MAX_TENSOR_ELEMENTS } from './shape.js';

/**
 * The element types a Tensor can hold.
 *
 * `float16` is a storage type: values are rounded to half precision and stored in 2 bytes,
 * arithmetic runs in float32. `int64` values are held as JavaScript numbers (exact up to 2^53).
 * @example
 * const dtype: DType = 'float16';
 * zeros([2], dtype).dtype; // 'float16'
 */
export type DType = 'bool' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'float16' | 'float32' | 'float64';

/**
 * The float dtypes: what a loss, a norm or a mean returns, so `item()` on such a result is typed
 * `number`.
 * @example
 * const loss: Tensor<FloatDType> = ops.crossEntropy(logits, labels);
 * loss.item().toFixed(4);
 */
export type FloatDType = 'float16' | 'float32' | 'float64';

/**
 * Every dtype, in MindSpore's promotion order (lowest first).
 * @example
 * DTYPES[0]; // 'bool', the lowest
 * DTYPES.indexOf('int32') < DTYPES.indexOf('float16'); // true: int32 with float16 computes in float16
 */
export const DTYPES: readonly DType[] = ['bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'];

/**
 * The typed array a dtype is stored in on the host.
 * @example
 * const bits: DataArrayMap['float16'] = new Uint16Array(4); // float16 is stored as its bits
 */
export interface DataArrayMap {
  bool: Uint8Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: Float64Array;
  float16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
}

/**
 * Any of the host arrays a Tensor's values can be read into.
 * @example
 * const host: DataArray = zeros([2], 'int32').dataSync(); // Int32Array [0, 0]
 */
export type DataArray = DataArrayMap[DType];

/**
 * The array type values are *read* as: float16 storage decodes to Float32Array.
 * @example
 * const v: ValuesOf<'float16'> = await t.data(); // Float32Array
 */
export type ValuesOf<D extends DType> = D extends 'float16' ? Float32Array : DataArrayMap[D];

/**
 * Any array returned by `Tensor.data()`.
 * @example
 * const values: Values = await tensor([1, 2]).data(); // Int32Array [1, 2]
 */
export type Values = ValuesOf<DType>;

const BYTES: Record<DType, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  float16: 2,
  float32: 4,
  float64: 8,
};

/**
 * Bytes one element of `dtype` occupies in storage.
 * @example
 * bytesPerElement('float16'); // 2
 */
export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype];
}

/**
 * Whether `value` names a dtype.
 * @example
 * isDType('float32'); // true
 */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/**
 * Throws a clear error unless `value` is a dtype; returns it typed.
 * @example
 * assertDType('int32', 'dtype'); // 'int32'
 */
export function assertDType(value: unknown, argName: string): DType {
  if (!isDType(value)) {
    throw new TypeError(`${argName} must be one of ${DTYPES.join(', ')}, but got ${showValue(value)}.`);
  }
  return value;
}

/**
 * True for float16, float32 and float64.
 * @example
 * isFloat('float16'); // true
 * isFloat('int32'); // false
 */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}

/**
 * True for the signed and unsigned integer dtypes (not bool).
 * @example
 * isInt('uint8'); // true
 * isInt('bool'); // false
 */
export function isInt(dtype: DType): boolean {
  return dtype === 'int8' || dtype === 'uint8' || dtype === 'int16' || dtype === 'int32' || dtype === 'int64';
}

/**
 * The dtype a mixed-dtype operation computes in: the higher of the two in MindSpore's order
 * bool < int8 < uint8 < int16 < int32 < int64 < float16 < float32 < float64.
 * @example
 * promoteTypes('int32', 'float16'); // 'float16'
 */
export function promoteTypes(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}

/**
 * MindSpore's printed name of a dtype: `Float32`, `Int32`, `Bool`, …
 * @example
 * dtypeDisplayName('float32'); // 'Float32'
 * dtypeDisplayName('uint8'); // 'UInt8'
 */
export function dtypeDisplayName(dtype: DType): string {
  assertDType(dtype, 'dtypeDisplayName: dtype');
  return dtype === 'uint8' ? 'UInt8' : dtype.charAt(0).toUpperCase() + dtype.slice(1);
}

/**
 * Every storage array is made by makeArray or makeValues: a size no tensor can have is refused
 * before the allocation, so a bad size never reaches the platform's "Invalid typed array length"
 * or allocates gigabytes first.
 */
function checkStorageSize(dtype: unknown, size: unknown): void {
  if (!(typeof size === 'number' && Number.isInteger(size) && size >= 0 && size <= MAX_TENSOR_ELEMENTS)) {
    throw new RangeError(
      `A ${typeof dtype === 'string' ? dtype : showValue(dtype)} tensor must have an integer number of elements in [0, ${MAX_TENSOR_ELEMENTS}] (2**31 - 1), but this one would have ${showValue(size)}.`,
    );
  }
}

/**
 * A new zero-filled storage array for `size` elements of `dtype`.
 * @example
 * makeArray('int32', 3); // Int32Array [0, 0, 0]
 */
export function makeArray<D extends DType>(dtype: D, size: number): DataArrayMap[D] {
  checkStorageSize(dtype, size);
  switch (dtype) {
    case 'bool':
    case 'uint8':
      return new Uint8Array(size) as DataArrayMap[D];
    case 'int8':
      return new Int8Array(size) as DataArrayMap[D];
    case 'int16':
      return new Int16Array(size) as DataArrayMap[D];
    case 'int32':
      return new Int32Array(size) as DataArrayMap[D];
    case 'float16':
      return new Uint16Array(size) as DataArrayMap[D];
    case 'float32':
      return new Float32Array(size) as DataArrayMap[D];
    default:
      return new Float64Array(size) as DataArrayMap[D];
  }
}

/**
 * A new array of `size` elements in the dtype's *compute* form (float16 → Float32Array).
 * @example
 * makeValues('float16', 2); // Float32Array [0, 0]
 */
export function makeValues<D extends DType>(dtype: D, size: number): ValuesOf<D> {
  checkStorageSize(dtype, size);
  return (dtype === 'float16' ? new Float32Array(size) : makeArray(dtype, size)) as ValuesOf<D>;
}
