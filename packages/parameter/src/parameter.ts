/**
 * Parameter: a Tensor whose value is updated in training (MindSpore `mindspore.Parameter`).
 * Error texts follow mindspore/python/mindspore/common/parameter.py.
 */
import { initializer } from '@mindts/initializer';
import {
  checkArity,
  checkOptions,
  DTYPES,
  type DType,
  dtypeDisplayName,
  isDType,
  keep,
  type NestedArray,
  type OptionKeys,
  Tensor,
  type TypedArray,
  tensor,
} from '@mindts/tensor';
import { adoptData, isTracing, runKernel, shapeString, shapesEqual, tensorInit } from '@mindts/tensor/backend';

/**
 * MindSpore's default parameter name.
 * @example
 * new Parameter(tensor([1, 2])).name === PARAMETER_NAME_DEFAULT; // true: 'Parameter'
 */
export const PARAMETER_NAME_DEFAULT = 'Parameter';
/**
 * Names must be shorter than this.
 * @example
 * new Parameter(1, 'w'.repeat(PARAMETER_NAME_MAX_LEN)); // throws: the name is too long
 */
export const PARAMETER_NAME_MAX_LEN = 1024;

/**
 * What a Parameter can be built from.
 * @example
 * const inputs: ParameterInput[] = [tensor([1, 2], 'float32'), 2, [[1, 2], [3, 4]], new Float32Array([0.5]), initializer('ones', [2])];
 * inputs.map((input) => new Parameter(input).dtype); // ['float32', 'int32', 'int32', 'float32', 'float32']
 */
export type ParameterInput = Tensor | number | NestedArray | TypedArray;

/**
 * Options of the {@link Parameter} constructor.
 * @example
 * new Parameter(2, 'z', { dtype: 'float32' }); // MindSpore's Parameter(2.0, name='z')
 * new Parameter(zeros([3]), 'moving_mean', { requiresGrad: false });
 */
export interface ParameterOptions {
  /** Whether gradients are computed for it (default true). */
  requiresGrad?: boolean;
  /**
   * The dtype of a parameter built from a JS number or array. JavaScript has no float literal
   * distinct from an integer (`2.0 === 2`), so an integral number gives int32 like MindSpore's
   * `Parameter(5)`; pass `{ dtype: 'float32' }` for MindSpore's `Parameter(2.0)`.
   */
  dtype?: DType;
}

/**
 * Options of {@link Parameter.setData}.
 * @example
 * const w = new Parameter(zeros([2, 3]), 'w');
 * w.setData(ones([4, 3]), { sliceShape: true }); // a new shape needs sliceShape
 */
export interface SetDataOptions {
  /** Allow a new shape (MindSpore's `slice_shape`). */
  sliceShape?: boolean;
}

const PARAMETER_KEYS: OptionKeys<ParameterOptions> = { requiresGrad: true, dtype: true };
const SET_DATA_KEYS: OptionKeys<SetDataOptions> = { sliceShape: true };

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'Array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'Object';
  return typeof x;
}

function checkName(name: unknown): string {
  if (name === undefined || name === null) return PARAMETER_NAME_DEFAULT;
  if (typeof name !== 'string') {
    throw new TypeError(`The type of the Parameter's name should be 'string' or 'undefined', but got ${typeName(name)}.`);
  }
  const trimmed = name.trim();
  if (trimmed === '') return PARAMETER_NAME_DEFAULT;
  if (trimmed.length > PARAMETER_NAME_MAX_LEN) {
    throw new RangeError(`The length of the '${trimmed}' name should be less than ${PARAMETER_NAME_MAX_LEN}.`);
  }
  return trimmed;
}

function checkRequiresGrad(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`The argument \`requiresGrad\` must be bool type, but got ${typeName(value)}.`);
  return value;
}

/** A copy of `t` (a kernel copy, so the data never leaves its backend). */
function copyOf(t: Tensor, dtype: DType = t.dtype): Tensor {
  return t.dtype === dtype ? runKernel('Reshape', [t], { shape: t.shape }) : runKernel('Cast', [t], { dtype });
}

