/**
 * One named tensor as stored in a file, and the dtype tables of both formats.
 */
import { PARAMETER_NAME_MAX_LEN } from '@mindts/parameter';
import { bytesPerElement, type DType, describeType, isDType } from '@mindts/tensor';
import { CheckpointError } from './errors.js';

/**
 * A stored value: a tensor's raw little-endian bytes, or (MindSpore `append_dict`) a string.
 * @example
 * const entry: Entry = { name: 'w', dtype: 'float32', shape: [2], bytes: new Uint8Array(new Float32Array([1, 2]).buffer) };
 * decodeCkpt(encodeCkpt([entry]), 'memory')[0]?.name; // 'w'
 */
export interface Entry {
  readonly name: string;
  readonly dtype: DType | 'str';
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/** MindSpore's `tensor_type` strings (`str(mindspore.float32)` is `Float32`). */
export const MS_TYPE: Record<DType, string> = {
  bool: 'Bool',
  int8: 'Int8',
  uint8: 'UInt8',
  int16: 'Int16',
  int32: 'Int32',
  int64: 'Int64',
  float16: 'Float16',
  float32: 'Float32',
  float64: 'Float64',
};

/** safetensors dtype codes. */
export const ST_TYPE: Record<DType, string> = {
  bool: 'BOOL',
  int8: 'I8',
  uint8: 'U8',
  int16: 'I16',
  int32: 'I32',
  int64: 'I64',
  float16: 'F16',
  float32: 'F32',
  float64: 'F64',
};

function invert(table: Record<DType, string>): Map<string, DType> {
  return new Map(Object.entries(table).map(([d, s]) => [s, d as DType]));
}
export const FROM_MS_TYPE = invert(MS_TYPE);
export const FROM_ST_TYPE = invert(ST_TYPE);

/** Largest element count a file may declare (2^31 - 1): larger is refused before allocating. */
const MAX_ELEMENTS = 0x7fffffff;

/**
 * Checks a declared shape and that `byteLength` holds exactly that many elements of `dtype`.
 * @example
 * checkSize('w', [2, 3], 'float32', 24, 'a.ckpt');
 */
export function checkSize(name: string, shape: readonly number[], dtype: DType, byteLength: number, where: string): void {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0)
      throw new CheckpointError(`${where}: '${name}' has an invalid dimension ${d} in shape [${shape.join(', ')}].`);
    n *= d;
    if (n > MAX_ELEMENTS)
      throw new CheckpointError(`${where}: '${name}' declares shape [${shape.join(', ')}], more than ${MAX_ELEMENTS} elements.`);
  }
  const want = n * bytesPerElement(dtype);
  if (want !== byteLength) {
    throw new CheckpointError(
      `${where}: '${name}' of shape [${shape.join(', ')}] and dtype ${dtype} needs ${want} bytes, but the file holds ${byteLength}.`,
    );
  }
}

/**
 * Checks a stored name: a string of at most {@link PARAMETER_NAME_MAX_LEN} characters (the
 * longest a Parameter takes, as in MindSpore), so a file that names one longer is refused as a
 * whole before any tensor is made.
 * @example
 * checkEntryName('dense.weight', 'a.ckpt');
 */
export function checkEntryName(name: unknown, where: string): void {
  if (typeof name !== 'string') throw new CheckpointError(`${where}: an entry name must be a string, but got ${typeof name}.`);
  if (name.length > PARAMETER_NAME_MAX_LEN) {
    throw new CheckpointError(
      `${where}: the name '${name.slice(0, 40)}…' has ${name.length} characters; names in a checkpoint may have at most ${PARAMETER_NAME_MAX_LEN}.`,
    );
  }
}

/**
 * Checks the entries handed to an encoder before any is read: an array of `{ name, dtype, shape,
 * bytes }` with a string name, a known dtype (or `'str'`), an array shape and a `Uint8Array` of
 * bytes. The error names the entry and the field.
 * @example
 * checkEntries([{ name: 'w', dtype: 'float32', shape: [1], bytes: new Uint8Array(4) }], 'encodeCkpt');
 */
export function checkEntries(entries: unknown, where: string): readonly Entry[] {
  if (!Array.isArray(entries)) throw new TypeError(`${where}: entries must be an array of entries, but got ${describeType(entries)}.`);
  for (let i = 0; i < entries.length; i++) {
    const e: unknown = entries[i];
    if (e === null || typeof e !== 'object')
      throw new TypeError(`${where}: entries[${i}] must be an entry object, but got ${describeType(e)}.`);
    const { name, dtype, shape, bytes } = e as Record<string, unknown>;
    checkEntryName(name, where);
    if (dtype !== 'str' && !isDType(dtype))
      throw new TypeError(`${where}: entries[${i}].dtype must be a dtype or 'str', but got ${describeType(dtype)}.`);
    if (!Array.isArray(shape)) throw new TypeError(`${where}: entries[${i}].shape must be an array, but got ${describeType(shape)}.`);
    if (!(bytes instanceof Uint8Array))
      throw new TypeError(`${where}: entries[${i}].bytes must be a Uint8Array, but got ${describeType(bytes)}.`);
  }
  return entries as readonly Entry[];
}

/**
 * `bytes` if it is a `Uint8Array`, else a TypeError naming `where`.
 * @example
 * checkBytes(new Uint8Array(8), 'decodeCkpt');
 */
export function checkBytes(bytes: unknown, where: string): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: bytes must be a Uint8Array, but got ${describeType(bytes)}.`);
  return bytes;
}
