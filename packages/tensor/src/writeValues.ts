/**
 * The one path host numbers take into a backend: checked against the dtype's range and the
 * backend's limit, converted to the dtype's compute form, then written.
 */
import type { Backend } from './backendTypes.js';
import { getBackend } from './backendRegistry.js';
import { checkBackendLimit, checkValueRange } from './creationChecks.js';
import { type DType, makeValues, type Values } from './dtype.js';
import { float16Bits, float16Value } from './float16.js';
import type { DataId } from './primitives.js';

/**
 * Copies numbers into the compute-form array of `dtype` (bool: nonzero → 1; integer dtypes drop
 * the fraction). Callers check the range first ({@link writeValues} does).
 * @example
 * toValues([1.5, 2], 'int32'); // Int32Array [1, 2]
 */
export function toValues(values: ArrayLike<number>, dtype: DType): Values {
  const out = makeValues(dtype, values.length);
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  else if (dtype === 'int64')
    for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? Math.trunc(values[i] as number) : 0;
  // Rounded straight to half precision: going through the Float32Array first could round twice.
  else if (dtype === 'float16') for (let i = 0; i < values.length; i++) out[i] = float16Value(float16Bits(values[i] as number));
  else out.set(values as ArrayLike<number> & Uint8Array);
  return out;
}

/**
 * Writes `values` (already `sizeOf(shape)` of them, `shape` and `dtype` already valid) to the
 * active backend: refuses a tensor over the backend's byte limit and integer values out of the
 * dtype's range before allocating anything. `where` names the caller in errors.
 * @example
 * const { backend, dataId } = writeValues([1, 2], [2], 'int32', 'fromValues');
 */
export function writeValues(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  where: string,
): { backend: Backend; dataId: DataId } {
  const backend = getBackend();
  checkBackendLimit(shape, dtype, backend, where);
  checkValueRange(values, dtype, `${where}: value`);
  const borrowed = backend.copiesOnWrite === true && isComputeForm(values, dtype);
  return { backend, dataId: backend.write(borrowed ? (values as Values) : toValues(values, dtype), shape, dtype) };
}

/** The typed array class that holds each dtype's compute form as it is (none for bool, int64, float16: they need a conversion). */
const COMPUTE_CLASS: Partial<Record<DType, new (n: number) => ArrayLike<number>>> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
};

/** Whether `values` already is `dtype`'s compute form ({@link toValues} would only copy it). */
function isComputeForm(values: ArrayLike<number>, dtype: DType): boolean {
  const cls = COMPUTE_CLASS[dtype];
  return cls !== undefined && values.constructor === cls;
}
