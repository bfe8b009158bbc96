import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackends, registerBackend, removeBackend } from './backendRegistry.js';
import { arange, eye, fill, fromValues, linspace, ones, tensor, zeros } from './creation.js';
import type { DType } from './dtype.js';
import { runKernel } from './engine.js';
import { memory } from './memory.js';
import { rand, randn } from './randomCreation.js';
import { setSeed } from './random.js';
import { keep, tidy } from './scope.js';
import { MAX_TENSOR_ELEMENTS } from './shape.js';
import { Tensor, tensorInit } from './tensor.js';
import { MapBackend, mapFactory } from './testing/mapBackend.js';

let backend: MapBackend;

beforeEach(() => {
  backend = new MapBackend('m');
  registerBackend(mapFactory('m', 1, () => backend));
});

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
});

/** Runs `fn`, expecting it to throw `type` matching `message`, and nothing to be allocated or left behind. */
function refuses(fn: () => unknown, type: ErrorConstructor, message: RegExp | string): void {
  const { numTensors, numBytes } = memory();
  const writes = backend.writes;
  expect(fn).toThrow(type);
  expect(fn).toThrow(message);
  expect(memory()).toMatchObject({ numTensors, numBytes });
  expect(backend.writes).toBe(writes);
}

const DTYPE_LIST = 'bool, int8, uint8, int16, int32, int64, float16, float32, float64';

describe('shapes', () => {
  it('must hold non-negative integers: the error names the argument, the entry and its value', () => {
    refuses(
      () => zeros([2, Number.NaN]),
      RangeError,
      'zeros: shape must contain non-negative integers, but got [2, NaN] (zeros: shape[1] is NaN).',
    );
    refuses(() => ones([-1]), RangeError, 'ones: shape must contain non-negative integers, but got [-1] (ones: shape[0] is -1).');
    refuses(() => fill([1.5], 0), RangeError, '(fill: shape[0] is 1.5)');
    refuses(() => randn([Number.POSITIVE_INFINITY]), RangeError, '(randn: shape[0] is Infinity)');
    refuses(
      () => rand(['2' as unknown as number]),
      RangeError,
      'rand: shape must contain non-negative integers, but got ["2"] (rand: shape[0] is "2").',
    );
    refuses(() => zeros('2' as never), TypeError, 'zeros: shape must be an array of non-negative integers, but got "2".');
    refuses(() => eye(Number.NaN), RangeError, 'eye: [n, m] must contain non-negative integers');
    refuses(() => tensor([1, 2], 'float32', [2, -1]), RangeError, '(tensor: shape[1] is -1)');
    refuses(() => fromValues([1], [Number.NaN], 'float32'), RangeError, '(fromValues: shape[0] is NaN)');
  });

  it('must fit the element limit, checked before anything is allocated or drawn', () => {
    const tooBig = `at most ${MAX_TENSOR_ELEMENTS} (2**31 - 1) elements`;
    refuses(
      () => zeros([2 ** 31]),
      RangeError,
      `zeros: shape must have ${tooBig} and at most that many in each dimension, but got [2147483648] (2147483648 elements).`,
    );
    refuses(() => zeros([2 ** 16, 2 ** 16]), RangeError, '(4294967296 elements)');
    refuses(() => fill([0, 2 ** 40], 1), RangeError, tooBig);
    setSeed(5);
    refuses(() => randn([2 ** 31]), RangeError, `randn: shape must have ${tooBig}`);
    refuses(() => rand([2 ** 31], { seed: 1 }), RangeError, tooBig);
    refuses(() => eye(2 ** 16, 2 ** 16), RangeError, tooBig);
    refuses(
      () => linspace(0, 1, 2 ** 31),
      RangeError,
      `linspace: num must be an integer in [0, ${MAX_TENSOR_ELEMENTS}], but got 2147483648.`,
    );
    refuses(() => arange(2 ** 32), RangeError, 'arange: start 0, stop 4294967296 and step 1 give 4294967296 values');
    // The failed draw reserved nothing: the stream continues where setSeed left it.
    const next = Array.from(randn([3]).dataSync());
    setSeed(5);
    expect(Array.from(randn([3]).dataSync())).toEqual(next);
  });

  it("respects the backend's own byte limit", () => {
    removeBackend('m');
    backend = new MapBackend('small', 1024);
    registerBackend(mapFactory('small', 1, () => backend));
    const limit = "backend 'small' holds at most 1024 bytes in one tensor.";
    refuses(() => zeros([257]), RangeError, `zeros: a float32 tensor of shape [257] needs 1028 bytes, but ${limit}`);
    refuses(() => randn([16, 17]), RangeError, limit);
    refuses(
      () => fromValues(new Float64Array(129), [129], 'float64'),
      RangeError,
      `fromValues: a float64 tensor of shape [129] needs 1032 bytes, but ${limit}`,
    );
    refuses(() => tensor(new Float32Array(300)), RangeError, limit);
    refuses(() => arange(300), RangeError, limit);
    expect(zeros([256]).size).toBe(256);
    expect(zeros([1024], 'uint8').size).toBe(1024);
  });

  it('a lazy tensor checks its shape and dtype, since they come from a user', () => {
    const lazy = (shape: number[], dtype: DType) => () =>
      new Tensor(tensorInit({ backend: undefined, dataId: undefined, shape, dtype, lazy: () => zeros(shape, dtype) }));
    refuses(lazy([Number.NaN], 'float32'), RangeError, 'Tensor: shape must contain non-negative integers, but got [NaN]');
    refuses(lazy([2 ** 31], 'float32'), RangeError, 'Tensor: shape must have at most 2147483647');
    refuses(lazy([2], 'float' as DType), TypeError, `Tensor: dtype must be one of ${DTYPE_LIST}, but got "float".`);
  });
});

