/**
 * The iterators `createTupleIterator` and `createDictIterator` return: epochs, ownership of the
 * tensors they hand out, and prefetching for `for await`.
 */
import type { Tensor } from '@mindts/tensor';
import { isDisposed, isKept } from '@mindts/tensor/backend';
import { type HostArray, toTensor } from './hostArray.js';
import type { Pipeline, Row } from './pipeline.js';
import { checkWorkers, pipelineState } from './seedState.js';
import type { Plan } from './worker/plan.js';
import { type DatasetIteratorExplanation, explainWorker } from './worker/explainWorker.js';
import { type FeedItem, openFeed, type WorkerFeed } from './worker/workerFeed.js';

/** Runs `fn` once the event loop is free (after pending I/O and timers' turn), not as a microtask. */
const later: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (fn) => void globalThis.setImmediate(fn) : (fn) => void setTimeout(fn, 0);

/** Closes the worker of an iterator that was dropped without finishing, `break` or `stop()`. */
const forgotten = new FinalizationRegistry<{ feed?: WorkerFeed }>((held) => held.feed?.close());

/**
 * An iterator over a dataset's rows (or batches), MindSpore's `TupleIterator`/`DictIterator`.
 * One pass of `for … of` (or `for await … of`) is one epoch; the next pass starts the next epoch,
 * up to `numEpochs` (-1: no limit), past which a pass is an error. `next()` is the JavaScript
 * iterator step: it reports `done` at the end of each epoch, and the call after starts the next.
 *
 * Ownership: the Tensors of each item live until the iterator hands out the next item, and until
 * the pass ends (normally, by `break` or by an error); `keep()` a tensor to hold it longer (it is
 * then yours to dispose). So a plain training loop allocates nothing that outlives a step.
 *
 * `for await` prefetches: after handing out an item it prepares up to `config.getPrefetchSize()`
 * more rows or batches (source, `map`, `batch` work) on the main thread whenever the event loop
 * is free, that is while the loop body awaits (a GPU read-back, I/O); tensors are still made only
 * when an item is handed out.
 *
 * With `numParallelWorkers: 1` (an iterator option, or `config.setNumParallelWorkers(1)`), a worker
 * thread (Node's `worker_threads`, a browser's Web Worker) runs the whole pipeline instead,
 * `config.getPrefetchSize()` items ahead, while the training step runs, for sync and async loops
 * in Node and for `for await` in a browser. The items and their order are the same as on the main
 * thread. Only a pipeline made of data can move: `NumpySlicesDataset` and `MnistDataset` sources
 * (their arrays are copied to the worker when it starts), the built-in transforms, `batch`,
 * `shuffle`, `repeat`, `take`, `skip`, `split` and `project`. A `map` with a function or a
 * `GeneratorDataset` runs user code, which a worker cannot receive: such a pipeline stays on the
 * main thread and {@link DatasetIterator.explain} says why. The worker stops when the last epoch is
 * done, on `break` (a later pass starts a new one, which remakes and drops the items already
 * handed out of that epoch), on `stop()`, and when the iterator is garbage-collected; an error in
 * the worker is thrown by the `next()` that would have handed out the item, as the same kind of
 * error, its message ending in "(raised in the dataset worker)".
 * @example
 * const it = dataset.createTupleIterator({ numEpochs: 2 });
 * for (let epoch = 0; epoch < 2; epoch++) {
 *   for (const [data, label] of it) trainStep(data, label);
 * }
 */
export class DatasetIterator<T> implements IterableIterator<T>, AsyncIterable<T> {
  private epoch = 0;
  private source: Iterator<Row> | undefined;
  private exhausted = false;
  private readonly ahead: Row[] = [];
  private failure: { error: unknown } | undefined;
  private fillScheduled = false;
  private handed: Tensor[] = [];
  private stopped = false;
  /** Items handed out in the current epoch (where a restarted worker resumes). */
  private position = 0;
  /** The running worker, held where the FinalizationRegistry can close it. */
  private readonly held: { feed?: WorkerFeed } = {};
  private readonly explanation: DatasetIteratorExplanation;

  /**
   * Made by `createTupleIterator` and `createDictIterator`: `indices` picks the columns, `shape`
   * turns a row's values into an item.
   * @example
   * const it = dataset.createTupleIterator();
   */
  constructor(
    private readonly pipeline: Pipeline,
    private readonly indices: readonly number[],
    private readonly numEpochs: number,
    private readonly shape: (values: Array<Tensor | HostArray>) => T,
    private readonly outputNumpy: boolean,
    numParallelWorkers = 0,
  ) {
    if (typeof (pipeline as Partial<Pipeline> | null)?.rows !== 'function') {
      throw new TypeError(
        `DatasetIterator: pipeline must be a Pipeline (an object with rows(epoch)), but got ${pipeline === null ? 'null' : typeof pipeline}.`,
      );
    }
    this.explanation = explainWorker(pipeline, checkWorkers(numParallelWorkers, 'DatasetIterator'));
    forgotten.register(this, this.held);
  }

  /**
   * Where the pipeline runs: in a worker thread, or on the main thread, and why.
   * @example
   * dataset.createTupleIterator({ numParallelWorkers: 1 }).explain();
   * // { worker: true, reason: 'numParallelWorkers is 1: a worker thread runs the pipeline, …' }
   */
  explain(): DatasetIteratorExplanation {
    return this.explanation;
  }

