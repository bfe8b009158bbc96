import { describe, expect, it } from 'vitest';
import { NumpySlicesDataset } from '../sources/numpySlicesDataset.js';
import { OneHot } from '../transforms/oneHot.js';
import type { Plan } from './plan.js';
import { type FeedReply, type FeedRequest, serveDataset } from './serveDataset.js';
import { type FeedItem, webFeed, type WorkerConstructor } from './workerFeed.js';

// The browser's path, in Node: a stand-in for `Worker` that runs the worker's side in this thread,
// delivering every message on a later turn of the event loop as a browser does.
const made: StandIn[] = [];
class StandIn {
  readonly listeners: Record<string, Array<(event: { data?: FeedReply; message?: string }) => void>> = { message: [], error: [] };
  readonly requests: FeedRequest[] = [];
  terminated = false;
  private readonly handle = serveDataset((reply) => setTimeout(() => this.emit('message', { data: reply })));
  constructor(
    readonly url: URL,
    readonly options: { type: 'module' },
  ) {
    made.push(this);
  }
  emit(type: string, event: { data?: FeedReply; message?: string }) {
    if (!this.terminated) for (const l of this.listeners[type] ?? []) l(event);
  }
  postMessage(message: FeedRequest) {
    this.requests.push(message);
    setTimeout(() => this.handle(message));
  }
  addEventListener(type: string, listener: (event: { data?: FeedReply; message?: string }) => void) {
    this.listeners[type]?.push(listener);
  }
  terminate() {
    this.terminated = true;
  }
}
const Worker = StandIn as unknown as WorkerConstructor;

const planOf = (ds: unknown): Plan => (ds as { pipeline: { worker: { plan: () => Plan } } }).pipeline.worker.plan();
const labels = (item: FeedItem) => ('row' in item ? Array.from(item.row[0]?.data ?? []) : 'end');

describe('webFeed (a browser module Worker)', () => {
  it('starts the module worker next to it, receives every batch and the end of the epoch, grants credits back', {
    timeout: 10_000,
  }, async () => {
    const ds = new NumpySlicesDataset({ y: Int32Array.of(0, 1, 2, 3, 0) }, { shuffle: false }).batch(2);
    const feed = webFeed(Worker, { plan: planOf(ds), epoch: 0, skip: 0, endEpoch: 1, depth: 4 });
    const worker = made.at(-1) as StandIn;
    expect(worker.url.href).toMatch(/\/datasetWorker\.js$/);
    expect(worker.options).toEqual({ type: 'module' });
    const items = [];
    for (let i = 0; i < 4; i++) items.push(labels(await feed.next()));
    expect(items).toEqual([[0, 1], [2, 3], [0], 'end']);
    expect(worker.requests.filter((r) => r.type === 'credit')).toEqual([
      { type: 'credit', count: 1 },
      { type: 'credit', count: 1 },
      { type: 'credit', count: 1 },
      { type: 'credit', count: 1 },
    ]);
    expect(() => feed.nextSync()).toThrow('a browser main thread cannot wait for the dataset worker; iterate with for await');
    feed.close();
    expect(worker.terminated).toBe(true);
  });

  it('throws the worker’s error, and a load failure, on the main thread; close() ends a pending wait', { timeout: 10_000 }, async () => {
    const bad = new NumpySlicesDataset({ y: Int32Array.of(7) }, { shuffle: false }).map(new OneHot(2), 'y');
    const feed = webFeed(Worker, { plan: planOf(bad), epoch: 0, skip: 0, endEpoch: 1, depth: 2 });
    await expect(feed.next()).rejects.toThrow(
      new RangeError('OneHot: label 7 is outside [0, 2) for numClasses 2. (raised in the dataset worker)'),
    );
    const ds = new NumpySlicesDataset({ y: Int32Array.of(1) }, { shuffle: false });
    const failing = webFeed(Worker, { plan: planOf(ds), epoch: 0, skip: 0, endEpoch: 0, depth: 2 });
    (made.at(-1) as StandIn).emit('error', { message: 'SyntaxError in datasetWorker.js' });
    await expect(failing.next()).rejects.toThrow(
      'the dataset worker failed (SyntaxError in datasetWorker.js) (raised in the dataset worker)',
    );
    const idle = webFeed(Worker, { plan: planOf(ds), epoch: 0, skip: 0, endEpoch: 0, depth: 2 });
    const pending = idle.next();
    idle.close();
    await expect(pending).rejects.toThrow('the dataset worker was closed');
  });
});
