/**
 * `initializer(init, shape, dtype)`: a lazily initialised Tensor (MindSpore's
 * `mindspore.common.initializer.initializer`).
 */
import { checkArity, DTYPES, type DType, fromValues, isDType, Tensor } from '@mindts/tensor';
import { nextRandomKey, shapeString, shapesEqual, sizeOf, tensorInit } from '@mindts/tensor/backend';
import { Initializer } from './base.js';
import { Constant } from './constant.js';
import { createInitializer } from './registry.js';

/**
 * What `initializer` accepts: a registered name, an {@link Initializer}, a constant or a Tensor.
 * @example
 * const inits: InitLike[] = ['xavier_uniform', new Normal(), 0.5, true, tensor([[1, 2], [3, 4]], 'float32')];
 * for (const init of inits) initializer(init, [2, 2]);
 */
export type InitLike = string | number | boolean | Initializer | Tensor;

/**
 * A Tensor of `shape` and `dtype` (default float32) whose values come from `init`, computed when
 * the tensor is first used or `initData()` is called (`isLazy` is true until then):
 * - a name ('normal', 'XAVIER_UNIFORM', 'ones', …, case-insensitive; see `listInitializers()`)
 *   uses that initializer with its defaults;
 * - an {@link Initializer} is used as given;
 * - a number (or boolean) fills the tensor, like `new Constant(init)`;
 * - a Tensor must have exactly `shape` (which may then be left out) and is copied, cast to
 *   `dtype` (default: its own dtype), with the values it holds when the copy materialises.
 *
 * The random draws are reserved now, so the values depend on `setSeed` and on the order in which
 * initializers are created, never on when they materialise; an initializer with its own `seed`
 * draws from that seed's stream instead. The same seed gives the same values on every backend.
 * @example
 * setSeed(1);
 * const w = initializer('he_uniform', [64, 32]);
 * w.isLazy; // true
 * await w.data(); // materialises: Float32Array(2048)
 * initializer(new Normal({ sigma: 0.02 }), [3, 4], 'float16');
 * initializer(0.5, [2], 'float32'); // [0.5, 0.5]
 */
export function initializer<D extends DType>(init: Tensor<D>, shape?: readonly number[] | number): Tensor<D>;
export function initializer<D extends DType = 'float32'>(init: InitLike, shape: readonly number[] | number, dtype?: D): Tensor<D>;
export function initializer(init: InitLike, shape?: readonly number[] | number, dtype?: DType): Tensor {
  checkArity(arguments.length, 3, 'initializer');
  if (!(init instanceof Tensor || init instanceof Initializer || ['string', 'number', 'boolean'].includes(typeof init))) {
    // MindSpore: "For 'initializer', the type of the 'init' argument should be 'Tensor', 'number', 'string' or 'initializer', but got {}."
    throw new TypeError(
      `For 'initializer', the type of the 'init' argument should be 'Tensor', 'number', 'string' or 'initializer', but got ${describe(init)}.`,
    );
  }
  if (dtype !== undefined && !isDType(dtype)) {
    throw new TypeError(`For 'initializer', the argument 'dtype' must be one of ${DTYPES.join(', ')}, but got ${JSON.stringify(dtype)}.`);
  }
  if (init instanceof Tensor) return fromTensor(init, shape, dtype);
  const s = checkShape(shape);
  const d = dtype ?? 'float32';
  let impl: Initializer;
  if (typeof init === 'string') impl = createInitializer(init);
  else if (typeof init === 'number' || typeof init === 'boolean') impl = new Constant(Number(init));
  else impl = init;
  impl.checkShape(s);
  const draws = impl.draws(s);
  if (!Number.isInteger(draws) || draws < 0) {
    throw new RangeError(`${impl.constructor.name}.draws must return a non-negative integer, but returned ${String(draws)}.`);
  }
  const key = nextRandomKey(draws, impl.seed);
  const size = sizeOf(s);
  const lazy = (): Tensor => {
    const values = impl.initialize(s, d, key);
    if (values.length !== size) {
      throw new RangeError(
        `${impl.constructor.name}.initialize returned ${values.length} values for shape ${shapeString(s)} (${size} elements).`,
      );
    }
    return fromValues(values, s, d);
  };
  return new Tensor(tensorInit({ backend: undefined, dataId: undefined, shape: s, dtype: d, lazy }));
}

function fromTensor(init: Tensor, shape: readonly number[] | number | undefined, dtype: DType | undefined): Tensor {
  if (shape !== undefined) {
    const s = checkShape(shape);
    if (!shapesEqual(init.shape, s)) {
      // MindSpore: "For 'initializer', the shape of the 'init' argument should be same as the argument 'shape', but got the 'init' shape {} and the 'shape' {}."
      throw new RangeError(
        `For 'initializer', the shape of the 'init' argument should be same as the argument 'shape', but got the 'init' shape ` +
          `${shapeString(init.shape)} and the 'shape' ${shapeString(s)}.`,
      );
    }
  }
  if (init.isDisposed) throw new Error(`For 'initializer', the 'init' Tensor (shape ${shapeString(init.shape)}) has been disposed.`);
  const d = dtype ?? init.dtype;
  return new Tensor(
    tensorInit({ backend: undefined, dataId: undefined, shape: [...init.shape], dtype: d, lazy: () => new Tensor(init, d) }),
  );
}

function checkShape(shape: unknown): number[] {
  if (shape === undefined) throw new TypeError("For 'initializer', the argument 'shape' is required unless 'init' is a Tensor.");
  const s = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(s) || s.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
    // MindSpore says "must be positive integer"; mindts allows empty dimensions, as its Tensors do.
    throw new RangeError(
      `For 'initializer', the argument 'shape' is invalid, the value of 'shape' must be non-negative integers, but got ${describeShape(shape)}.`,
    );
  }
  return [...(s as number[])];
}

function describeShape(shape: unknown): string {
  return Array.isArray(shape) ? `[${shape.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}]` : String(shape);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