describe('values', () => {
  it('fromValues needs exactly as many values as the shape has elements', () => {
    refuses(() => fromValues([1, 2, 3], [2, 3], 'float32'), RangeError, 'fromValues: values has 3 elements, but shape [2, 3] needs 6.');
    refuses(() => fromValues([1, 2, 3], [2], 'float32'), RangeError, 'fromValues: values has 3 elements, but shape [2] needs 2.');
    refuses(() => fromValues([1, 'x' as never], [2], 'float32'), TypeError, 'fromValues: values[1] must be a number, but got "x".');
    refuses(
      () => fromValues({ length: 2 } as never, [2], 'float32'),
      TypeError,
      'fromValues: values must be an array or typed array of numbers, but got Object.',
    );
    refuses(() => fromValues(new BigInt64Array(2) as never, [2], 'int64'), TypeError, 'convert it to a Float64Array first');
    expect(Number.isFinite(memory().numBytes)).toBe(true);
    expect(Array.from(fromValues(new Int32Array([1, 2]), [2], 'int32').dataSync())).toEqual([1, 2]);
  });

  it('integer dtypes refuse values out of their range, like NumPy 2', () => {
    refuses(
      () => tensor([300], 'uint8'),
      RangeError,
      'Tensor: value 300 is out of bounds for uint8, which holds integers in [0, 255]; pass a wider or a float dtype.',
    );
    refuses(
      () => tensor([1, 2 ** 31], 'int32'),
      RangeError,
      'Tensor: value 2147483648 (element 1) is out of bounds for int32, which holds integers in [-2147483648, 2147483647]',
    );
    refuses(() => tensor([-1], 'uint8'), RangeError, 'Tensor: value -1 is out of bounds for uint8');
    refuses(() => tensor([128], 'int8'), RangeError, 'for int8, which holds integers in [-128, 127]');
    refuses(() => tensor([[1], [40000]], 'int16'), RangeError, 'Tensor: value 40000 (element 1) is out of bounds for int16');
    refuses(() => tensor([2 ** 63], 'int64'), RangeError, 'for int64, which holds integers in [-9223372036854775808, 9223372036854775807]');
    refuses(() => tensor([Number.NaN], 'int32'), RangeError, 'Tensor: value NaN cannot be stored in int32');
    refuses(
      () => tensor([1, Number.NEGATIVE_INFINITY], 'int64'),
      RangeError,
      'Tensor: value -Infinity (element 1) cannot be stored in int64',
    );
    refuses(() => tensor(new Float32Array([3e9]), 'int32'), RangeError, 'Tensor: value 3000000000 is out of bounds for int32');
    refuses(() => tensor(new Uint8Array([200]), 'int8'), RangeError, 'Tensor: value 200 is out of bounds for int8');
    refuses(() => tensor([300, 1], 'uint8', [2]), RangeError, 'tensor: value 300 (element 0) is out of bounds for uint8');
    refuses(() => fromValues([256], [1], 'uint8'), RangeError, 'fromValues: value 256 is out of bounds for uint8');
    refuses(() => fill([2], 300, 'uint8'), RangeError, 'fill: value 300 is out of bounds for uint8');
    refuses(() => fill([2], Number.NaN, 'int32'), RangeError, 'fill: value NaN cannot be stored in int32');
    refuses(() => arange(250, 260, 1, 'uint8'), RangeError, 'arange: value 256 (element 6) is out of bounds for uint8');
    refuses(() => linspace(0, 1000, 3, 'int8'), RangeError, 'linspace: value 500 (element 1) is out of bounds for int8');
  });

  it('fractions truncate toward zero; the range is checked after truncation; floats take anything', () => {
    expect(Array.from(tensor([1.7, -1.7, 255.9], 'int32').dataSync())).toEqual([1, -1, 255]);
    expect(Array.from(tensor([255.9, -0.5], 'uint8').dataSync())).toEqual([255, 0]);
    expect(Array.from(tensor([2 ** 53, -(2 ** 62)], 'int64').dataSync())).toEqual([2 ** 53, -(2 ** 62)]);
    expect(Array.from(tensor(new Int16Array([-5]), 'int32').dataSync())).toEqual([-5]);
    expect(Array.from(tensor([Number.NaN, 1e300], 'float32').dataSync())).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
    expect(Array.from(tensor([2, 0, Number.NaN], 'bool').dataSync())).toEqual([1, 0, 0]);
    expect(Array.from(fill([1], 255, 'uint8').dataSync())).toEqual([255]);
    // Inferred dtypes always hold their data: an integer beyond int64 makes the array float32.
    expect(tensor([1, 2 ** 40]).dtype).toBe('int64');
    expect(tensor([1, 1e20]).dtype).toBe('float32');
  });
});