/** Turns the constructor's input into the source Tensor the parameter copies or defers to. */
function sourceOf(input: ParameterInput, dtype: DType | undefined): Tensor {
  if (typeof input === 'boolean') throw new TypeError('Parameter data can not be `bool`.');
  if (input instanceof Tensor) {
    // Refused here, before the Parameter exists: a copy of it would fail after the super() call.
    if (input.isDisposed) throw new TypeError('Parameter data must be a live Tensor, but got a disposed Tensor.');
    return input;
  }
  if (dtype !== undefined && !isDType(dtype)) {
    throw new TypeError(`Parameter dtype must be one of ${DTYPES.join(', ')}, but got ${JSON.stringify(dtype)}.`);
  }
  if (typeof input === 'number') return tensor(input, dtype ?? (Number.isInteger(input) ? 'int32' : 'float32'));
  if (Array.isArray(input) || ArrayBuffer.isView(input)) return tensor(input, dtype);
  throw new TypeError(
    `The type of the argument 'input' must be in ['Tensor', 'number', 'Array', 'TypedArray']. But got type ${typeName(input)}.`,
  );
}

/**
 * A Tensor whose value is updated in training. Built from a Tensor (copied), a number (an
 * integer gives int32, a fraction float32), a nested or typed array, or a lazy initializer tensor
 * (which stays lazy until first use or {@link initData}, and whose storage the parameter then
 * takes over: the initializer tensor is consumed). Parameters are not freed by `tidy`;
 * dispose them with their Cell.
 *
 * MindSpore's `param.data` is the parameter itself; here `data()` stays the Tensor read
 * (`await param.data()` gives the values), because a Parameter must work wherever a Tensor does.
 * @example
 * const w = new Parameter(initializer('normal', [5, 3]), 'w');
 * `${w}`; // 'Parameter (name=w, shape=[5, 3], dtype=Float32, requires_grad=True)'
 */
export class Parameter<D extends DType = DType> extends Tensor<D> {
  #name: string;
  #requiresGrad: boolean;
  /** Whether the shape was changed with `setData(…, { sliceShape: true })`. */
  sliced = false;

  constructor(input: ParameterInput, name?: string | null, options?: ParameterOptions) {
    checkArity(arguments.length, 3, 'Parameter');
    const opts = checkOptions<ParameterOptions>(options, 'Parameter', PARAMETER_KEYS);
    // Every argument is checked before any storage is made, so a refused one leaks nothing.
    const checkedName = checkName(name);
    const requiresGrad = checkRequiresGrad(opts.requiresGrad ?? true);
    if (opts.dtype !== undefined && !isDType(opts.dtype)) {
      throw new TypeError(`Parameter dtype must be one of ${DTYPES.join(', ')}, but got ${JSON.stringify(opts.dtype)}.`);
    }
    const src = sourceOf(input, opts.dtype);
    const dtype = (input instanceof Tensor && opts.dtype !== undefined ? opts.dtype : src.dtype) as D;
    const lazy = src.isLazy;
    // A lazy source (an initializer tensor) is owned by the parameter from now on: kept out of
    // `tidy`, and its storage becomes the parameter's when the initializer first runs.
    if (lazy) keep(src);
    const materialize = (): Tensor => {
      if (src.dtype === dtype) return src;
      const cast = copyOf(src, dtype);
      src.dispose();
      return cast;
    };
    super(
      tensorInit({
        backend: undefined,
        dataId: undefined,
        shape: src.shape,
        dtype,
        lazy: lazy ? materialize : undefined,
        // Disposed (or overwritten) before first use: the initializer tensor goes too.
        release: lazy ? () => src.dispose() : undefined,
        tracked: false,
      }),
    );
    if (!lazy) {
      adoptData(this, copyOf(src, dtype));
      if (src !== input) src.dispose();
    }
    this.#name = checkedName;
    this.#requiresGrad = requiresGrad;
  }