  /**
   * The next item of the current epoch, or `done` at its end (the call after starts the next
   * epoch). Frees the tensors of the item handed out before, unless kept.
   * @example
   * const first = dataset.createTupleIterator().next().value; // [data, label]
   */
  next(): IteratorResult<T, undefined> {
    this.release();
    if (this.stopped) throw new Error('DatasetIterator: the iterator was stopped; create a new one.');
    if (this.explanation.worker) return this.fromWorker(() => this.feed().nextSync());
    if (!this.source) this.startEpoch();
    const row = this.pull();
    if (row === undefined) {
      this.source = undefined;
      this.exhausted = false;
      this.epoch++;
      return { done: true, value: undefined };
    }
    return { done: false, value: this.output(row) };
  }

  /**
   * Ends the current pass early (what `break` calls): frees the item handed out last. The epoch
   * is not over: the next pass goes on from the following item, as MindSpore's iterator does.
   * @example
   * for (const [x] of it) if (done(x)) break; // the last item is freed
   */
  return(): IteratorResult<T, undefined> {
    this.release();
    this.closeFeed();
    return { done: true, value: undefined };
  }

  /**
   * Stops the iterator (MindSpore's `stop()`): frees the item handed out last and drops the
   * prepared ones; a later `next()` is an error.
   * @example
   * it.stop();
   */
  stop(): void {
    this.release();
    this.closeFeed();
    this.stopped = true;
    this.source = undefined;
    this.ahead.length = 0;
  }

  /**
   * Itself: `for (const item of it)` runs one epoch.
   * @example
   * for (const [data, label] of it) step(data, label);
   */
  [Symbol.iterator](): this {
    return this;
  }

  /**
   * One epoch for `for await`, preparing the following items ahead while the loop awaits.
   * @example
   * for await (const [data, label] of it) await step(data, label);
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: async () => {
        if (this.explanation.worker && !this.stopped) {
          this.release();
          const feed = this.feed();
          return this.fromWorker(() => feed.next());
        }
        const result = this.next();
        if (!result.done) this.scheduleFill();
        return result;
      },
      return: async () => this.return(),
    };
  }

  /** The running worker, started (at the current epoch and position) when there is none. */
  private feed(): WorkerFeed {
    if (this.held.feed) return this.held.feed;
    this.checkEpochs();
    const support = this.pipeline.worker as { plan: () => Plan };
    this.held.feed = openFeed({
      plan: support.plan(),
      epoch: this.epoch,
      skip: this.position,
      endEpoch: this.numEpochs === -1 ? Number.POSITIVE_INFINITY : this.numEpochs,
      depth: pipelineState.prefetchSize,
    });
    return this.held.feed;
  }

  private closeFeed(): void {
    this.held.feed?.close();
    this.held.feed = undefined;
  }

  /** The result of the worker's next item; an error closes the worker (a later call restarts it). */
  private fromWorker(get: () => FeedItem): IteratorResult<T, undefined>;
  private fromWorker(get: () => Promise<FeedItem>): Promise<IteratorResult<T, undefined>>;
  private fromWorker(get: () => FeedItem | Promise<FeedItem>): IteratorResult<T, undefined> | Promise<IteratorResult<T, undefined>> {
    const settle = (item: FeedItem): IteratorResult<T, undefined> => {
      if ('row' in item) {
        this.position++;
        return { done: false, value: this.output(item.row) };
      }
      this.epoch++;
      this.position = 0;
      if (this.numEpochs !== -1 && this.epoch >= this.numEpochs) this.closeFeed();
      return { done: true, value: undefined };
    };
    const fail = (error: unknown): never => {
      this.closeFeed();
      throw error;
    };
    let got: FeedItem | Promise<FeedItem>;
    try {
      got = get();
    } catch (error) {
      return fail(error);
    }
    return got instanceof Promise ? got.then(settle, fail) : settle(got);
  }

  private checkEpochs(): void {
    if (this.numEpochs !== -1 && this.epoch >= this.numEpochs) {
      throw new RangeError(
        `DatasetIterator: all ${this.numEpochs} epoch${this.numEpochs === 1 ? '' : 's'} of numEpochs were iterated; pass a larger numEpochs (or -1) to iterate again.`,
      );
    }
  }

  private startEpoch(): void {
    this.checkEpochs();
    this.source = this.pipeline.rows(this.epoch);
    this.exhausted = false;
  }

  private pull(): Row | undefined {
    if (this.ahead.length > 0) return this.ahead.shift();
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
    if (this.exhausted || !this.source) return undefined;
    const r = this.source.next();
    if (r.done) {
      this.exhausted = true;
      return undefined;
    }
    return r.value;
  }

  private scheduleFill(): void {
    if (this.fillScheduled) return;
    this.fillScheduled = true;
    later(() => {
      this.fillScheduled = false;
      try {
        while (this.source && !this.exhausted && !this.failure && this.ahead.length < pipelineState.prefetchSize) {
          const r = this.source.next();
          if (r.done) this.exhausted = true;
          else this.ahead.push(r.value);
        }
      } catch (error) {
        // Reported by the `next()` that would have produced the row.
        this.failure = { error };
        this.exhausted = true;
      }
    });
  }

  private output(row: Row): T {
    const values = this.indices.map((i) => row[i] as HostArray);
    // A worker's row views its shared slots, which it rewrites later: arrays handed out are copies.
    if (this.outputNumpy) return this.shape(values.map((v) => (v.data.buffer instanceof ArrayBuffer ? v : { ...v, data: v.data.slice() })));
    const tensors = values.map(toTensor);
    this.handed = tensors;
    return this.shape(tensors);
  }

  private release(): void {
    for (const t of this.handed) if (!isDisposed(t) && !isKept(t)) t.dispose();
    this.handed = [];
  }
}
