/**
 * Worker threads that run kernel calls on the backend's shared WebAssembly memory. Kernels are
 * synchronous, so the calling thread hands each worker its part through a control slot in that
 * memory (`Atomics.notify`), runs part 0 itself and waits (`Atomics.wait`) for the others: no
 * message passing, no copies. Node only (`worker_threads`; its main thread may block in
 * `Atomics.wait`, a browser's may not). Workers are unref'd: they never keep a process alive.
 */
import type { CompiledModule, KernelExports, WasmMemory } from './kernelModule.js';

/** Int32 fields of one worker's control slot: [sequence, done, error, function, argc, args…]. */
const SLOT_INTS = 32;
const MAX_ARGS = SLOT_INTS - 5;
const [SEQ, DONE, ERROR, FN, ARGC, ARGS] = [0, 1, 2, 3, 4, 5];

/** The exports a pool may call in parallel (their index is what a slot carries). */
export const PARALLEL_FUNCTIONS = ['gemm', 'conv2dDirectF32'] as const satisfies readonly (keyof KernelExports)[];
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

// The worker: instantiate the module on the shared memory, then serve its slot until told to stop
// (function −1). A kernel error is flagged in the slot, so the caller throws instead of hanging.
// Dynamic import, so the source runs whether Node evaluates it as a script or as a module
// (a worker inherits `--input-type=module`).
const WORKER_SOURCE = `
import('node:worker_threads').then(({ parentPort, workerData }) => {
  const { module, memory, slot, names } = workerData;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const s = new Int32Array(memory.buffer, slot, ${SLOT_INTS});
  parentPort.postMessage('ready');
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
});
`;

/** The part of `node:worker_threads`' Worker the pool uses. */
interface NodeWorker {
  once(event: 'message' | 'error', listener: (value: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;

/**
 * `node:worker_threads`' Worker, or undefined outside Node (browsers, or a Node without it).
 * The specifier is a variable, so bundlers for the browser leave the import alone.
 */
async function nodeWorker(): Promise<WorkerConstructor | undefined> {
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (!isNode) return undefined;
  const specifier = 'node:worker_threads';
  try {
    return ((await import(/* @vite-ignore */ specifier)) as { Worker: WorkerConstructor }).Worker;
  } catch {
    return undefined;
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
  private readonly slots: Int32Array[];
  private readonly workers: NodeWorker[];
  private readonly exports: KernelExports;
  private disposed = false;

  private constructor(exports: KernelExports, workers: NodeWorker[], slots: Int32Array[]) {
    this.exports = exports;
    this.workers = workers;
    this.slots = slots;
    this.threads = workers.length + 1;
  }

  /**
   * Starts `threads − 1` workers on `exports.memory` (shared), their control slots at byte
   * `control` (see {@link controlBytes}); undefined where worker threads are unavailable.
   */
  static async start(module: CompiledModule, exports: KernelExports, threads: number, control: number): Promise<ThreadPool | undefined> {
    const Worker = await nodeWorker();
    if (!Worker) return undefined;
    const memory: WasmMemory = exports.memory;
    const workers: NodeWorker[] = [];
    const slots: Int32Array[] = [];
    try {
      for (let w = 0; w < threads - 1; w++) {
        const slot = control + w * SLOT_INTS * 4;
        slots.push(new Int32Array(memory.buffer, slot, SLOT_INTS).fill(0));
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, slot, names: PARALLEL_FUNCTIONS } });
        workers.push(worker);
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
        worker.unref();
      }
    } catch (err) {
      for (const worker of workers) void worker.terminate();
      throw err;
    }
    return new ThreadPool(exports, workers, slots);
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
      // Poll first (the parts are about equal, so the worker is usually nearly done), then sleep.
      const until = performance.now() + SPIN_MS;
      while (Atomics.load(s, DONE) !== sequences[w] && performance.now() < until);
      for (let done = Atomics.load(s, DONE); done !== sequences[w]; done = Atomics.load(s, DONE)) Atomics.wait(s, DONE, done);
      if (s[ERROR] && failure === undefined) failure = new Error(`wasm backend: ${fn} failed on worker thread ${w + 1}.`);
    }
    if (failure !== undefined) throw failure;
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
