/**
 * The Tensor: an n-dimensional array whose storage lives on a backend.
 */
import type { Backend } from './backendTypes.js';
import { getBackend } from './backendRegistry.js';
import { flatten, type TensorLike } from './data.js';
import { assertDType, bytesPerElement, type DType, dtypeDisplayName, makeValues, type Values, type ValuesOf } from './dtype.js';
import { adoptData, disposeTensor, initState, isDisposed, isLazy, nextTensorId, runKernel, stateOf, tensorInfo } from './engine.js';
import { float16Bits, float16Value } from './float16.js';
import { formatTensor } from './format.js';
import { formatNumpy } from './numpyFormat.js';
import { type Index, resolveIndex } from './indexing.js';
import { traceHooks } from './trace.js';
import type { DataId } from './primitives.js';
import { shapeString, sizeOf, stridesOf } from './shape.js';

/**
 * How the engine builds a Tensor around existing storage (or a lazy initialiser).
 * @example
 * const init: TensorInit = { backend, dataId: backend.write(new Float32Array([1, 2]), [2], 'float32'), shape: [2], dtype: 'float32' };
 * new Tensor(tensorInit(init)).dataSync(); // Float32Array [1, 2]
 */
export interface TensorInit {
  backend: Backend | undefined;
  dataId: DataId | undefined;
  shape: readonly number[];
  dtype: DType;
  /** Computes the values on first use (a lazy initializer); `dataId` is undefined until then. */
  lazy?: () => Tensor;
  /** Called when the tensor is disposed (or overwritten) before the lazy initialiser ran. */
  release?: () => void;
  /** Whether the enclosing `tidy` disposes it (default true). */
  tracked?: boolean;
}

const INIT = Symbol('mindts.tensorInit');

/**
 * Marks a {@link TensorInit} so the constructor can tell it from user data.
 * @example
 * const t = new Tensor(tensorInit({ backend, dataId, shape: [2, 2], dtype: 'float32' }));
 */
export function tensorInit(init: TensorInit): { readonly [INIT]: TensorInit } {
  return { [INIT]: init };
}

function isInit(x: unknown): x is { readonly [INIT]: TensorInit } {
  return typeof x === 'object' && x !== null && INIT in x;
}

/** Copies numbers into the compute-form array of `dtype` (bool: nonzero → 1). */
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
 * An n-dimensional array of one dtype. Create one with `tensor(data, dtype?)` or
 * `new Tensor(data, dtype?)`; read it with `await t.data()`; free it with `t.dispose()`,
 * `tidy` or `using`.
 * @example
 * const t = new Tensor([[1, 2, 3], [4, 5, 6]], 'float32');
 * t.shape; // [2, 3]
 */
export class Tensor<D extends DType = DType> {
  /** A process-unique id, for debugging and maps. */
  readonly id: number;

  constructor(data: TensorLike | Tensor | { readonly [INIT]: TensorInit }, dtype?: D) {
    this.id = nextTensorId();
    if (isInit(data)) {
      const init = data[INIT];
      initState(
        this,
        { backend: init.backend, dataId: init.dataId, shape: init.shape, dtype: init.dtype, lazy: init.lazy, release: init.release },
        init.tracked ?? true,
      );
      return;
    }
    if (data instanceof Tensor) {
      const target = dtype === undefined ? data.dtype : assertDType(dtype, 'dtype');
      // A kernel makes the copy, so the data never leaves the device.
      const copy =
        data.dtype === target ? runKernel('Reshape', [data], { shape: data.shape }) : runKernel('Cast', [data], { dtype: target });
      initState(this, { backend: undefined, dataId: undefined, shape: copy.shape, dtype: target, lazy: undefined }, true);
      adoptData(this, copy);
      return;
    }
    const flat = flatten(data);
    const target = dtype === undefined ? flat.inferred : assertDType(dtype, 'dtype');
    const backend = getBackend();
    const dataId = backend.write(toValues(flat.values, target), flat.shape, target);
    initState(this, { backend, dataId, shape: flat.shape, dtype: target, lazy: undefined }, true);
  }

  /** The dimensions, outermost first. `[]` for a scalar. */
  get shape(): readonly number[] {
    return stateOf(this).shape;
  }

