/**
 * The main thread's side of worker prefetch: starts a dataset worker (Node's `worker_threads`, a
 * browser's module `Worker`), grants it credits and receives its rows. Node's `worker_threads` is
 * reached through `process.getBuiltinModule`, never imported, so a browser bundle has no `node:`
 * import; the browser's Worker is made with `new URL('./datasetWorker.js', import.meta.url)`,
 * the form Vite and webpack follow to bundle a worker.
 */
import type { Row } from '../pipeline.js';
import type { Plan } from './plan.js';
import type { FeedReply, FeedRequest } from './serveDataset.js';
import { type SlotBuffer, SlotReader } from './slotRing.js';

/** One item from the worker: a row (or batch), or the end of an epoch. */
export type FeedItem = { readonly row: Row } | { readonly end: true };

/** A running dataset worker. */
export interface WorkerFeed {
  /** The next item, waiting for the worker (Node only: a browser's main thread cannot block). */
  nextSync(): FeedItem;
  /** The next item, when the worker has sent it. */
  next(): Promise<FeedItem>;
  /** Stops the worker; what it had sent ahead is dropped. */
  close(): void;
}

/** Where a feed starts and how far ahead it runs. */
export interface FeedStart {
  readonly plan: Plan;
  readonly epoch: number;
  readonly skip: number;
  readonly endEpoch: number;
  /** How many items the worker keeps ready ahead of the consumer. */
  readonly depth: number;
}

interface NodeWorkerThreads {
  Worker: new (
    code: string,
    options: { eval: true; workerData: unknown; transferList: unknown[]; execArgv: string[] | undefined },
  ) => { unref(): void; ref(): void; terminate(): Promise<number> };
  MessageChannel: new () => { port1: NodeMessagePort; port2: NodeMessagePort };
  receiveMessageOnPort(port: NodeMessagePort): { message: (FeedReply & { seq?: number }) | SlotBuffer } | undefined;
}
interface NodeMessagePort {
  postMessage(message: FeedRequest): void;
  close(): void;
}
interface BrowserWorker {
  postMessage(message: FeedRequest): void;
  addEventListener(type: 'message' | 'error', listener: (event: { data?: FeedReply; message?: string }) => void): void;
  terminate(): void;
}
export type WorkerConstructor = new (url: URL, options: { type: 'module' }) => BrowserWorker;

function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:worker_threads') as NodeWorkerThreads | undefined;
}

const browserWorker = (): WorkerConstructor | undefined => (globalThis as { Worker?: WorkerConstructor }).Worker;

/**
 * Why this platform cannot run a dataset worker, or undefined when it can (Node ≥ 20.16 with
 * `process.getBuiltinModule`, or a browser with `Worker`).
 */
export function workerUnavailable(): string | undefined {
  if (nodeWorkerThreads() || browserWorker()) return undefined;
  return 'this platform has neither node:worker_threads (through process.getBuiltinModule, Node >= 20.16) nor Web Workers';
}

/**
 * Credits go back to the worker a few at a time (a quarter of the queue), not one message per
 * item: fewer messages on the main thread, and the worker still never falls more than that behind.
 */
function creditor(depth: number, send: (count: number) => void): () => void {
  const every = Math.max(1, Math.floor(depth / 4));
  let owed = 0;
  return () => {
    if (++owed < every) return;
    send(owed);
    owed = 0;
  };
}

/** The worker's error on the main thread, as the same kind of error, saying where it came from. */
function workerError(reply: { name: string; message: string }): Error {
  const Kind = reply.name === 'RangeError' ? RangeError : reply.name === 'TypeError' ? TypeError : Error;
  return new Kind(`${reply.message} (raised in the dataset worker)`);
}

/** A reply as an item, or its error thrown. */
function toItem(reply: FeedReply): FeedItem {
  if (reply.type === 'error') throw workerError(reply);
  return reply.type === 'end' ? { end: true } : { row: reply.values };
}

/**
 * The worker module's URL in Node. Under vitest the package runs from its TypeScript sources,
 * which a Node 20 worker cannot load: it then runs the built file (`pnpm build` first).
 */
function nodeWorkerUrl(): string {
  const here = import.meta.url;
  return (here.endsWith('.ts') ? new URL('../../dist/worker/datasetWorker.js', here) : new URL('./datasetWorker.js', here)).href;
}

/**
 * The Node flags for the worker: the main thread's (the default), except under the workspace's
 * tests, whose `@mindts/source` export condition loads TypeScript sources a worker thread cannot
 * run; the worker then keeps only the other export conditions.
 */
function workerExecArgv(): string[] | undefined {
  const argv = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv ?? [];
  if (!argv.some((a, i) => a === '--conditions=@mindts/source' || (a === '--conditions' && argv[i + 1] === '@mindts/source')))
    return undefined;
  const out: string[] = [];
  argv.forEach((a, i) => {
    const next = argv[i + 1];
    if (a === '--conditions' && next !== undefined && next !== '@mindts/source') out.push(a, next);
  });
  return out;
}

/**
 * Started as an evaluated script, so that a module that fails to load is reported through the
 * port like any other error, instead of as an event a blocked main thread would never see. It
 * is valid as a script and as a module (`node --input-type=module` makes eval'd code a module).
 */
