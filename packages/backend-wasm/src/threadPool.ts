/**
 * Worker threads that run kernel calls on the backend's shared WebAssembly memory. Kernels are
 * synchronous, so the calling thread hands each worker its part through a control slot in that
 * memory (`Atomics.notify`), runs part 0 itself and waits for the others: no message passing, no
 * copies. The workers are Node's `worker_threads` (unref'd: they never keep a process alive) or,
 * in a browser, Web Workers started from a Blob URL of their source (nothing is fetched, so the
 * package survives bundling). A thread that may block sleeps in `Atomics.wait` after polling; a
 * page's main thread may not, so there the caller polls `Atomics.load` until the workers are done.
 */
import type { CompiledModule, KernelExports, WasmMemory } from './kernelModule.js';

/** Int32 fields of one worker's control slot: [sequence, done, error, function, argc, args…]. */
const SLOT_INTS = 32;
const MAX_ARGS = SLOT_INTS - 5;
const [SEQ, DONE, ERROR, FN, ARGC, ARGS] = [0, 1, 2, 3, 4, 5];

/** The exports a pool may call in parallel (their index is what a slot carries). */
export const PARALLEL_FUNCTIONS = ['gemm', 'conv2dDirectF32', 'f32ToF16', 'f16ToF32'] as const satisfies readonly (keyof KernelExports)[];
/** A kernel export a {@link ThreadPool} may run. */
export type ParallelFunction = (typeof PARALLEL_FUNCTIONS)[number];

/** Bytes of control slots for `workers` workers (allocate them in the shared memory). */
export const controlBytes = (workers: number): number => workers * SLOT_INTS * 4;

/**
 * How long a worker polls for its next part, and the caller for the workers' results, before
 * sleeping in `Atomics.wait`: waking a sleeping thread took 80–170 µs on the 2-core VM of the
 * benchmark (2–4 µs polling), a fifth of an n = 256 matmul; a training loop or benchmark calls
 * again well within this (pthreadpool, which tfjs-wasm's XNNPACK uses, spins before sleeping
 * for the same reason).
 */
const SPIN_MS = 2;

// What every worker runs once instantiated: serve slot `s` until told to stop (function −1). A
// kernel error is flagged in the slot, so the caller throws instead of hanging. Plain JavaScript
// that both kinds of worker have (Atomics.wait is allowed in any worker).
const SERVE = `
  let seen = 0;
  for (;;) {
    const until = performance.now() + ${SPIN_MS};
    while (Atomics.load(s, ${SEQ}) === seen && performance.now() < until);
    Atomics.wait(s, ${SEQ}, seen);
    seen = Atomics.load(s, ${SEQ});
    const fn = s[${FN}];
    if (fn < 0) break;
    const args = Array.from(s.subarray(${ARGS}, ${ARGS} + s[${ARGC}]));
    try {
      instance.exports[names[fn]](...args);
    } catch {
      s[${ERROR}] = 1;
    }
    Atomics.store(s, ${DONE}, seen);
    Atomics.notify(s, ${DONE});
  }
`;

// A Node worker instantiates the module on the shared memory from its workerData. Dynamic
// import, so the source runs whether Node evaluates it as a script or as a module (a worker
// inherits `--input-type=module`).
const NODE_WORKER_SOURCE = `
import('node:worker_threads').then(({ parentPort, workerData }) => {
  const { module, memory, slot, names } = workerData;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const s = new Int32Array(memory.buffer, slot, ${SLOT_INTS});
  parentPort.postMessage('ready');
${SERVE}
});
`;

// A Web Worker gets the same data as its first message and answers 'ready', or why it could not
// instantiate (the event loop is blocked while it serves, so that is its only message).
const WEB_WORKER_SOURCE = `
onmessage = ({ data: { module, memory, slot, names } }) => {
  onmessage = null;
  let instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (err) {
    postMessage(String(err));
    return;
  }
  const s = new Int32Array(memory.buffer, slot, ${SLOT_INTS});
  postMessage('ready');
${SERVE}
};
`;

/** Which workers a pool runs on. */
export type WorkerKind = 'worker_threads' | 'Web Workers';

