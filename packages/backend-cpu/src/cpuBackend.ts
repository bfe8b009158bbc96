/**
 * The CPU backend's storage: typed arrays keyed by data handle.
 */
import type { DType, Values } from '@mindts/tensor';
import {
  type Backend,
  type BackendMemory,
  type DataId,
  decodeFloat16,
  type ElementwiseCompileOptions,
  type ElementwiseKernel,
  type ElementwiseProgram,
  encodeFloat16,
  makeValues,
  sizeOf,
  storageBytes,
  type TensorInfo,
} from '@mindts/tensor/backend';
import { compileHostElementwise } from './elementwise.js';

/** Freed buffers kept for reuse, so a training loop does not allocate (and zero) each step. */
const POOL_MAX_BYTES = 64 * 1024 * 1024;
/** Smaller buffers are cheap to allocate; pooling them would only add bookkeeping. */
const POOL_MIN_ELEMENTS = 4096;

interface Stored {
  /** Storage form: float16 as Uint16Array bits, everything else its compute array. */
  readonly data: Values | Uint16Array;
  readonly dtype: DType;
  readonly bytes: number;
  /** Handed to a caller by readSync: never reused for another tensor. */
  exposed: boolean;
}

/**
 * Holds tensors as typed arrays in JS memory. Kernels read inputs with {@link values} and
 * return outputs with {@link output}.
 * @example
 * registerBackend(cpu());
 */
export class CpuBackend implements Backend {
  readonly name: string;
  private readonly store = new WeakMap<DataId, Stored>();
  private bytes = 0;
  private buffers = 0;
  private readonly pool = new Map<string, Values[]>();
  private pooledBytes = 0;

  constructor(name = 'cpu') {
    this.name = name;
  }

  write(values: Values, shape: readonly number[], dtype: DType): DataId {
    const id = {};
    const data = dtype === 'float16' ? encodeFloat16(values) : values;
    const bytes = storageBytes(shape, dtype);
    this.store.set(id, { data, dtype, bytes, exposed: false });
    this.bytes += bytes;
    this.buffers++;
    return id;
  }

  async read(dataId: DataId): Promise<Values> {
    return this.readSync(dataId);
  }

  /**
   * The values in compute form, without a copy (as TF.js's CPU backend and MindSpore's
   * `asnumpy()` share storage): kernels never write into a stored array (in-place ops swap in a
   * new one), and an array handed out here is never reused for another tensor. float16 decodes
   * to a new Float32Array.
   */
  readSync(dataId: DataId): Values {
    const s = this.get(dataId);
    if (s.dtype === 'float16') return decodeFloat16(s.data as Uint16Array);
    s.exposed = true;
    return s.data as Values;
  }

  disposeData(dataId: DataId): void {
    const s = this.store.get(dataId);
    if (!s) return;
    this.store.delete(dataId);
    this.bytes -= s.bytes;
    this.buffers--;
    if (
      !s.exposed &&
      s.dtype !== 'float16' &&
      s.data.length >= POOL_MIN_ELEMENTS &&
      this.pooledBytes + s.data.byteLength <= POOL_MAX_BYTES
    ) {
      const key = poolKey(s.data);
      const list = this.pool.get(key) ?? [];
      list.push(s.data as Values);
      this.pool.set(key, list);
      this.pooledBytes += s.data.byteLength;
    }
  }

  /**
   * A buffer for a kernel output of `size` elements of `dtype`, reused from a disposed tensor
   * when one fits (its contents are arbitrary: the kernel must write every element), else
   * undefined.
   */
  reuse(dtype: DType, size: number): Values | undefined {
    if (dtype === 'float16' || size < POOL_MIN_ELEMENTS) return undefined;
    const list = this.pool.get(poolKey(makeValues(dtype, 0), size));
    const buf = list?.pop();
    if (buf) this.pooledBytes -= buf.byteLength;
    return buf;
  }

  /** Drops the pool of freed buffers (they are garbage-collected). */
  releasePool(): void {
    this.pool.clear();
    this.pooledBytes = 0;
  }

  memory(): BackendMemory {
    return { bytes: this.bytes, buffers: this.buffers };
  }

  /**
   * The values of `t` for a kernel to read, in compute form, without a copy (float16 decodes).
   * Kernels must not write to it.
   */
  values(t: TensorInfo): Values {
    const s = this.get(t.dataId);
    return s.dtype === 'float16' ? decodeFloat16(s.data as Uint16Array) : (s.data as Values);
  }

  /** Stores a kernel's freshly computed output (ownership passes to the backend). */
  output(values: Values, shape: readonly number[], dtype: DType): TensorInfo {
    return { dataId: this.write(values, shape, dtype), shape, dtype };
  }

  /**
   * A fused elementwise program as one generated loop over the inputs' arrays (an interpreter
   * with `codegen: false`); undefined for dtypes without a host form (float16, int64).
   */
  compileElementwise(program: ElementwiseProgram, options?: ElementwiseCompileOptions): ElementwiseKernel | undefined {
    const run = compileHostElementwise(program, options);
    if (!run) return undefined;
    const dtype = (program.steps[program.steps.length - 1] as ElementwiseProgram['steps'][number]).dtype;
    const size = sizeOf(program.shape);
    const shape = [...program.shape];
    return (inputs) => {
      const out = this.reuse(dtype, size) ?? makeValues(dtype, size);
      run(
        out,
        inputs.map((t) => this.values(t)),
      );
      return this.output(out, shape, dtype);
    };
  }

  /** A new zeroed compute-form array for an output. */
  alloc(dtype: DType, size: number): Values {
    return makeValues(dtype, size);
  }

  private get(dataId: DataId): Stored {
    const s = this.store.get(dataId);
    if (!s) throw new Error(`Backend '${this.name}' holds no data for this tensor; it was disposed or belongs to another backend.`);
    return s;
  }
}

function poolKey(arr: { constructor: { name: string }; length: number }, length = arr.length): string {
  return `${arr.constructor.name}:${length}`;
}
