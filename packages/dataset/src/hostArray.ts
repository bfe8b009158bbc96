/**
 * The values a pipeline carries between its stages: flat host arrays with a shape and a dtype,
 * as MindSpore's pipeline carries NumPy arrays. Tensors are made only when an iterator hands a
 * row or batch out, so the stages allocate nothing a user must free.
 */
import { assertDType, DTYPES, type DType, fromValues, type Tensor, type TensorLike, tensor, type Values } from '@mindts/tensor';
import { makeValues, sizeOf, validateShape } from '@mindts/tensor/backend';

/**
 * One column value in a pipeline: row-major `data`, its `shape` and `dtype` (MindSpore's NumPy
 * array). Map operations receive these; `outputNumpy: true` iterators hand them out.
 * @example
 * const x: HostArray = { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2], dtype: 'float32' };
 */
export interface HostArray {
  readonly data: Values;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * What a source, a map operation or a transform may produce for one column: a number, boolean,
 * nested array, typed array, Tensor or {@link HostArray}.
 * @example
 * const values: ColumnValue[] = [3, [1, 2], new Float32Array(4), { data: new Int32Array([1]), shape: [1], dtype: 'int32' }];
 */
export type ColumnValue = TensorLike | Tensor | HostArray;

/** Whether `x` is a Tensor (duck-typed: no import of the class, so a second copy still works). */
function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && typeof (x as Tensor).dataSync === 'function' && Array.isArray((x as Tensor).shape);
}

/**
 * Whether `x` is a {@link HostArray}.
 * @example
 * isHostArray({ data: new Float32Array(1), shape: [], dtype: 'float32' }); // true
 */
export function isHostArray(x: unknown): x is HostArray {
  if (typeof x !== 'object' || x === null || isTensor(x)) return false;
  const h = x as HostArray;
  return ArrayBuffer.isView(h.data) && Array.isArray(h.shape) && DTYPES.includes(h.dtype);
}

/** A value that stands for a whole column value (not a nested list of numbers). */
function isWholeValue(x: unknown): boolean {
  return isTensor(x) || isHostArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * Whether a JS array is a tuple of column values (MindSpore's tuple: every element a Tensor,
 * typed array or HostArray) rather than one value written as a nested list.
 */
export function isColumnTuple(x: unknown): x is readonly ColumnValue[] {
  return Array.isArray(x) && x.length > 0 && x.every(isWholeValue);
}

/**
 * A column value as a {@link HostArray}: a Tensor is read (and left to its owner), JS numbers
 * and arrays follow `tensor()`'s inference (integers int32, fractions float32, booleans bool),
 * except that a whole JS number is int32 too (a label), as MindSpore's Python int is an integer.
 * `where` names the argument in errors.
 */
export function toHostArray(value: ColumnValue, where: string): HostArray {
  if (isHostArray(value)) return value;
  // Copies throughout: a source may reuse its buffer for the next row, a tensor may be written in
  // place or freed, and a backend may hand out memory it reuses once the tensor is gone.
  if (isTensor(value)) return { data: value.dataSync().slice() as Values, shape: [...value.shape], dtype: value.dtype };
  // A whole number is int32 (a label), as an array of them is; a fraction is float32.
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 0x7fffffff) {
    return { data: Int32Array.of(value), shape: [], dtype: 'int32' };
  }
  const typed = TYPED_DTYPES.find(([ctor]) => value instanceof ctor);
  if (typed)
    return {
      data: typed[1] === 'uint8' ? Uint8Array.from(value as Uint8Array) : ((value as Values).slice() as Values),
      shape: [(value as Values).length],
      dtype: typed[1],
    };
  let t: Tensor;
  try {
    t = tensor(value as TensorLike);
  } catch (err) {
    throw new TypeError(`${where} must be a number, boolean, nested array, typed array, Tensor or HostArray: ${(err as Error).message}`);
  }
  try {
    return { data: t.dataSync().slice() as Values, shape: [...t.shape], dtype: t.dtype };
  } finally {
    t.dispose();
  }
}