describe('dtypes', () => {
  it('only known names, listed in the error', () => {
    const known = `must be one of ${DTYPE_LIST}, but got "float".`;
    const float = 'float' as DType;
    refuses(() => arange(0, 3, 1, float), TypeError, `arange: dtype ${known}`);
    refuses(() => zeros([2], float), TypeError, `zeros: dtype ${known}`);
    refuses(() => fill([2], 1, float), TypeError, `fill: dtype ${known}`);
    refuses(() => linspace(0, 1, 2, float), TypeError, `linspace: dtype ${known}`);
    refuses(() => eye(2, 2, float), TypeError, `eye: dtype ${known}`);
    refuses(() => fromValues([1], [1], float), TypeError, `fromValues: dtype ${known}`);
    refuses(() => tensor([1], float), TypeError, `tensor: dtype ${known}`);
    refuses(() => new Tensor([1], float), TypeError, `Tensor: dtype ${known}`);
    refuses(() => randn([2], { dtype: float }), TypeError, `randn: options.dtype ${known}`);
    refuses(
      () => rand([2], { dtype: 'int32' }),
      TypeError,
      'rand: options.dtype must be a float dtype (float16, float32, float64), but got "int32".',
    );
  });
});

describe('hyper-parameters', () => {
  it('must be finite numbers (step nonzero, num a count, stddev ≥ 0, minval ≤ maxval)', () => {
    // One argument is the stop, as in NumPy.
    refuses(() => arange(Number.NaN), RangeError, 'arange: stop must be a finite number, but got NaN.');
    refuses(() => arange(Number.NaN, 3), RangeError, 'arange: start must be a finite number, but got NaN.');
    refuses(() => arange(0, Number.POSITIVE_INFINITY), RangeError, 'arange: stop must be a finite number, but got Infinity.');
    refuses(() => arange(0, 3, 0), RangeError, 'arange: step must be a nonzero finite number, but got 0.');
    refuses(() => arange(0, '3' as never), TypeError, 'arange: stop must be a finite number, but got "3".');
    refuses(() => linspace(Number.NaN, 1, 3), RangeError, 'linspace: start must be a finite number, but got NaN.');
    refuses(() => linspace(0, Number.NEGATIVE_INFINITY, 3), RangeError, 'linspace: stop must be a finite number, but got -Infinity.');
    refuses(() => linspace(0, 1, -1), RangeError, 'linspace: num must be an integer in [0, 2147483647], but got -1.');
    refuses(() => linspace(0, 1, 1.5), RangeError, 'but got 1.5.');
    refuses(() => linspace(0, 1, '3' as never), TypeError, 'linspace: num must be an integer in [0, 2147483647], but got "3".');
    refuses(() => randn([2], { mean: Number.NaN }), RangeError, 'randn: options.mean must be a finite number, but got NaN.');
    refuses(
      () => randn([2], { stddev: Number.POSITIVE_INFINITY }),
      RangeError,
      'randn: options.stddev must be a finite number, but got Infinity.',
    );
    refuses(() => randn([2], { stddev: -1 }), RangeError, 'randn: options.stddev must be a finite number >= 0, but got -1.');
    refuses(() => randn([2], { seed: 1.5 }), TypeError, 'randn: options.seed must be an integer, but got 1.5.');
    refuses(() => rand([2], { minval: Number.NaN }), RangeError, 'rand: options.minval must be a finite number, but got NaN.');
    refuses(
      () => rand([2], { minval: 2, maxval: 1 }),
      RangeError,
      'rand: options.minval must be <= options.maxval with a finite span, but got [2, 1).',
    );
    refuses(() => rand([2], { minval: -1e308, maxval: 1e308 }), RangeError, 'with a finite span');
    expect(Array.from(arange(3, 0, -1).dataSync())).toEqual([3, 2, 1]);
    expect(Array.from(linspace(0, 1, 0).dataSync())).toEqual([]);
    expect(Array.from(rand([2], { minval: 3, maxval: 3 }).dataSync())).toEqual([3, 3]);
  });

  it('options are an object or absent, with known keys only', () => {
    refuses(
      () => randn([2], { stdev: 2 } as never),
      TypeError,
      "unknown option 'stdev' for randn; did you mean 'stddev'? (known: dtype, seed, mean, stddev)",
    );
    refuses(() => rand([2], { low: 0 } as never), TypeError, "unknown option 'low' for rand");
    refuses(() => randn([2], null as never), TypeError, "For 'randn', the options must be an object or undefined, but got null.");
    refuses(() => rand([2], 5 as never), TypeError, "For 'rand', the options must be an object or undefined, but got 5.");
    expect(randn([2], undefined).shape).toEqual([2]);
  });
});

