/**
 * The CPU backend's storage: typed arrays keyed by data handle.
 */
import type { DType, Values } from '@mindts/tensor';
import {
  type Backend,
  type BackendMemory,
  type DataId,
  decodeFloat16,
  encodeFloat16,
  makeValues,
  storageBytes,
  type TensorInfo,
} from '@mindts/tensor/backend';

interface Stored {
  /** Storage form: float16 as Uint16Array bits, everything else its compute array. */
  readonly data: Values | Uint16Array;
  readonly dtype: DType;
  readonly bytes: number;
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

  constructor(name = 'cpu') {
    this.name = name;
  }

  write(values: Values, shape: readonly number[], dtype: DType): DataId {
    const id = {};
    const data = dtype === 'float16' ? encodeFloat16(values) : values;
    const bytes = storageBytes(shape, dtype);
    this.store.set(id, { data, dtype, bytes });
    this.bytes += bytes;
    this.buffers++;
    return id;
  }

  async read(dataId: DataId): Promise<Values> {
    return this.readSync(dataId);
  }

  /** A copy of the values in compute form. */
  readSync(dataId: DataId): Values {
    const s = this.get(dataId);
    return s.dtype === 'float16' ? decodeFloat16(s.data as Uint16Array) : (s.data as Values).slice();
  }

  disposeData(dataId: DataId): void {
    const s = this.store.get(dataId);
    if (!s) return;
    this.store.delete(dataId);
    this.bytes -= s.bytes;
    this.buffers--;
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