/** The typed arrays a column value may be, and their dtypes (Uint8ClampedArray is read as uint8). */
const TYPED_DTYPES: ReadonlyArray<readonly [abstract new (...args: never[]) => unknown, DType]> = [
  [Float32Array, 'float32'],
  [Float64Array, 'float64'],
  [Int32Array, 'int32'],
  [Int16Array, 'int16'],
  [Int8Array, 'int8'],
  [Uint8Array, 'uint8'],
  [Uint8ClampedArray, 'uint8'],
];

/** Arrays up to this many bytes are carved from a shared slab (a transform's output for one image). */
const SMALL_BYTES = 16 * 1024;
const SLAB_BYTES = 256 * 1024;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/**
 * A zero-filled array for `size` elements of `dtype`. A small one views a slab shared with other
 * small arrays: an ArrayBuffer of its own costs more to make (about a microsecond, and garbage
 * collector work) than a transform's pass over a 28×28 image. Slab memory is never handed out
 * twice, so every array starts zeroed and arrays never overlap.
 */
function zeroedValues(dtype: DType, size: number): Values {
  const View = viewOf(dtype);
  const bytes = size * View.BYTES_PER_ELEMENT;
  if (bytes === 0 || bytes > SMALL_BYTES) return makeValues(dtype, size);
  const start = Math.ceil(slabUsed / 8) * 8;
  if (start + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
    return zeroedValues(dtype, size);
  }
  slabUsed = start + bytes;
  return new View(slab, start, size);
}

export type ValuesView = { new (buffer: ArrayBufferLike, offset: number, length: number): Values; readonly BYTES_PER_ELEMENT: number };
const views = new Map<DType, ValuesView>();

/**
 * The typed array class of `dtype`'s values (what makeValues makes), to view a buffer with.
 * @example
 * new (viewOf('int32'))(buffer, 0, 4); // Int32Array of 4 elements
 */
export function viewOf(dtype: DType): ValuesView {
  let View = views.get(dtype);
  if (View === undefined) {
    View = makeValues(dtype, 0).constructor as unknown as ValuesView;
    views.set(dtype, View);
  }
  return View;
}

/**
 * A new HostArray of `dtype` and `shape`, zero-filled. Small arrays share an ArrayBuffer (each
 * views its own part of it).
 * @example
 * emptyHost('int32', [2, 3]).data.length; // 6
 */
export function emptyHost(dtype: DType, shape: readonly number[]): HostArray {
  assertDType(dtype, 'emptyHost');
  validateShape(shape, 'emptyHost');
  return { data: zeroedValues(dtype, sizeOf(shape)), shape: [...shape], dtype };
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Stacks same-shape, same-dtype values along a new first axis (`batch`): `[n, ...shape]`.
 * `column` names the column in errors.
 */
export function stack(values: readonly HostArray[], column: string): HostArray {
  const first = values[0];
  if (!first) throw new RangeError(`batch: column '${column}' has no rows to stack.`);
  const size = first.data.length;
  const out = emptyHost(first.dtype, [values.length, ...first.shape]);
  values.forEach((v, i) => {
    if (v.dtype !== first.dtype || v.shape.length !== first.shape.length || v.shape.some((d, k) => d !== first.shape[k])) {
      throw new RangeError(
        `batch: every row of column '${column}' must have one shape and dtype to be stacked, but row 0 is ${first.dtype} ${shapeText(first.shape)} and row ${i} is ${v.dtype} ${shapeText(v.shape)}.`,
      );
    }
    (out.data as Float32Array).set(v.data as Float32Array, i * size);
  });
  return out;
}

/** A Tensor holding a HostArray's values, on the active backend. */
export function toTensor(value: HostArray): Tensor {
  return fromValues(value.data, value.shape, value.dtype);
}