  /** The parameter's name (trimmed; `'Parameter'` when none was given). */
  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = checkName(value);
  }

  /** Whether gradients are computed for this parameter. */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  set requiresGrad(value: boolean) {
    this.#requiresGrad = checkRequiresGrad(value);
  }

  /**
   * The current value as a new plain Tensor (a copy).
   * @example
   * const snapshot = w.value();
   */
  value(): Tensor<D> {
    return copyOf(this) as Tensor<D>;
  }

  /**
   * A new Parameter with the same name, `requiresGrad` and a copy of the data, or, when `init`
   * is not `'same'`, data re-initialised with `initializer(init, shape, dtype)`.
   * @example
   * const w2 = w.clone('zeros');
   */
  clone(init: 'same' | string | number | Tensor = 'same'): Parameter<D> {
    checkArity(arguments.length, 1, 'Parameter.clone');
    const options = { requiresGrad: this.#requiresGrad };
    // A re-initialised clone consumes a fresh (lazy) initializer tensor; 'same' copies the data,
    // materialising first so a lazy source is not consumed.
    if (init !== 'same') return new Parameter<D>(initializer(init as string, this.shape, this.dtype) as Tensor<D>, this.#name, options);
    return new Parameter<D>(this.initData(), this.#name, options);
  }

  /**
   * Replaces the data (copied). The shape must stay the same unless `sliceShape`; a narrower
   * dtype is cast up to the parameter's, a wider one is an error; a number fills the parameter.
   * Returns the parameter.
   * @example
   * b.setData(tensor([3, 4, 5])); // int32 data into a float32 parameter
   */
  setData(data: Tensor | number, options?: SetDataOptions): this {
    checkArity(arguments.length, 2, 'Parameter.setData');
    const { sliceShape = false } = checkOptions<SetDataOptions>(options, 'Parameter.setData', SET_DATA_KEYS);
    if (typeof sliceShape !== 'boolean') {
      throw new TypeError(`For 'Parameter.setData', the option 'sliceShape' must be bool, but got ${typeName(sliceShape)}.`);
    }
    if (isTracing()) {
      throw new Error(
        `Parameter.setData cannot be used inside a jitted function ('${this.#name}'): a compiled graph keeps side effects only through ops. Use ops.assign(${this.#name === '' ? 'param' : this.#name}, value) instead, as MindSpore's graph mode requires.`,
      );
    }
    if (typeof data === 'number') {
      if (!Number.isInteger(data) && !['float16', 'float32', 'float64'].includes(this.dtype)) this.raiseTypeError('float32');
      const filled = runKernel('Fill', [], { shape: this.shape, dtype: this.dtype, value: data });
      adoptData(this, filled);
      return this;
    }
    if (!(data instanceof Tensor)) {
      throw new TypeError(`Parameter data must be a Tensor or a number. But with type ${typeName(data)}.`);
    }
    if (!shapesEqual(this.shape, data.shape) && !sliceShape) {
      throw new RangeError(
        `Can not change the shape of Parameter which has been initialized. Current shape is ${shapeString(this.shape)}, and incoming is ${shapeString(data.shape)}.`,
      );
    }
    if (DTYPES.indexOf(this.dtype) < DTYPES.indexOf(data.dtype)) this.raiseTypeError(data.dtype);
    adoptData(this, copyOf(data, this.dtype));
    this.sliced = sliceShape;
    return this;
  }

  private raiseTypeError(incoming: DType): never {
    throw new TypeError(
      `Incoming Parameter dtype can not be converted to current dtype implicitly. Current dtype is ${dtypeDisplayName(this.dtype)}, and incoming is ${dtypeDisplayName(incoming)}. Cast the data with ops.cast first.`,
    );
  }

  /** MindSpore's form: `Parameter (name=w, shape=[5, 3], dtype=Float32, requires_grad=True)`. */
  override toString(): string {
    const grad = this.#requiresGrad ? 'True' : 'False';
    return `Parameter (name=${this.#name}, shape=${shapeString(this.shape)}, dtype=${dtypeDisplayName(this.dtype)}, requires_grad=${grad})`;
  }
}