  /** The element type. */
  get dtype(): D {
    return stateOf(this).dtype as D;
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Number of dimensions (MindSpore `Tensor.ndim`; the same as {@link rank}). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Bytes one element takes in its dtype (MindSpore `Tensor.itemsize`): 4 for float32, 1 for bool. */
  get itemsize(): number {
    return bytesPerElement(this.dtype);
  }

  /** Bytes all elements take: `size · itemsize` (MindSpore `Tensor.nbytes`). */
  get nbytes(): number {
    return this.size * this.itemsize;
  }

  /**
   * Bytes to step along each axis of the row-major layout (MindSpore and NumPy `strides`).
   * @example
   * tensor([[1, 2, 3], [4, 5, 6]], 'float32').strides; // [12, 4]
   */
  get strides(): number[] {
    const item = this.itemsize;
    return stridesOf(this.shape).map((s) => s * item);
  }

  /** Whether {@link dispose} was called (or tidy freed it). */
  get isDisposed(): boolean {
    return isDisposed(this);
  }

  /** Whether a lazy initialiser has not produced the values yet. */
  get isLazy(): boolean {
    return isLazy(this);
  }

  /**
   * Materialises a lazily initialised tensor now (MindSpore's `init_data`); returns this tensor.
   * @example
   * const w = initializer('normal', [3, 3]); w.initData(); w.isLazy; // false
   */
  initData(): this {
    tensorInfo(this);
    return this;
  }

  /** Name of the backend holding the data (materialises a lazy tensor). */
  get backendName(): string {
    return tensorInfo(this).backend.name;
  }

  /**
   * The values, flat and row-major, read to the host. float16 reads as Float32Array. Like
   * MindSpore's `asnumpy()`, the array may share the tensor's storage on host backends: copy it
   * (`.slice()`) before modifying it.
   * @example
   * await tensor([1, 2]).data(); // Int32Array [1, 2]
   */
  async data(): Promise<ValuesOf<D>> {
    traceHooks()?.read(this, 'data');
    const info = tensorInfo(this);
    return (await info.backend.read(info.dataId)) as ValuesOf<D>;
  }

  /**
   * The values read synchronously; backends that can only read asynchronously (WebGPU) throw
   * and ask for `await t.data()`.
   * @example
   * tensor([1, 2]).dataSync(); // Int32Array [1, 2]
   */
  dataSync(): ValuesOf<D> {
    traceHooks()?.read(this, 'dataSync');
    const info = tensorInfo(this);
    return info.backend.readSync(info.dataId) as ValuesOf<D>;
  }

  /**
   * The values as nested JS arrays (booleans for bool; a number for a scalar).
   * @example
   * await tensor([[1, 2]]).array(); // [[1, 2]]
   */
  async array(): Promise<unknown> {
    return nest(await this.data(), this.shape, this.dtype);
  }

  /** {@link array}, synchronously. */
  arraySync(): unknown {
    return nest(this.dataSync(), this.shape, this.dtype);
  }

  /**
   * The sub-tensor at `index`: integers (negative count from the end), `slice(start, stop, step)`,
   * `'...'` and `null` (a new axis of size 1), alone or in an array.
   * @example
   * t.getItem([0, slice(1, null)]); // t[0, 1:]
   */
  getItem(index: Index): Tensor<D> {
    const r = resolveIndex(this.shape, index);
    const sliced = runKernel('StridedSlice', [this], { begin: r.begin, size: r.size, step: r.step });
    const out = runKernel('Reshape', [sliced], { shape: r.shape });
    sliced.dispose();
    return out as Tensor<D>;
  }

  /**
   * Writes `value` (a number, nested array or Tensor, broadcast and cast to this dtype) into the
   * region `index` selects, in place. Returns this tensor.
   * @example
   * t.setItem(0, 1); // t[0] = 1
   */
  setItem(index: Index, value: TensorLike | Tensor): this {
    const r = resolveIndex(this.shape, index);
    const v = value instanceof Tensor ? value : new Tensor(value, this.dtype);
    const parts: Tensor[] = v === value ? [] : [v];
    // The intermediates are freed even when a step throws (e.g. this tensor was disposed).
    try {
      let cur: Tensor = v;
      if (cur.dtype !== this.dtype) parts.push((cur = runKernel('Cast', [cur], { dtype: this.dtype })));
      const valueShape = broadcastValueShape(cur.shape, r.shape);
      if (valueShape.length !== cur.shape.length) parts.push((cur = runKernel('Reshape', [cur], { shape: valueShape })));
      parts.push((cur = runKernel('BroadcastTo', [cur], { shape: r.shape })));
      parts.push((cur = runKernel('Reshape', [cur], { shape: r.size })));
      adoptData(this, runKernel('SliceUpdate', [this, cur], { begin: r.begin, size: r.size, step: r.step }));
    } finally {
      for (const p of parts) p.dispose();
    }
    return this;
  }

  /**
   * MindSpore's printed form: `Tensor(shape=[2, 3], dtype=Float32, value=[[…]])`; large tensors
   * are elided with `...`.
   */
  toString(): string {
    if (this.isDisposed) return `Tensor(shape=${shapeString(this.shape)}, dtype=${dtypeDisplayName(this.dtype)}, disposed)`;
    return formatTensor(this.dataSync(), this.shape, this.dtype);
  }

  /**
   * The values as NumPy prints them, which is what MindSpore's `print(t)` / `print(t.asnumpy())`
   * shows: `[1. 2. 3.]`, `[[0 1 2]\n [3 4 5]]`.
   * @example
   * tensor([1, 2, 3], 'float32').toNumpyString(); // '[1. 2. 3.]'
   */
  toNumpyString(): string {
    return formatNumpy(this.dataSync(), this.shape, this.dtype);
  }

  /** Frees the storage. Using the tensor afterwards is an error. */
  dispose(): void {
    disposeTensor(this);
  }

  /** `using t = …` disposes `t` at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Node's `console.log` shows {@link toString}. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The value's shape without the leading size-1 axes NumPy drops; throws unless it broadcasts to `target`. */
function broadcastValueShape(valueShape: readonly number[], target: readonly number[]): readonly number[] {
  let lead = 0;
  while (valueShape.length - lead > target.length && valueShape[lead] === 1) lead++;
  const v = valueShape.slice(lead);
  if (v.length > target.length || v.some((d, i) => d !== 1 && d !== target[target.length - v.length + i])) {
    throw new Error(
      `setItem: a value of shape ${shapeString(valueShape)} cannot be broadcast to the indexed shape ${shapeString(target)}.`,
    );
  }
  return v;
}

function nest(values: ArrayLike<number>, shape: readonly number[], dtype: DType): unknown {
  const conv = dtype === 'bool' ? (x: number) => x !== 0 : (x: number) => x;
  if (shape.length === 0) return conv(values[0] as number);
  let pos = 0;
  const build = (axis: number): unknown[] => {
    const n = shape[axis] as number;
    const out = new Array<unknown>(n);
    if (axis === shape.length - 1) for (let i = 0; i < n; i++) out[i] = conv(values[pos++] as number);
    else for (let i = 0; i < n; i++) out[i] = build(axis + 1);
    return out;
  };
  return build(0);
}