/** What a worker is handed: the module to instantiate on `memory`, its slot, the export names. */
interface WorkerData {
  readonly module: CompiledModule;
  readonly memory: WasmMemory;
  readonly slot: number;
  readonly names: readonly string[];
}

/** A started worker of either kind. */
interface PoolWorker {
  terminate(): unknown;
}

/** How to start workers here: their kind, and a worker with a promise that it is serving. */
interface Spawner {
  readonly kind: WorkerKind;
  spawn(data: WorkerData): { worker: PoolWorker; ready: Promise<void> };
  /** Releases what the spawner holds (the Blob URL) once every worker is started. */
  close(): void;
}

/** The part of `node:worker_threads`' Worker the pool uses. */
interface NodeWorker extends PoolWorker {
  once(event: 'message' | 'error', listener: (value: unknown) => void): void;
  unref(): void;
}
type NodeWorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;

/** The part of a browser's Worker (and its globals) the pool uses; typed here (no DOM lib). */
interface WebWorker extends PoolWorker {
  postMessage(data: unknown): void;
  addEventListener(event: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
}
interface WebWorkerGlobals {
  Worker?: new (url: string) => WebWorker;
  URL?: { createObjectURL?(blob: Blob): string; revokeObjectURL?(url: string): void };
}

/**
 * `node:worker_threads`' Worker, or undefined outside Node (browsers, or a Node without it).
 * The specifier is a variable, so bundlers for the browser leave the import alone.
 */
async function nodeWorker(): Promise<NodeWorkerConstructor | undefined> {
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (!isNode) return undefined;
  const specifier = 'node:worker_threads';
  try {
    return ((await import(/* @vite-ignore */ specifier)) as { Worker: NodeWorkerConstructor }).Worker;
  } catch {
    return undefined;
  }
}

function nodeSpawner(Worker: NodeWorkerConstructor): Spawner {
  return {
    kind: 'worker_threads',
    spawn(data) {
      const worker = new Worker(NODE_WORKER_SOURCE, { eval: true, workerData: data });
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      return { worker, ready: ready.then(() => worker.unref()) };
    },
    close() {},
  };
}

/** Web Workers from a Blob URL of their source, or undefined where the globals are missing. */
function webSpawner(): Spawner | undefined {
  const { Worker, URL: url } = globalThis as WebWorkerGlobals;
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof url?.createObjectURL !== 'function') return undefined;
  const source = url.createObjectURL(new Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
  return {
    kind: 'Web Workers',
    spawn(data) {
      const worker = new Worker(source);
      const ready = new Promise<void>((resolve, reject) => {
        const fail = (why: string) => reject(new Error(`wasm backend: a Web Worker could not start: ${why}`));
        worker.addEventListener('message', ({ data: answer }) => (answer === 'ready' ? resolve() : fail(String(answer))));
        worker.addEventListener('error', ({ message }) => fail(message ?? 'error event'));
        worker.addEventListener('messageerror', () => fail('the module or memory could not be posted to it'));
      });
      worker.postMessage(data);
      return { worker, ready };
    },
    close() {
      url.revokeObjectURL?.(source);
    },
  };
}

/** Whether this thread may block in `Atomics.wait` (Node, any worker; not a page's main thread). */
function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0); // 'not-equal' at once where allowed
    return true;
  } catch {
    return false;
  }
}

/**
 * A started pool of `threads − 1` workers (the calling thread is the first thread).
 * @example
 * const pool = await ThreadPool.start(module, exports, 2, heap.alloc(controlBytes(1)));
 * pool?.run('gemm', [partForMe, partForWorker]);
 * pool?.dispose();
 */
export class ThreadPool {
  /** Threads a {@link run} may use: the workers and the calling thread. */
  readonly threads: number;
  /** What the workers are: Node's `worker_threads` or a browser's Web Workers. */
  readonly kind: WorkerKind;
  /** Whether the calling thread sleeps in `Atomics.wait` after polling (false: it only polls). */
  readonly blocks: boolean;
  private readonly slots: Int32Array[];
  private readonly workers: PoolWorker[];
  private readonly exports: KernelExports;
  private disposed = false;

