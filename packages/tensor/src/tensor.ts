/**
 * The Tensor: an n-dimensional array whose storage lives on a backend.
 */
import type { Backend } from './backendTypes.js';
import { flatten, type TensorLike } from './data.js';
import { assertDType, bytesPerElement, type DType, dtypeDisplayName, type ValuesOf } from './dtype.js';
import { adoptData, disposeTensor, initState, isDisposed, isLazy, nextTensorId, runKernel, stateOf, tensorInfo } from './engine.js';
import { formatTensor } from './format.js';
import { checkRank, type ElementOf, type Nested, type NestedRank, nest, type Rank } from './nested.js';
import { formatNumpy } from './numpyFormat.js';
import { checkArity } from './options.js';
import { advancedPlan, hasAdvanced } from './advancedIndex.js';
import { type Index, resolveIndex } from './indexing.js';
import { traceHooks } from './trace.js';
import type { DataId } from './primitives.js';
import { shapeString, sizeOf, stridesOf, validateShape } from './shape.js';
import { stateSlot } from './stateSlot.js';
import { writeValues } from './writeValues.js';

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
  /** The engine's record of this tensor (engine.ts `TensorState`), reached through stateSlot.ts. */
  #state: unknown = undefined;

  static {
    stateSlot.read = (t) => (typeof t === 'object' && t !== null && #state in t ? (t as Tensor).#state : undefined);
    stateSlot.write = (t, state) => {
      (t as Tensor).#state = state;
    };
  }

  constructor(data: TensorLike | Tensor | { readonly [INIT]: TensorInit }, dtype?: D) {
    this.id = nextTensorId();
    if (isInit(data)) {
      const init = data[INIT];
      // Kernel outputs come with a computed shape; a tensor without storage yet (a lazy
      // initialiser's) takes its shape and dtype from a user, so they are checked here.
      if (init.dataId === undefined) {
        validateShape(init.shape, 'Tensor: shape');
        assertDType(init.dtype, 'Tensor: dtype');
      }
      initState(
        this,
        { backend: init.backend, dataId: init.dataId, shape: init.shape, dtype: init.dtype, lazy: init.lazy, release: init.release },
        init.tracked ?? true,
      );
      return;
    }
    if (data instanceof Tensor) {
      const target = dtype === undefined ? data.dtype : assertDType(dtype, 'Tensor: dtype');
      // A kernel makes the copy, so the data never leaves the device.
      const copy =
        data.dtype === target ? runKernel('Reshape', [data], { shape: data.shape }) : runKernel('Cast', [data], { dtype: target });
      initState(this, { backend: undefined, dataId: undefined, shape: copy.shape, dtype: target, lazy: undefined }, true);
      adoptData(this, copy);
      return;
    }
    const target = dtype === undefined ? undefined : assertDType(dtype, 'Tensor: dtype');
    const flat = flatten(data);
    const shape = validateShape(flat.shape, 'Tensor: data shape');
    const { backend, dataId } = writeValues(flat.values, shape, target ?? flat.inferred, 'Tensor');
    initState(this, { backend, dataId, shape, dtype: target ?? flat.inferred, lazy: undefined }, true);
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
   * The values as nested JS arrays (booleans for bool; a number for a scalar). Pass the rank you
   * expect to get the precise type (`t.array(2)`: `number[][]`); it is checked against the
   * tensor's, so a wrong guess throws instead of typing values wrongly.
   * @example
   * await tensor([[1, 2]]).array(); // [[1, 2]]
   * const rows: number[][] = await tensor([[1, 2]], 'float32').array(2);
   */
  array(): Promise<Nested<ElementOf<D>>>;
  array<R extends Rank>(rank: R): Promise<NestedRank<ElementOf<D>, R>>;
  async array(rank?: Rank): Promise<unknown> {
    checkArity(arguments.length, 1, 'Tensor.array');
    checkRank(rank, this.shape, 'array');
    return nest(await this.data(), this.shape, this.dtype);
  }

  /** {@link array}, synchronously. */
  arraySync(): Nested<ElementOf<D>>;
  arraySync<R extends Rank>(rank: R): NestedRank<ElementOf<D>, R>;
  arraySync(rank?: Rank): unknown {
    checkArity(arguments.length, 1, 'Tensor.arraySync');
    checkRank(rank, this.shape, 'arraySync');
    return nest(this.dataSync(), this.shape, this.dtype);
  }

  /**
   * The sub-tensor at `index`: integers (negative count from the end), `slice(start, stop, step)`,
   * `'...'` and `null` (a new axis of size 1), alone or in an array.
   * @example
   * t.getItem([0, slice(1, null)]); // t[0, 1:]
   */
  getItem(index: Index): Tensor<D> {
    if (hasAdvanced(index)) return this.gatherItems(index);
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
    if (hasAdvanced(index)) return this.scatterItems(index, value);
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

  /** `getItem` with advanced indices: one Gather of the flattened tensor (advancedIndex.ts). */
  private gatherItems(index: Index): Tensor<D> {
    const plan = advancedPlan(this.shape, index);
    const parts: Tensor[] = [];
    try {
      const flatX = runKernel('Reshape', [this], { shape: [this.size] });
      parts.push(flatX);
      const idx = new Tensor(plan.flat, 'int32');
      parts.push(idx);
      const picked = runKernel('Gather', [flatX, idx], { axis: 0 });
      parts.push(picked);
      return runKernel('Reshape', [picked], { shape: plan.shape }) as Tensor<D>;
    } finally {
      for (const p of parts) p.dispose();
    }
  }

  /**
   * `setItem` with advanced indices: every selected element takes its value (the last one where an
   * element is selected twice, as NumPy); a Gather places the values and a Where keeps the rest.
   */
  private scatterItems(index: Index, value: TensorLike | Tensor): this {
    const plan = advancedPlan(this.shape, index);
    const n = this.size;
    const source = new Int32Array(n);
    const mask = new Uint8Array(n);
    plan.flat.forEach((dst, k) => {
      source[dst] = k;
      mask[dst] = 1;
    });
    const v = value instanceof Tensor ? value : new Tensor(value, this.dtype);
    const parts: Tensor[] = v === value ? [] : [v];
    try {
      let cur: Tensor = v;
      if (cur.dtype !== this.dtype) parts.push((cur = runKernel('Cast', [cur], { dtype: this.dtype })));
      const valueShape = broadcastValueShape(cur.shape, plan.shape);
      if (valueShape.length !== cur.shape.length) parts.push((cur = runKernel('Reshape', [cur], { shape: valueShape })));
      parts.push((cur = runKernel('BroadcastTo', [cur], { shape: plan.shape })));
      parts.push((cur = runKernel('Reshape', [cur], { shape: [plan.flat.length] })));
      const where = new Tensor(source, 'int32');
      const keep = new Tensor(mask, 'bool');
      parts.push(where, keep);
      const placed = plan.flat.length === 0 ? runKernel('Reshape', [this], { shape: [n] }) : runKernel('Gather', [cur, where], { axis: 0 });
      parts.push(placed);
      const flatX = runKernel('Reshape', [this], { shape: [n] });
      parts.push(flatX);
      const merged = runKernel('Where', [keep, placed, flatX], {});
      parts.push(merged);
      adoptData(this, runKernel('Reshape', [merged], { shape: this.shape }));
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

  /**
   * MindSpore's `print(t)`: writes the values as NumPy prints them ({@link toNumpyString}) to the
   * console, one `console.log` call. Reads the data synchronously, so on a backend that reads only
   * asynchronously (gpu.js WebGPU) print `await t.data()` instead.
   * @example
   * tensor([[1, 2], [3, 4]], 'float32').print(); // [[1. 2.]
   *                                               //  [3. 4.]]
   */
  print(): void {
    checkArity(arguments.length, 0, 'Tensor.print');
    console.log(this.toNumpyString());
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

// `Symbol.dispose` as lib.esnext.disposable (and @types/node) declare it, so that these published
// types (`[Symbol.dispose]()` here and on Cells) compile in a project whose lib is ES2022, with no
// DOM or Node types; identical `unique symbol` declarations merge.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
