/**
 * Creating tensors through `ops`, in MindSpore's `ops.ones`/`zeros`/`fill`/`full`/`arange` forms
 * and the `*Like` family: thin wrappers of `@mindts/tensor`'s creators (the `Fill` primitive).
 */
import {
  arange as arangeTensor,
  assertDType,
  checkArity,
  checkOptions,
  type DType,
  fill as fillTensor,
  isFloat,
  type OptionKeys,
  type Tensor,
} from '@mindts/tensor';
import { checkTensor, describe } from './operand.js';

/**
 * The keyword-only `dtype` of MindSpore's creators.
 * @example
 * ops.onesLike(x, { dtype: 'int32' });
 */
export interface DTypeOptions {
  /** The result's dtype (default: see each function). */
  dtype?: DType;
}
const DTYPE_KEYS: OptionKeys<DTypeOptions> = { dtype: true };

function shapeArg(shape: unknown, op: string): readonly number[] {
  if (typeof shape === 'number') return [shape];
  if (!Array.isArray(shape)) throw new TypeError(`${op}: shape must be an integer or an array of integers, but got ${describe(shape)}.`);
  return shape;
}

function valueArg(value: unknown, op: string, arg: string): number | boolean {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`${op}: ${arg} must be a number or a boolean, but got ${describe(value)}.`);
  }
  return value;
}

/**
 * Ones of `shape` (an integer or an array), float32 unless `dtype` is given (MindSpore `ops.ones`).
 * @example
 * ops.ones([2, 3]); // float32 [[1, 1, 1], [1, 1, 1]]
 */
export function ones(shape: number | readonly number[], dtype: DType = 'float32'): Tensor {
  checkArity(arguments.length, 2, 'ones');
  return fillTensor(shapeArg(shape, 'ones'), 1, assertDType(dtype, 'ones: dtype'));
}

/**
 * Zeros of `shape` (an integer or an array), float32 unless `dtype` is given (MindSpore `ops.zeros`).
 * @example
 * ops.zeros(3, 'int32'); // int32 [0, 0, 0]
 */
export function zeros(shape: number | readonly number[], dtype: DType = 'float32'): Tensor {
  checkArity(arguments.length, 2, 'zeros');
  return fillTensor(shapeArg(shape, 'zeros'), 0, assertDType(dtype, 'zeros: dtype'));
}

/**
 * A tensor of `dtype` and `shape` holding `value` (MindSpore `ops.fill(type, shape, value)`: the
 * dtype comes first, unlike `@mindts/tensor`'s `fill(shape, value, dtype)`).
 * @example
 * ops.fill('float32', [2, 2], 1); // float32 [[1, 1], [1, 1]]
 */
export function fill(dtype: DType, shape: number | readonly number[], value: number | boolean): Tensor {
  checkArity(arguments.length, 3, 'fill');
  if (Array.isArray(dtype)) {
    throw new TypeError(`fill: the first argument is the dtype (MindSpore ops.fill(type, shape, value)), but got ${describe(dtype)}.`);
  }
  const d = assertDType(dtype, 'fill: dtype');
  return fillTensor(shapeArg(shape, 'fill'), fitted(valueArg(value, 'fill', 'value'), d), d);
}

/**
 * A tensor of `size` holding `fillValue` (MindSpore `ops.full`); without `dtype`, bool for a
 * boolean, int32 for an integer and float32 otherwise.
 * @example
 * ops.full([2], 7); // int32 [7, 7]
 */
export function full(size: number | readonly number[], fillValue: number | boolean, options?: DTypeOptions): Tensor {
  checkArity(arguments.length, 3, 'full');
  const { dtype } = checkOptions<DTypeOptions>(options, 'full', DTYPE_KEYS);
  const value = valueArg(fillValue, 'full', 'fillValue');
  const d = assertDType(dtype ?? (typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int32' : 'float32'), 'full: dtype');
  return fillTensor(shapeArg(size, 'full'), fitted(value, d), d);
}

/**
 * Evenly spaced values in `[start, end)` by `step` (MindSpore `ops.arange`; `ops.arange(n)` is
 * 0…n-1): int32 when every argument is an integer, else float32, unless `dtype` is given.
 * @example
 * ops.arange(1, 7, 2); // int32 [1, 3, 5]
 */
export function arange(start: number, end?: number | null, step = 1, options?: DTypeOptions): Tensor {
  checkArity(arguments.length, 4, 'arange');
  const { dtype } = checkOptions<DTypeOptions>(options, 'arange', DTYPE_KEYS);
  return arangeTensor(start, end ?? undefined, step, dtype === undefined ? undefined : assertDType(dtype, 'arange: dtype'));
}

/** `value` as an element of `dtype`: integer dtypes truncate toward zero (1.2 → 1), on every backend. */
function fitted(value: number | boolean, dtype: DType): number | boolean {
  return typeof value === 'number' && !isFloat(dtype) && dtype !== 'bool' ? Math.trunc(value) : value;
}

function like(op: string, input: Tensor, value: number | boolean, options: DTypeOptions | undefined): Tensor {
  checkTensor(input, op, 'input');
  const { dtype = input.dtype } = checkOptions<DTypeOptions>(options, op, DTYPE_KEYS);
  const d = assertDType(dtype, `${op}: dtype`);
  return fillTensor(input.shape, fitted(value, d), d);
}

/**
 * Ones with the shape and (unless `dtype` is given) the dtype of `input` (MindSpore `ops.ones_like`).
 * @example
 * ops.onesLike(tensor([[1, 2]])); // int32 [[1, 1]]
 */
export function onesLike(input: Tensor, options?: DTypeOptions): Tensor {
  checkArity(arguments.length, 2, 'onesLike');
  return like('onesLike', input, 1, options);
}

/**
 * Zeros with the shape and (unless `dtype` is given) the dtype of `input` (MindSpore `ops.zeros_like`).
 * @example
 * ops.zerosLike(tensor([1.5, 2])); // float32 [0, 0]
 */
export function zerosLike(input: Tensor, options?: DTypeOptions): Tensor {
  checkArity(arguments.length, 2, 'zerosLike');
  return like('zerosLike', input, 0, options);
}

/**
 * `fillValue` with the shape and (unless `dtype` is given) the dtype of `input`, so an int32
 * input truncates 1.2 to 1 (MindSpore `ops.full_like`).
 * @example
 * ops.fullLike(tensor([0, 1]), 7); // int32 [7, 7]
 */
export function fullLike(input: Tensor, fillValue: number | boolean, options?: DTypeOptions): Tensor {
  checkArity(arguments.length, 3, 'fullLike');
  return like('fullLike', input, valueArg(fillValue, 'fullLike', 'fillValue'), options);
}