  private constructor(kind: WorkerKind, exports: KernelExports, workers: PoolWorker[], slots: Int32Array[]) {
    this.kind = kind;
    this.exports = exports;
    this.workers = workers;
    this.slots = slots;
    this.threads = workers.length + 1;
    this.blocks = mayBlock();
  }

  /**
   * Starts `threads − 1` workers on `exports.memory` (shared), their control slots at byte
   * `control` (see {@link controlBytes}): `worker_threads` in Node, else Web Workers; undefined
   * where neither exists. Rejects if a worker fails to start.
   */
  static async start(module: CompiledModule, exports: KernelExports, threads: number, control: number): Promise<ThreadPool | undefined> {
    const NodeWorker = await nodeWorker();
    const spawner = NodeWorker ? nodeSpawner(NodeWorker) : webSpawner();
    if (!spawner) return undefined;
    const memory: WasmMemory = exports.memory;
    const workers: PoolWorker[] = [];
    const slots: Int32Array[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const slot = control + w * SLOT_INTS * 4;
        slots.push(new Int32Array(memory.buffer, slot, SLOT_INTS).fill(0));
        const { worker, ready } = spawner.spawn({ module, memory, slot, names: PARALLEL_FUNCTIONS });
        workers.push(worker);
        await ready;
      }
    } catch (err) {
      for (const worker of workers) void worker.terminate();
      throw err;
    } finally {
      spawner.close();
    }
    return new ThreadPool(spawner.kind, exports, workers, slots);
  }

  /**
   * Calls export `fn` once per part, in parallel: `parts[0]` on this thread, the others on
   * workers; returns when all are done. Throws if a part failed (after all have finished).
   */
  run(fn: ParallelFunction, parts: readonly (readonly number[])[]): void {
    if (parts.length > this.threads || this.disposed)
      throw new RangeError(`ThreadPool: ${parts.length} parts for ${this.threads} threads.`);
    const id = PARALLEL_FUNCTIONS.indexOf(fn);
    const sequences: number[] = [];
    for (let w = 0; w < parts.length - 1; w++) {
      const s = this.slots[w] as Int32Array;
      const args = parts[w + 1] as readonly number[];
      if (args.length > MAX_ARGS) throw new RangeError(`ThreadPool: at most ${MAX_ARGS} arguments.`);
      s[FN] = id;
      s[ARGC] = args.length;
      s[ERROR] = 0;
      s.set(args, ARGS);
      sequences.push(Atomics.add(s, SEQ, 1) + 1);
      Atomics.notify(s, SEQ);
    }
    let failure: unknown;
    try {
      (this.exports[fn] as (...args: number[]) => void)(...(parts[0] as number[]));
    } catch (err) {
      failure = err;
    }
    for (let w = 0; w < sequences.length; w++) {
      const s = this.slots[w] as Int32Array;
      this.waitFor(s, sequences[w] as number);
      if (s[ERROR] && failure === undefined) failure = new Error(`wasm backend: ${fn} failed on worker thread ${w + 1}.`);
    }
    if (failure !== undefined) throw failure;
  }

  /** Returns once slot `s` reports part `sequence` done. */
  private waitFor(s: Int32Array, sequence: number): void {
    if (!this.blocks) {
      // A page's main thread: poll to the end (the worker catches kernel errors, so it always answers).
      while (Atomics.load(s, DONE) !== sequence);
      return;
    }
    // Poll first (the parts are about equal, so the worker is usually nearly done), then sleep.
    const until = performance.now() + SPIN_MS;
    while (Atomics.load(s, DONE) !== sequence && performance.now() < until);
    for (let done = Atomics.load(s, DONE); done !== sequence; done = Atomics.load(s, DONE)) Atomics.wait(s, DONE, done);
  }

  /** Stops the workers (they leave their loop, then are terminated); the pool is unusable after. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.slots) {
      s[FN] = -1;
      Atomics.add(s, SEQ, 1);
      Atomics.notify(s, SEQ);
    }
    for (const worker of this.workers) void worker.terminate();
  }
}