const BOOTSTRAP = `
const { workerData } = process.getBuiltinModule('node:worker_threads');
const { url, port, signal } = workerData;
// A worker that ends for any reason says so, so a main thread blocked in Atomics.wait never hangs.
process.on('exit', () => { Atomics.store(signal, 1, 1); Atomics.notify(signal, 0); });
import(url).then((m) => m.runDatasetWorker(port, signal)).catch((e) => {
  port.postMessage({ type: 'error', name: 'Error', message: 'the dataset worker could not load ' + url + ' (' + (e && e.message) + ')' });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});`;

function nodeFeed(wt: NodeWorkerThreads, start: FeedStart): WorkerFeed {
  // [0]: replies sent, [1]: 1 once the worker thread has ended, [2]: replies taken (the worker's
  // credits: it runs `depth` replies ahead of this count; it reads the count, nothing is sent).
  const signal = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new wt.MessageChannel();
  const worker = new wt.Worker(BOOTSTRAP, {
    eval: true,
    workerData: { url: nodeWorkerUrl(), port: port2, signal },
    transferList: [port2],
    execArgv: workerExecArgv(),
  });
  // An idle worker (its queue full, or its iterator forgotten) must not keep the process alive.
  worker.unref();
  const { plan, epoch, skip, endEpoch, depth } = start;
  port1.postMessage({ type: 'start', plan, epoch, skip, endEpoch, credits: depth });
  // Rows arrive in shared slots (slotRing.ts); messages bring slot buffers and the other replies,
  // each with its place in the sequence (none: a worker that failed to load, at the next place).
  const slots = new SlotReader();
  const replies = new Map<number, FeedReply>();
  const ring = depth + 1;
  let taken = 0;
  let closed = false;
  const take = (): FeedItem | undefined => {
    const sent = Atomics.load(signal, 0);
    for (let got = wt.receiveMessageOnPort(port1); got; got = wt.receiveMessageOnPort(port1)) {
      const m = got.message;
      if (m.type === 'buffer') slots.setBuffer(m);
      else replies.set(m.seq ?? taken, m);
    }
    const reply = replies.get(taken);
    if (reply === undefined && taken >= sent) return undefined;
    replies.delete(taken);
    const item = reply ? toItem(reply) : { row: slots.read(taken % ring) };
    taken++;
    Atomics.add(signal, 2, 1);
    return item;
  };
  const check = () => {
    if (closed) throw new Error('DatasetIterator: the dataset worker was closed.');
  };
  const ended = (): FeedItem | undefined => {
    if (Atomics.load(signal, 1) === 0) return undefined;
    // It may have sent a last reply before ending.
    const last = take();
    if (last) return last;
    throw new Error('DatasetIterator: the dataset worker thread ended before sending the next item.');
  };
  return {
    nextSync() {
      check();
      for (;;) {
        const seen = Atomics.load(signal, 0);
        const item = take();
        if (item) return item;
        const last = ended();
        if (last) return last;
        // Timed, so a message that lands between the check and the wait is picked up next round.
        Atomics.wait(signal, 0, seen, 100);
      }
    },
    async next() {
      check();
      for (;;) {
        const seen = Atomics.load(signal, 0);
        const item = take();
        if (item) return item;
        const last = ended();
        if (last) return last;
        worker.ref();
        try {
          const wait = (
            Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { async: boolean; value: unknown } }
          ).waitAsync(signal, 0, seen, 100);
          if (wait.async) await wait.value;
        } finally {
          worker.unref();
        }
        check();
      }
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}

/** A feed from a browser module Worker (exported for its tests, which pass a stand-in Worker). */
export function webFeed(Worker: WorkerConstructor, start: FeedStart): WorkerFeed {
  const worker = new Worker(new URL('./datasetWorker.js', import.meta.url), { type: 'module' });
  const queue: FeedReply[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const push = (reply: FeedReply) => {
    queue.push(reply);
    wake?.();
  };
  worker.addEventListener('message', (event) => event.data && push(event.data));
  worker.addEventListener('error', (event) =>
    push({ type: 'error', name: 'Error', message: `the dataset worker failed (${event.message ?? 'it could not load'})` }),
  );
  const { plan, epoch, skip, endEpoch, depth } = start;
  worker.postMessage({ type: 'start', plan, epoch, skip, endEpoch, credits: depth });
  const credit = creditor(depth, (count) => worker.postMessage({ type: 'credit', count }));
  const take = (reply: FeedReply): FeedItem => {
    credit();
    return toItem(reply);
  };
  return {
    nextSync() {
      throw new Error(
        'DatasetIterator: a browser main thread cannot wait for the dataset worker; iterate with for await, or pass numParallelWorkers: 0.',
      );
    },
    async next() {
      for (;;) {
        if (closed) throw new Error('DatasetIterator: the dataset worker was closed.');
        const reply = queue.shift();
        if (reply) return take(reply);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      worker.terminate();
      wake?.();
    },
  };
}

/**
 * Starts a dataset worker running `start.plan` from `start.epoch`, `start.depth` items ahead.
 * @example
 * const feed = openFeed({ plan, epoch: 0, skip: 0, endEpoch: 1, depth: 16 });
 */
export function openFeed(start: FeedStart): WorkerFeed {
  const wt = nodeWorkerThreads();
  if (wt) return nodeFeed(wt, start);
  const Worker = browserWorker();
  if (Worker) return webFeed(Worker, start);
  throw new Error(`DatasetIterator: ${workerUnavailable()}.`);
}
