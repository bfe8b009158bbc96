/**
 * The wasm backend's storage: every tensor is a block of the kernel module's linear memory,
 * so kernels run on it in place (no copy per op); only `write` and reads cross to JS.
 */
import { CpuBackend, cpuKernels } from '@mindts/backend-cpu';
import { type DType, describeType, type Values } from '@mindts/tensor';
import {
  type Backend,
  type BackendMemory,
  type CorePrimitiveName,
  type DataArrayMap,
  type DataId,
  decodeFloat16,
  type ElementwiseCompileOptions,
  type ElementwiseKernel,
  type ElementwiseProgram,
  emit,
  encodeFloat16,
  type KernelFunc,
  type PrimitiveAttrs,
  type PrimitiveInputs,
  storageBytes,
  type TensorInfo,
} from '@mindts/tensor/backend';
import { Allocator, type HeapStats } from './allocator.js';
import { compileWithFloat16 } from './fusedFloat16.js';
import type { KernelExports, SimdLevel } from './kernelModule.js';
import type { ParallelFunction, ThreadPool } from './threadPool.js';

/** Storage arrays by dtype: float16 as its bits, int64 as float64 (as in the CPU backend). */
const VIEWS: { [D in DType]: { new (buffer: ArrayBuffer, offset: number, length: number): DataArrayMap[D]; BYTES_PER_ELEMENT: number } } = {
  bool: Uint8Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: Float64Array,
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
};

const PAGE = 65536;
/** Most pages a memory can grow to: wasm32's 4 GiB, or the 2 GiB the shared build declares (scripts/buildWasm.mjs). */
const MAX_PAGES = 65536;
const MAX_SHARED_PAGES = 32768;

interface Stored {
  readonly ptr: number;
  readonly size: number;
  readonly dtype: DType;
  readonly bytes: number;
}

/**
 * One primitive the backend ran on the CPU backend instead, why, and how often.
 * @example
 * const f: FallbackRecord = { primitive: 'Conv2D', to: 'cpu', reason: 'no wasm kernel yet', count: 3 };
 */
export interface FallbackRecord {
  readonly primitive: CorePrimitiveName;
  readonly to: 'cpu';
  readonly reason: string;
  readonly count: number;
}

/**
 * What {@link WasmBackend.explain} reports: how kernels run here and what fell back.
 * @example
 * const e: WasmExplanation = backend.explain();
 * console.log(e.summary);
 */
export interface WasmExplanation {
  readonly backend: string;
  /** The instruction set of the loaded kernels. */
  readonly simd: SimdLevel;
  /** Threads that matmul and conv2d split over (the calling thread and workers); 1: no workers. */
  readonly threads: number;
  /** Why this many threads (the option, or what was missing for more). */
  readonly threadsReason: string;
  /** Kernel calls split over the threads so far (small products stay on the calling thread). */
  readonly parallelRuns: number;
  /** Every (primitive, reason) that ran on the CPU backend, in first-seen order. */
  readonly fallbacks: readonly FallbackRecord[];
  /** The same as readable lines. */
  readonly summary: string;
}

/**
 * Holds tensors in WebAssembly linear memory and runs the kernels of `@mindts/backend-wasm`.
 * @example
 * registerBackend(wasm());
 * await setBackend('wasm');
 * (getBackend() as WasmBackend).explain().summary;
 */
export class WasmBackend implements Backend {
  readonly name: string;
  /** The kernel module's exports; pointers passed to them are byte offsets from this backend's allocator ({@link scratch}). */
  readonly kernels: KernelExports;
  readonly simd: SimdLevel;
  /** The most bytes one tensor can take: the memory's maximum less what lies below the heap. */
  readonly maxBytes: number;
  /** `write` copies the values into WebAssembly memory and keeps no reference to the array. */
  readonly copiesOnWrite = true;
  private readonly heap: Allocator;
  private store = new WeakMap<DataId, Stored>();
  private bytes = 0;
  private buffers = 0;
  private readonly fallbacks = new Map<string, { primitive: CorePrimitiveName; reason: string; count: number }>();
  private cpu: CpuBackend | undefined;
  private threadPool: ThreadPool | undefined;
  private threadsReason: string;
  private parallelRuns = 0;