describe('what is not a Tensor', () => {
  it('a plain object or a fake Tensor is a clear TypeError, never a stack overflow', () => {
    const fake = Object.create(Tensor.prototype) as Tensor;
    const inherits =
      'must be a Tensor created by mindts (tensor(), new Tensor(), an op), but got an object that only inherits from Tensor.prototype.';
    refuses(() => String(fake), TypeError, `tensor ${inherits}`);
    refuses(() => fake.shape, TypeError, inherits);
    refuses(() => new Tensor(fake), TypeError, inherits);
    refuses(() => runKernel('Reshape', [fake], { shape: [1] }), TypeError, inherits);
    refuses(
      () => runKernel('Reshape', [{ shape: [1] } as unknown as Tensor], { shape: [1] }),
      TypeError,
      'runKernel: inputs[0] must be a Tensor, but got Object.',
    );
    refuses(() => keep({} as Tensor), TypeError, 'keep: t must be a Tensor, but got Object.');
    refuses(() => keep(fake), TypeError, `keep: t ${inherits}`);
  });

  it('tidy and keep name their argument', () => {
    refuses(() => tidy(42 as never), TypeError, 'tidy: fn must be a function, but got 42.');
    refuses(() => tidy(null as never), TypeError, 'tidy: fn must be a function, but got null.');
    refuses(() => keep(3 as never), TypeError, 'keep: t must be a Tensor, but got 3.');
  });
});
