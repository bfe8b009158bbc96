/**
 * The iterators `createTupleIterator` and `createDictIterator` return: epochs, ownership of the
 * tensors they hand out, and prefetching for `for await`.
 */
import type { Tensor } from '@mindts/tensor';
import { isDisposed, isKept } from '@mindts/tensor/backend';
import { type HostArray, toTensor } from './hostArray.js';
import type { Pipeline, Row } from './pipeline.js';
import { pipelineState } from './seedState.js';

/** Runs `fn` once the event loop is free (after pending I/O and timers' turn), not as a microtask. */
const later: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (fn) => void globalThis.setImmediate(fn) : (fn) => void setTimeout(fn, 0);

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
 * when an item is handed out. It runs no worker threads.
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
  ) {}

  /**
   * The next item of the current epoch, or `done` at its end (the call after starts the next
   * epoch). Frees the tensors of the item handed out before, unless kept.
   * @example
   * const first = dataset.createTupleIterator().next().value; // [data, label]
   */
  next(): IteratorResult<T, undefined> {
    this.release();
    if (this.stopped) throw new Error('DatasetIterator: the iterator was stopped; create a new one.');
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
        const result = this.next();
        if (!result.done) this.scheduleFill();
        return result;
      },
      return: async () => this.return(),
    };
  }

  private startEpoch(): void {
    if (this.numEpochs !== -1 && this.epoch >= this.numEpochs) {
      throw new RangeError(
        `DatasetIterator: all ${this.numEpochs} epoch${this.numEpochs === 1 ? '' : 's'} of numEpochs were iterated; pass a larger numEpochs (or -1) to iterate again.`,
      );
    }
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
    if (this.outputNumpy) return this.shape(values);
    const tensors = values.map(toTensor);
    this.handed = tensors;
    return this.shape(tensors);
  }

  private release(): void {
    for (const t of this.handed) if (!isDisposed(t) && !isKept(t)) t.dispose();
    this.handed = [];
  }
}