  /**
   * `threads` says how kernels split (a started pool of workers on `kernels.memory`, shared, or
   * none) and why, and where the heap starts (above the pool's control slots); {@link wasm}
   * makes them.
   */
  constructor(
    kernels: KernelExports,
    simd: SimdLevel,
    name = 'wasm',
    threads: { pool?: ThreadPool; reason: string; heapStart?: number } = { reason: 'one thread by default' },
  ) {
    checkBackendArgs(kernels, simd, name, threads);
    this.name = name;
    this.kernels = kernels;
    this.simd = simd;
    this.threadPool = threads.pool;
    this.threadsReason = threads.reason;
    const memory = kernels.memory;
    const heapStart = threads.heapStart ?? kernels.heapBase();
    const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
    this.maxBytes = (shared ? MAX_SHARED_PAGES : MAX_PAGES) * PAGE - heapStart;
    this.heap = new Allocator(heapStart, (end) => {
      const have = memory.buffer.byteLength;
      if (end <= have) return;
      try {
        memory.grow(Math.ceil((end - have) / PAGE));
      } catch (err) {
        throw new RangeError(
          `Backend '${name}': out of WebAssembly memory: needs ${end} bytes, has ${have} (at most 4 GiB in wasm32); dispose tensors you no longer need. (${err instanceof Error ? err.message : String(err)})`,
        );
      }
    });
  }

  write(values: Values, shape: readonly number[], dtype: DType): DataId {
    const id = {};
    // Values viewing this memory (a caller's view of it) are copied out first: allocating may grow
    // the memory, which detaches every view of it.
    const own = ArrayBuffer.isView(values) && values.buffer === this.kernels.memory.buffer ? values.slice() : values;
    const s = this.allocate(own.length, shape, dtype);
    this.view(s.ptr, s.size, dtype).set(dtype === 'float16' ? encodeFloat16(own) : (own as DataArrayMap[DType]));
    this.store.set(id, s);
    return id;
  }

  async read(dataId: DataId): Promise<Values> {
    return this.readSync(dataId);
  }

  /**
   * A copy of the values: memory may grow and move under any view of it, and blocks are reused.
   * (For 4 MiB results the copy's allocation costs more than the kernels; `pnpm bench` counts it,
   * as tfjs-backend-wasm's `dataSync` pays the same.)
   */
  readSync(dataId: DataId): Values {
    const s = this.get(dataId);
    const v = this.view(s.ptr, s.size, s.dtype);
    return s.dtype === 'float16' ? decodeFloat16(v as Uint16Array) : (v.slice() as Values);
  }

  disposeData(dataId: DataId): void {
    const s = this.store.get(dataId);
    if (!s) return;
    this.store.delete(dataId);
    this.heap.release(s.ptr);
    this.bytes -= s.bytes;
    this.buffers--;
  }

  /** Tensor storage held, in bytes of the tensors' dtypes (as every backend reports it). */
  memory(): BackendMemory {
    return { bytes: this.bytes, buffers: this.buffers };
  }

  /** The allocator's view of linear memory: blocks in use, free for reuse, and the total. */
  heapStats(): HeapStats & { readonly memoryBytes: number } {
    return { ...this.heap.stats(), memoryBytes: this.kernels.memory.buffer.byteLength };
  }

