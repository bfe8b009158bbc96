/**
 * Creating tensors: from data, filled, ranges, identity and seeded random draws.
 */
import { getBackend } from './backendRegistry.js';
import { flatten, type TensorLike } from './data.js';
import { assertDType, type DType, isFloat } from './dtype.js';
import { runKernel, wrapInfo } from './engine.js';
import { nextRandomKey } from './random.js';
import { shapeString, sizeOf, validateShape } from './shape.js';
import { Tensor, toValues } from './tensor.js';

/**
 * A tensor from numbers, booleans, nested arrays or typed arrays. Without a dtype, a JS number is
 * float32, an integer array int32, booleans bool, a typed array its own type. `shape` reshapes
 * flat data.
 * @example
 * tensor([[1, 2], [3, 4]], 'float32');
 */
export function tensor<D extends DType = DType>(data: TensorLike, dtype?: D, shape?: readonly number[]): Tensor<D> {
  if (shape === undefined) return new Tensor(data, dtype) as Tensor<D>;
  const s = validateShape(shape, 'shape');
  const flat = flatten(data);
  if (sizeOf(s) !== flat.values.length) {
    throw new RangeError(`tensor: shape ${shapeString(s)} needs ${sizeOf(s)} values, but data has ${flat.values.length}.`);
  }
  return fromValues(flat.values, s, dtype === undefined ? flat.inferred : assertDType(dtype, 'dtype')) as Tensor<D>;
}

/**
 * A tensor of `shape` holding `values` (row-major), written straight to the active backend.
 * @example
 * fromValues([1, 2, 3, 4], [2, 2], 'float32');
 */
export function fromValues(values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  const backend = getBackend();
  return wrapInfo({ dataId: backend.write(toValues(values, dtype), shape, dtype), shape, dtype }, backend);
}

/**
 * A tensor of `shape` filled with `value` (bool for a boolean value, else float32 by default).
 * @example
 * fill([2, 2], 7); // float32 [[7, 7], [7, 7]]
 */
export function fill(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  const s = validateShape(shape, 'shape');
  const d = dtype === undefined ? (typeof value === 'boolean' ? 'bool' : 'float32') : assertDType(dtype, 'dtype');
  if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new TypeError(`fill: value must be a number or boolean, but got ${String(value)}.`);
  return runKernel('Fill', [], { shape: s, dtype: d, value: Number(value) });
}

/**
 * Zeros of `shape`.
 * @example
 * zeros([2, 3]);
 */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 0, dtype);
}

/**
 * Ones of `shape`.
 * @example
 * ones([2, 3], 'int32');
 */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 1, dtype);
}

/**
 * Evenly spaced values in [start, stop) (`arange(n)` is 0…n-1). int32 when every argument is an
 * integer, else float32.
 * @example
 * arange(6); // int32 [0, 1, 2, 3, 4, 5]
 * arange(0, 1, 0.25); // float32 [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`arange: ${name} must be a finite number, but got ${String(v)}.`);
  }
  if (step === 0) throw new RangeError('arange: step must not be zero.');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const d = dtype ?? ([start, stop, step].every(Number.isInteger) ? 'int32' : 'float32');
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return fromValues(values, [n], d);
}

/**
 * `num` evenly spaced values from start to stop, both included.
 * @example
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, dtype: DType = 'float32'): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer, but got ${num}.`);
  const values = new Float64Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return fromValues(values, [num], dtype);
}

/**
 * An n×m matrix with ones on the diagonal.
 * @example
 * eye(3);
 */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  const [rows, cols] = validateShape([n, m], 'eye shape') as [number, number];
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = 1;
  return fromValues(values, [rows, cols], dtype);
}

/**
 * Options of {@link randn} and {@link rand}.
 * @example
 * randn([2, 3], { seed: 42 }); // the same values on every backend and every run
 * rand([4], { dtype: 'float64' }); // the next draw of the global stream (see setSeed)
 */
export interface RandomOptions {
  dtype?: DType;
  /** An explicit seed makes the draw independent of the global stream. */
  seed?: number;
}

function random(shape: readonly number[], distribution: 'uniform' | 'normal', a: number, b: number, opts: RandomOptions): Tensor {
  const s = validateShape(shape, 'shape');
  const dtype = opts.dtype ?? 'float32';
  if (!isFloat(dtype)) throw new TypeError(`random draws need a float dtype, but got ${dtype}.`);
  const { seed, offset } = nextRandomKey(sizeOf(s), opts.seed);
  return runKernel('Random', [], { shape: s, dtype, distribution, seed, offset, a, b });
}

/**
 * Normally distributed values (mean 0, stddev 1 unless given), from the seeded generator.
 * @example
 * setSeed(1); randn([2, 3]);
 */
export function randn(shape: readonly number[], opts: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  return random(shape, 'normal', opts.mean ?? 0, opts.stddev ?? 1, opts);
}

/**
 * Uniform values in [minval, maxval) (default [0, 1)), from the seeded generator.
 * @example
 * rand([4], { seed: 7 });
 */
export function rand(shape: readonly number[], opts: RandomOptions & { minval?: number; maxval?: number } = {}): Tensor {
  return random(shape, 'uniform', opts.minval ?? 0, opts.maxval ?? 1, opts);
}
