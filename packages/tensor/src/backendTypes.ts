/**
 * What a backend author implements: storage, reads, disposal and a kernel table.
 */
import type { DType, Values } from './dtype.js';
import type { ElementwiseCompileOptions, ElementwiseKernel, ElementwiseProgram } from './elementwise.js';
import type { CorePrimitiveName, DataId, KernelFunc, PrimitiveName } from './primitives.js';

/**
 * Bytes and buffers a backend holds right now.
 * @example
 * const { bytes, buffers }: BackendMemory = getBackend().memory();
 */
export interface BackendMemory {
  /** Bytes of tensor storage held by this backend. */
  readonly bytes: number;
  /** Number of storage buffers held. */
  readonly buffers: number;
}

/**
 * A backend: where tensor data lives and kernels run.
 *
 * `write` takes values in compute form (float16 as float32 numbers) and returns a fresh handle;
 * `read` returns them in the same form. Backends that cannot read synchronously (WebGPU) throw
 * from `readSync` with a message that says to use `await t.data()`.
 * @example
 * // Storage on the host in a WeakMap; kernels come from the factory's table.
 * class HostBackend implements Backend {
 *   readonly name = 'host';
 *   private readonly store = new WeakMap<DataId, Values>();
 *   private buffers = 0;
 *   write(values: Values): DataId {
 *     const id = {};
 *     this.store.set(id, values);
 *     this.buffers++;
 *     return id;
 *   }
 *   async read(id: DataId) { return this.readSync(id); }
 *   readSync(id: DataId) { return this.store.get(id)!; }
 *   disposeData(id: DataId) { this.store.delete(id); this.buffers--; }
 *   memory() { return { bytes: 0, buffers: this.buffers }; }
 * }
 */
export interface Backend {
  /** Registry name, e.g. `'cpu'`. */
  readonly name: string;
  /** Stores `values` (owned by the backend from now on) and returns a handle to them. */
  write(values: Values, shape: readonly number[], dtype: DType): DataId;
  /**
   * Reads a tensor's values to the host. The result may share the backend's storage (the CPU
   * backend's does): callers must not modify it, and the backend must never reuse or write
   * into an array it handed out.
   */
  read(dataId: DataId): Promise<Values>;
  /** Reads a tensor's values to the host synchronously; same sharing rules as {@link read}. */
  readSync(dataId: DataId): Values;
  /** Frees a tensor's storage. Called once per handle. */
  disposeData(dataId: DataId): void;
  /** Storage this backend holds. */
  memory(): BackendMemory;
  /**
   * Optional: the most bytes one tensor's storage can take on this backend (a WebAssembly
   * memory's maximum, a GPU's buffer limit). Creation refuses a larger tensor before allocating;
   * without it only the engine's own limit (`MAX_TENSOR_ELEMENTS` elements) applies.
   */
  readonly maxBytes?: number;
  /**
   * Optional: true when `write` copies `values` into the backend's own storage and never keeps
   * the array (the wasm backend copies into WebAssembly memory). Creation then hands `write` the
   * caller's typed array when it already is the dtype's compute form, instead of a copy of it:
   * one copy fewer for every tensor made from host data (a dataset's batches).
   */
  readonly copiesOnWrite?: boolean;
  /** Releases everything the backend holds. */
  dispose?(): void;
  /**
   * Optional: compiles a fused elementwise program into one kernel (one pass over the data, no
   * intermediates), or returns undefined for a program it cannot take. `@mindts/jit` uses it to
   * fuse chains of Unary/Binary/Where/Cast; results must equal running the steps one by one.
   */
  compileElementwise?(program: ElementwiseProgram, options?: ElementwiseCompileOptions): ElementwiseKernel | undefined;
}

/**
 * A registration entry for a kernel: which primitive, on which backend, and the function.
 * @example
 * const config: KernelConfig<'MatMul'> = { name: 'MatMul', backendName: 'host', kernelFunc: hostMatMul };
 * registerKernel(config);
 */
export interface KernelConfig<N extends PrimitiveName = PrimitiveName> {
  readonly name: N;
  readonly backendName: string;
  // biome-ignore lint/suspicious/noExplicitAny: the registry stores kernels of every backend type.
  readonly kernelFunc: KernelFunc<N, any>;
}

/**
 * How a backend is offered to the engine: `registerBackend(cpu())`. `create` may be async
 * (WebAssembly compilation, GPU adapters); `setBackend` / `ready()` await it.
 * @example
 * registerBackend({ name: 'host', priority: 0, create: () => new HostBackend(), kernels: { MatMul: hostMatMul } });
 */
export interface BackendFactory<B extends Backend = Backend> {
  /** Registry name the backend is selected by. */
  readonly name: string;
  /** Higher wins when no backend was chosen explicitly. */
  readonly priority: number;
  /** Builds the backend. */
  create(): B | Promise<B>;
  /** The backend's kernels; a complete core table for a first-party backend. */
  readonly kernels: { readonly [N in CorePrimitiveName]?: KernelFunc<N, B> };
}
