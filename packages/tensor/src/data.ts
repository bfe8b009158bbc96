/**
 * Turning user data (numbers, booleans, nested arrays, typed arrays) into flat values,
 * a shape and a dtype.
 */
import type { DType } from './dtype.js';
import { shapeString } from './shape.js';

/**
 * A typed array accepted as tensor data.
 * @example
 * tensor(new Float32Array([1, 2])).dtype; // 'float32'
 */
export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint8ClampedArray;

/**
 * A nested array of numbers or booleans.
 * @example
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * tensor(rows).shape; // [2, 2]
 */
export type NestedArray = ReadonlyArray<number | boolean | NestedArray>;

/**
 * Anything `tensor()` accepts.
 * @example
 * const inputs: TensorLike[] = [1.5, true, [[1, 2]], new Int32Array([3])];
 * inputs.map((x) => tensor(x).dtype); // ['float32', 'bool', 'int32', 'int32']
 */
export type TensorLike = number | boolean | NestedArray | TypedArray;

/** Flat values with the shape and dtype inferred from user data. */
export interface FlatData {
  values: ArrayLike<number>;
  shape: number[];
  inferred: DType;
}

/** The dtype a typed array's elements map to. */
export function typedArrayDType(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int8Array) return 'int8';
  return 'uint8';
}

function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * Flattens `data` row-major and infers its shape and dtype: a JS number is float32, an array of
 * integers int32 (int64 if one is outside int32's range, float32 if any is fractional or outside
 * int64's), booleans bool, a typed array its own type.
 * @example
 * flatten([[1, 2], [3, 4]]); // { values: [1, 2, 3, 4], shape: [2, 2], inferred: 'int32' }
 */
export function flatten(data: TensorLike, argName = 'data'): FlatData {
  if (typeof data === 'number') return { values: [data], shape: [], inferred: 'float32' };
  if (typeof data === 'boolean') return { values: [data ? 1 : 0], shape: [], inferred: 'bool' };
  if (isTypedArray(data)) {
    if (
      !(
        data instanceof Float32Array ||
        data instanceof Float64Array ||
        data instanceof Int32Array ||
        data instanceof Int16Array ||
        data instanceof Int8Array ||
        data instanceof Uint8Array ||
        data instanceof Uint8ClampedArray
      )
    ) {
      throw new TypeError(`${argName}: typed array ${(data as object).constructor.name} has no matching dtype; convert it first.`);
    }
    return { values: data, shape: [data.length], inferred: typedArrayDType(data) };
  }
  if (!Array.isArray(data)) {
    throw new TypeError(`${argName} must be a number, boolean, nested array or typed array, but got ${describe(data)}.`);
  }
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const values: number[] = [];
  let sawBool = false;
  let sawNumber = false;
  let allInt = true;
  let wide = false;
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof node === 'number') {
        sawNumber = true;
        if (!Number.isInteger(node)) allInt = false;
        else if (node > 2147483647 || node < -2147483648) {
          wide = true;
          // 1e20 is an integer to JavaScript, but no int64 holds it: a float, as MindSpore's Tensor(1e20).
          if (node >= 2 ** 63 || node < -(2 ** 63)) allInt = false;
        }
        values.push(node);
      } else if (typeof node === 'boolean') {
        sawBool = true;
        values.push(node ? 1 : 0);
      } else {
        throw new TypeError(`${argName}${path} must be a number or boolean, but got ${describe(node)}.`);
      }
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new RangeError(
        `${argName} is ragged: expected ${argName}${path} to be an array of length ${shape[depth]} (shape ${shapeString(shape)}), but got ${describe(node)}.`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, `${path}[${i}]`);
  };
  walk(data, 0, '');
  if (sawBool && sawNumber) throw new TypeError(`${argName} mixes booleans and numbers; pass a dtype or use one kind.`);
  // Integers beyond int32 infer int64, as MindSpore does for Python ints.
  const inferred: DType = sawBool ? 'bool' : allInt && sawNumber ? (wide ? 'int64' : 'int32') : 'float32';
  return { values, shape, inferred };
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (x === null) return 'null';
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}