  /** Which instruction set runs, with how many threads, and every fallback to the CPU backend with its reason. */
  explain(): WasmExplanation {
    const fallbacks = [...this.fallbacks.values()].map((f) => ({ ...f, to: 'cpu' as const }));
    const threads = this.threadPool?.threads ?? 1;
    const lines = [
      `${this.name}: WebAssembly ${this.simd} kernels, ${threads} thread${threads > 1 ? 's' : ''} (${this.threadsReason}; ${this.parallelRuns} parallel runs), tensors in WebAssembly memory`,
      ...(fallbacks.length === 0 ? ['no fallbacks so far'] : fallbacks.map((f) => `${f.primitive} → cpu ×${f.count}: ${f.reason}`)),
    ];
    const { threadsReason, parallelRuns } = this;
    return { backend: this.name, simd: this.simd, threads, threadsReason, parallelRuns, fallbacks, summary: lines.join('\n') };
  }

  /** Threads a kernel may split over with {@link parallel} (1: no workers). */
  get threads(): number {
    return this.threadPool?.threads ?? 1;
  }

  /** Calls kernel export `fn` once per part, part i on thread i, at most {@link threads} parts; returns when all are done. */
  parallel(fn: ParallelFunction, parts: readonly (readonly number[])[]): void {
    if (!this.threadPool) throw new RangeError(`Backend '${this.name}' has no worker threads.`);
    this.threadPool.run(fn, parts);
    this.parallelRuns++;
  }

  /** Releases every tensor and stops the worker threads (kernels then run on one thread); the memory stays with the module. */
  dispose(): void {
    if (this.threadPool) {
      this.threadPool.dispose();
      this.threadPool = undefined;
      this.threadsReason = 'workers stopped by dispose()';
    }
    this.store = new WeakMap();
    this.heap.reset();
    this.bytes = 0;
    this.buffers = 0;
  }

  // ---- for kernels ----

  /**
   * A fused elementwise program as one blocked kernel: each step runs its eager SIMD kernel over
   * cache-sized blocks, so large tensors are read and written once and results equal eager ones
   * (float16 steps computed in float32 and rounded, as the eager float16 kernels are). Undefined
   * for dtypes other than float16/float32/int32/bool and broadcasts without a row plan.
   */
  compileElementwise(program: ElementwiseProgram, _options?: ElementwiseCompileOptions): ElementwiseKernel | undefined {
    return compileWithFloat16(this, program);
  }

  /** Byte offset of `t`'s storage in linear memory. */
  ptr(t: TensorInfo): number {
    return this.get(t.dataId).ptr;
  }

  /** A new, uninitialised output tensor; its pointer is valid until it is disposed. */
  output(shape: readonly number[], dtype: DType): { info: TensorInfo; ptr: number } {
    let size = 1;
    for (const d of shape) size *= d;
    const s = this.allocate(size, shape, dtype);
    const id = {};
    this.store.set(id, s);
    return { info: { dataId: id, shape, dtype }, ptr: s.ptr };
  }

  /**
   * A typed array over `size` stored elements of `dtype` at `ptr`. Invalid after the memory
   * grows (any allocation may grow it): take views after allocating.
   */
  view<D extends DType>(ptr: number, size: number, dtype: D): DataArrayMap[D] {
    return new VIEWS[dtype](this.kernels.memory.buffer, ptr, size) as DataArrayMap[D];
  }

  /** Bytes one stored element of `dtype` takes (float16: 2, its bits; int64: 8, as float64). */
  elementBytes(dtype: DType): number {
    return VIEWS[dtype].BYTES_PER_ELEMENT;
  }

  /** Scratch memory for a kernel; give it back with {@link free}. */
  scratch(bytes: number): number {
    return this.heap.alloc(bytes);
  }

  /** Gives back memory from {@link scratch}. */
  free(ptr: number): void {
    this.heap.release(ptr);
  }

