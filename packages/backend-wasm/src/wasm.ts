/**
 * The wasm backend's factory, for `registerBackend(wasm())`.
 */
import { checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import type { BackendFactory } from '@mindts/tensor/backend';
import { ALIGNMENT } from './allocator.js';
import { loadKernels } from './kernelModule.js';
import { wasmKernels } from './kernels/index.js';
import { ThreadPool, controlBytes } from './threadPool.js';
import { WasmBackend } from './wasmBackend.js';

/** The default thread count: min(4, cores); 1 where the core count is unknown. */
async function defaultThreads(): Promise<number> {
  let cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (cores === undefined && typeof process === 'object' && typeof process.versions?.node === 'string') {
    // Node 20 has no `navigator`; the specifier is a variable so browser bundlers skip it.
    const specifier = 'node:os';
    cores = ((await import(/* @vite-ignore */ specifier)) as { availableParallelism(): number }).availableParallelism();
  }
  return Math.max(1, Math.min(4, typeof cores === 'number' && cores > 0 ? Math.floor(cores) : 1));
}

/** Why there is no `SharedArrayBuffer`: a page that is not cross-origin isolated has none. */
function noSharedMemory(): string {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated === false
    ? 'no SharedArrayBuffer: the page is not cross-origin isolated, which takes the headers COOP: same-origin and COEP: require-corp'
    : 'no SharedArrayBuffer here';
}

/**
 * Options of {@link wasm}.
 * @example
 * registerBackend(wasm({ name: 'wasm-plain', relaxedSimd: false }));
 */
export interface WasmOptions {
  /** Registry name (default `'wasm'`). */
  name?: string;
  /** Selection priority (default 2: above the CPU backend's 1, below a GPU backend). */
  priority?: number;
  /** Use relaxed SIMD (fused multiply-add) where the engine supports it (default true). */
  relaxedSimd?: boolean;
  /**
   * Threads that matmul and conv2d split over, the calling thread included (default
   * min(4, cores)). More than 1 needs `SharedArrayBuffer` and workers: Node's `worker_threads`,
   * or Web Workers on a cross-origin-isolated page (served with `Cross-Origin-Opener-Policy:
   * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`); elsewhere the backend runs
   * on one thread and `explain()` says why.
   */
  threads?: number;
}

const WASM_KEYS: OptionKeys<WasmOptions> = { name: true, priority: true, relaxedSimd: true, threads: true };

/**
 * The WebAssembly SIMD backend: tensors in WebAssembly memory, SIMD128 kernels compiled from
 * AssemblyScript and shipped inside the package; what it does not implement runs on the CPU
 * backend and is listed by `explain()`. Creating it rejects where WebAssembly SIMD is missing.
 * @example
 * import { registerBackend, setBackend, tensor } from '@mindts/tensor';
 * import { wasm } from '@mindts/backend-wasm';
 * registerBackend(wasm());
 * await setBackend('wasm');
 * tensor([1, 2, 3]).toString(); // 'Tensor(shape=[3], dtype=Int32, value= [1, 2, 3])'
 */
export function wasm(options: WasmOptions = {}): BackendFactory<WasmBackend> {
  checkOptions<WasmOptions>(options, 'wasm', WASM_KEYS);
  const name = options.name ?? 'wasm';
  const priority = options.priority ?? 2;
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`wasm: options.name must be a non-empty string, but got ${String(name)}.`);
  if (typeof priority !== 'number' || Number.isNaN(priority)) {
    throw new TypeError(`wasm: options.priority must be a number, but got ${String(priority)}.`);
  }
  if (options.relaxedSimd !== undefined && typeof options.relaxedSimd !== 'boolean') {
    throw new TypeError(`wasm: options.relaxedSimd must be a boolean, but got ${describeType(options.relaxedSimd)}.`);
  }
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new TypeError(`wasm: options.threads must be a positive integer, but got ${String(options.threads)}.`);
  }
  return {
    name,
    priority,
    async create() {
      const relaxedSimd = options.relaxedSimd ?? true;
      const threads = options.threads ?? (await defaultThreads());
      const { exports, simd, shared } = await loadKernels({ relaxedSimd, shared: threads > 1 });
      if (threads === 1) return new WasmBackend(exports, simd, name, { reason: 'threads: 1' });
      if (!shared) return new WasmBackend(exports, simd, name, { reason: `threads: ${threads} asked, but ${noSharedMemory()}` });
      // The workers' control slots sit at the heap's base; tensors start above them.
      const control = Math.ceil(exports.heapBase() / ALIGNMENT) * ALIGNMENT;
      const heapStart = control + controlBytes(threads - 1);
      const pool = await ThreadPool.start(shared, exports, threads, control);
      const reason = !pool
        ? `threads: ${threads} asked, but no worker_threads or Web Workers here`
        : `threads: ${threads}, ${pool.kind} on a shared memory${pool.blocks ? '' : '; the main thread polls, as it may not block'}`;
      return new WasmBackend(exports, simd, name, { pool, reason, heapStart });
    },
    kernels: wasmKernels,
  };
}
