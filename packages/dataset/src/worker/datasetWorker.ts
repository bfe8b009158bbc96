/**
 * The module a dataset worker runs. In Node, the iterator's bootstrap imports it and calls
 * {@link runDatasetWorker}; in a browser it is the module Worker itself and listens on `self`.
 * It imports nothing from Node, so a bundler can build it for the web.
 */
import { type FeedRequest, serveDataset } from './serveDataset.js';
import { SlotWriter } from './slotRing.js';

/** The parts of Node's MessagePort the worker uses. */
interface NodePort {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: FeedRequest) => void): void;
}

/** How long a Node worker out of credits sleeps between looks at the count of replies taken, ms. */
const POLL_MS = 1;
/** …and once it has looked this many times in vain (the consumer paused), ms. */
const IDLE_POLL_MS = 50;
const IDLE_AFTER = 200;

/**
 * Serves a Node dataset worker on `port`, its rows written to shared slots (slotRing.ts); after
 * each reply it bumps `signal[0]` and wakes the main thread, which may be blocked in
 * `Atomics.wait` (a synchronous `next()`). Credits come through shared memory: the main thread
 * bumps `signal[2]` for each reply it takes, and each bump is a credit. Once started, the worker
 * has nothing to do but serve; out of credits, it sleeps and looks at the count again every
 * millisecond (every 50 once the consumer has paused). The main thread never wakes it: a message
 * per credit, or an `Atomics.notify`, cost the main thread as much as making the batch's tensors
 * (a woken worker can even be scheduled onto the main thread's core). `worker.terminate()` ends
 * the sleep.
 * @example
 * runDatasetWorker(workerData.port, workerData.signal);
 */
export function runDatasetWorker(port: NodePort, signal: Int32Array): void {
  let slots: SlotWriter | undefined;
  let sent = 0;
  // The slots take copies, so rows are not made detachable for a transfer first (false).
  const handle = serveDataset((reply) => {
    // A row goes into its shared slot (slotRing.ts), with a message only when the slot gets a new
    // buffer; an epoch's end or an error is a message naming its place in the sequence.
    if (reply.type === 'row' && slots) {
      const fresh = slots.write(sent, reply.values);
      if (fresh) port.postMessage(fresh, []);
    } else port.postMessage({ ...reply, seq: sent }, []);
    sent++;
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }, false);
  port.on('message', (request) => {
    if (request.type !== 'start' || slots) return;
    // One slot more than the credits: the slot of the item the main thread is copying from is
    // never the one being written.
    slots = new SlotWriter(request.credits + 1);
    handle(request);
    let taken = 0;
    let idle = 0;
    for (;;) {
      // Serving ran until the credits were spent (or the epochs were done).
      Atomics.wait(signal, 2, taken, idle < IDLE_AFTER ? POLL_MS : IDLE_POLL_MS);
      const now = Atomics.load(signal, 2);
      if (now === taken) {
        idle++;
        continue;
      }
      idle = 0;
      const count = (now - taken) | 0;
      taken = now;
      handle({ type: 'credit', count });
    }
  });
}

/** A browser's worker scope, when this module runs as a module Worker. */
const scope = globalThis as {
  WorkerGlobalScope?: abstract new () => unknown;
  postMessage?: (message: unknown, transfer: ArrayBuffer[]) => void;
  addEventListener?: (type: 'message', listener: (event: { data: FeedRequest }) => void) => void;
};
if (typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope) {
  const post = scope.postMessage?.bind(globalThis);
  const handle = serveDataset((reply, transfer) => post?.(reply, transfer));
  scope.addEventListener?.('message', (event) => handle(event.data));
}
