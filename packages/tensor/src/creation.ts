/**
 * Creating tensors: from data, filled, ranges and identity (seeded random draws: randomCreation.ts).
 */
import { getBackend } from './backendRegistry.js';
import { checkBackendLimit, checkCount, checkFinite, checkValueRange, checkValues } from './creationChecks.js';
import { flatten, type TensorLike } from './data.js';
import { assertDType, type DType } from './dtype.js';
import { runKernel, wrapInfo } from './engine.js';
import { showValue } from './options.js';
import { MAX_TENSOR_ELEMENTS, shapeString, sizeOf, validateShape } from './shape.js';
import { Tensor } from './tensor.js';
import { writeValues } from './writeValues.js';

/**
 * A tensor from numbers, booleans, nested arrays or typed arrays. Without a dtype, a JS number is
 * float32, an integer array int32, booleans bool, a typed array its own type. `shape` reshapes
 * flat data. Integer dtypes refuse values out of their range (`tensor([300], 'uint8')`), as
 * NumPy 2 does; fractions truncate toward zero.
 * @example
 * tensor([[1, 2], [3, 4]], 'float32');
 */
export function tensor<D extends DType = DType>(data: TensorLike, dtype?: D, shape?: readonly number[]): Tensor<D> {
  const d = dtype === undefined ? undefined : assertDType(dtype, 'tensor: dtype');
  if (shape === undefined) return new Tensor(data, d) as Tensor<D>;
  const s = validateShape(shape, 'tensor: shape');
  const flat = flatten(data);
  if (sizeOf(s) !== flat.values.length) {
    throw new RangeError(`tensor: shape ${shapeString(s)} needs ${sizeOf(s)} values, but data has ${flat.values.length}.`);
  }
  return create(flat.values, s, d ?? flat.inferred, 'tensor') as Tensor<D>;
}

function create(values: ArrayLike<number>, shape: readonly number[], dtype: DType, where: string): Tensor {
  const { backend, dataId } = writeValues(values, shape, dtype, where);
  return wrapInfo({ dataId, shape, dtype }, backend);
}

/**
 * A tensor of `shape` holding `values` (row-major), written straight to the active backend.
 * `values` must hold exactly as many numbers as the shape has elements.
 * @example
 * fromValues([1, 2, 3, 4], [2, 2], 'float32');
 */
export function fromValues(values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  const d = assertDType(dtype, 'fromValues: dtype');
  const s = validateShape(shape, 'fromValues: shape');
  return create(checkValues(values, sizeOf(s), 'fromValues: values', s), s, d, 'fromValues');
}

/**
 * A tensor of `shape` filled with `value` (bool for a boolean value, else float32 by default).
 * @example
 * fill([2, 2], 7); // float32 [[7, 7], [7, 7]]
 */
export function fill(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  return filled('fill', shape, value, dtype);
}

function filled(where: string, shape: readonly number[], value: number | boolean, dtype: DType | undefined): Tensor {
  const s = validateShape(shape, `${where}: shape`);
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`${where}: value must be a number or boolean, but got ${showValue(value)}.`);
  }
  const d = dtype === undefined ? (typeof value === 'boolean' ? 'bool' : 'float32') : assertDType(dtype, `${where}: dtype`);
  checkValueRange([Number(value)], d, `${where}: value`);
  checkBackendLimit(s, d, getBackend(), where);
  return runKernel('Fill', [], { shape: s, dtype: d, value: Number(value) });
}

/**
 * Zeros of `shape`.
 * @example
 * zeros([2, 3]);
 */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('zeros', shape, 0, dtype);
}

/**
 * Ones of `shape`.
 * @example
 * ones([2, 3], 'int32');
 */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('ones', shape, 1, dtype);
}

/**
 * Evenly spaced values in [start, stop) (`arange(n)` is 0…n-1). int32 when every argument is an
 * integer, else float32. start, stop and step must be finite, step nonzero.
 * @example
 * arange(6); // int32 [0, 1, 2, 3, 4, 5]
 * arange(0, 1, 0.25); // float32 [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  checkFinite(start, 'arange: start');
  checkFinite(stop, 'arange: stop');
  checkFinite(step, 'arange: step');
  if (step === 0) throw new RangeError('arange: step must be a nonzero finite number, but got 0.');
  const d = dtype === undefined ? ([start, stop, step].every(Number.isInteger) ? 'int32' : 'float32') : assertDType(dtype, 'arange: dtype');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_TENSOR_ELEMENTS) {
    throw new RangeError(
      `arange: start ${start}, stop ${stop} and step ${step} give ${count} values, but a tensor holds at most ${MAX_TENSOR_ELEMENTS}.`,
    );
  }
  checkBackendLimit([count], d, getBackend(), 'arange');
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = start + i * step;
  return create(values, [count], d, 'arange');
}

/**
 * `num` evenly spaced values from start to stop, both included. start and stop must be finite,
 * num a non-negative integer.
 * @example
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, dtype: DType = 'float32'): Tensor {
  checkFinite(start, 'linspace: start');
  checkFinite(stop, 'linspace: stop');
  checkCount(num, 'linspace: num');
  const d = assertDType(dtype, 'linspace: dtype');
  checkBackendLimit([num], d, getBackend(), 'linspace');
  const values = new Float64Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return create(values, [num], d, 'linspace');
}

/**
 * An n×m matrix with ones on the diagonal.
 * @example
 * eye(3);
 */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  const [rows, cols] = validateShape([n, m], 'eye: [n, m]') as [number, number];
  const d = assertDType(dtype, 'eye: dtype');
  checkBackendLimit([rows, cols], d, getBackend(), 'eye');
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = 1;
  return create(values, [rows, cols], d, 'eye');
}