  /**
   * Runs primitive `name` with the CPU backend's kernel: inputs are handed over as views of
   * linear memory (no copy), the result is copied in. Recorded for {@link explain}; the first
   * time each (primitive, reason) happens it is also announced as an engine `fallback` event.
   */
  fallback<N extends CorePrimitiveName>(name: N, inputs: PrimitiveInputs<N>, attrs: PrimitiveAttrs<N>, reason: string): TensorInfo {
    const cpu = (this.cpu ??= new CpuBackend(`${this.name}-fallback`));
    const kernel = cpuKernels[name] as unknown as KernelFunc<N, CpuBackend>;
    const handed = (inputs as readonly TensorInfo[]).map((t) => {
      const s = this.get(t.dataId);
      const v = this.view(s.ptr, s.size, s.dtype);
      return {
        dataId: cpu.write(s.dtype === 'float16' ? decodeFloat16(v as Uint16Array) : (v as Values), t.shape, t.dtype),
        shape: t.shape,
        dtype: t.dtype,
      };
    });
    let out: TensorInfo | undefined;
    try {
      out = kernel(cpu, handed as PrimitiveInputs<N>, attrs);
      const info = { dataId: this.write(cpu.values(out), out.shape, out.dtype), shape: out.shape, dtype: out.dtype };
      this.record(name, reason);
      return info;
    } finally {
      for (const t of handed) cpu.disposeData(t.dataId);
      if (out) cpu.disposeData(out.dataId);
      // The pool may now hold views of linear memory: never let the CPU backend reuse them.
      cpu.releasePool();
    }
  }

  private record(primitive: CorePrimitiveName, reason: string): void {
    const key = `${primitive}\u0000${reason}`;
    const seen = this.fallbacks.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    this.fallbacks.set(key, { primitive, reason, count: 1 });
    emit({ type: 'fallback', backend: this.name, primitive, to: 'cpu', reason });
  }

  private allocate(size: number, shape: readonly number[], dtype: DType): Stored {
    const view = VIEWS[dtype];
    if (!view) throw new TypeError(`Backend '${this.name}': unknown dtype ${String(dtype)}.`);
    const ptr = this.heap.alloc(size * view.BYTES_PER_ELEMENT);
    const bytes = storageBytes(shape, dtype);
    this.bytes += bytes;
    this.buffers++;
    return { ptr, size, dtype, bytes };
  }

  private get(dataId: DataId): Stored {
    const s = this.store.get(dataId);
    if (!s) throw new Error(`Backend '${this.name}' holds no data for this tensor; it was disposed or belongs to another backend.`);
    return s;
  }
}

/** The constructor's checks, before anything is set up (O(1)). */
function checkBackendArgs(kernels: unknown, simd: unknown, name: unknown, threads: unknown): void {
  const k = kernels as Partial<KernelExports> | null;
  const memoryOk =
    k !== null && typeof k === 'object' && k.memory !== null && typeof k.memory === 'object' && k.memory.buffer instanceof Object;
  if (!memoryOk || typeof k?.heapBase !== 'function') {
    throw new TypeError(
      `WasmBackend: kernels must be the KernelExports of loadKernels() (memory, heapBase, …), but got ${describeType(kernels)}.`,
    );
  }
  if (simd !== 'simd128' && simd !== 'relaxed-simd') {
    throw new TypeError(
      `WasmBackend: simd must be 'simd128' or 'relaxed-simd', but got ${typeof simd === 'string' ? JSON.stringify(simd) : describeType(simd)}.`,
    );
  }
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`WasmBackend: name must be a non-empty string, but got ${describeType(name)}.`);
  const t = threads as { reason?: unknown; heapStart?: unknown } | null;
  if (t === null || typeof t !== 'object' || typeof t.reason !== 'string') {
    throw new TypeError(`WasmBackend: threads must be an object { pool?, reason, heapStart? }, but got ${describeType(threads)}.`);
  }
  if (t.heapStart !== undefined && !(typeof t.heapStart === 'number' && Number.isSafeInteger(t.heapStart) && t.heapStart >= 0)) {
    throw new RangeError(
      `WasmBackend: threads.heapStart must be an integer >= 0, but got ${typeof t.heapStart === 'number' ? t.heapStart : describeType(t.heapStart)}.`,
    );
  }
}
