/**
 * The module a dataset worker runs. In Node, the iterator's bootstrap imports it and calls
 * {@link runDatasetWorker}; in a browser it is the module Worker itself and listens on `self`.
 * It imports nothing from Node, so a bundler can build it for the web.
 */
import { type FeedRequest, serveDataset } from './serveDataset.js';

/** The parts of Node's MessagePort the worker uses. */
interface NodePort {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: FeedRequest) => void): void;
}

/**
 * Serves a Node dataset worker on `port`; after each reply it bumps `signal[0]` and wakes the
 * main thread, which may be blocked in `Atomics.wait` (a synchronous `next()`).
 * @example
 * runDatasetWorker(workerData.port, workerData.signal);
 */
export function runDatasetWorker(port: NodePort, signal: Int32Array): void {
  const handle = serveDataset((reply, transfer) => {
    port.postMessage(reply, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
  port.on('message', handle);
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
