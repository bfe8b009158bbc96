/**
 * Mini-batches: consecutive (or seeded-shuffled) rows of an images tensor and its labels.
 */
import { checkOptions, describeType, fromValues, Tensor, type Values } from '@mindts/tensor';
import { isDisposed, isKept } from '@mindts/tensor/backend';
import { permutation } from './random.js';

/**
 * Options of {@link batches}.
 * @example
 * batches(images, labels, 64, { shuffle: true, seed: epoch });
 */
export interface BatchOptions {
  /** Visit the rows in an order drawn from `seed` (default false: in order). */
  shuffle?: boolean;
  /** Seeds the shuffle (default 0); pass a new one each epoch for a new order. */
  seed?: number;
  /** Leave out a last batch smaller than `batchSize` (default false). */
  dropRemainder?: boolean;
}

/**
 * One mini-batch: `images` `[b, ...]` and `labels` `[b, ...]`, new tensors that live until the next
 * batch is handed out (or the iteration ends); `keep()` one to hold it longer.
 * @example
 * for (const { images, labels } of batches(x, y, 64)) step(images, labels);
 */
export interface Batch {
  readonly images: Tensor;
  readonly labels: Tensor;
}

/**
 * How many batches {@link batches} yields for `n` rows.
 * @example
 * batchCount(2000, 64); // 32
 * batchCount(2000, 64, true); // 31
 */
export function batchCount(n: number, batchSize: number, dropRemainder = false): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`batchCount: n must be a non-negative integer, but got ${String(n)}.`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchCount: batchSize must be a positive integer, but got ${String(batchSize)}.`);
  }
  return dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

type ArrayCtor = new (length: number) => Values;

function rowsOf(values: Values, rows: ArrayLike<number>, rowSize: number): Values {
  const out = new (values.constructor as ArrayCtor)(rows.length * rowSize);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(values.subarray(r * rowSize, (r + 1) * rowSize) as never, i * rowSize);
  }
  return out;
}

function* generate(images: Tensor, labels: Tensor, batchSize: number, options: BatchOptions): Generator<Batch, void, undefined> {
  const n = images.shape[0] as number;
  const rowSize = n === 0 ? 0 : images.size / n;
  const labelSize = n === 0 ? 0 : labels.size / n;
  // One read per pass: the rows are copied on the host, where the data came from.
  const x = images.dataSync();
  const y = labels.dataSync();
  const order = options.shuffle ? permutation(n, options.seed ?? 0) : null;
  const count = batchCount(n, batchSize, options.dropRemainder ?? false);
  let handed: Batch | undefined;
  try {
    for (let b = 0; b < count; b++) {
      const start = b * batchSize;
      const end = Math.min(start + batchSize, n);
      const rows = order ? order.subarray(start, end) : Int32Array.from({ length: end - start }, (_, i) => start + i);
      release(handed);
      handed = {
        images: fromValues(rowsOf(x, rows, rowSize), [end - start, ...images.shape.slice(1)], images.dtype),
        labels: fromValues(rowsOf(y, rows, labelSize), [end - start, ...labels.shape.slice(1)], labels.dtype),
      };
      yield handed;
    }
  } finally {
    // The loop ended, broke or threw: the last batch goes too.
    release(handed);
  }
}

/** Frees a batch handed out earlier, unless the caller kept (or already disposed) its tensors. */
function release(batch: Batch | undefined): void {
  for (const t of batch ? [batch.images, batch.labels] : []) if (!isDisposed(t) && !isKept(t)) t.dispose();
}

/**
 * Splits `images` `[n, ...]` and `labels` `[n]` (or `[n, ...]`: one row of labels per image, such
 * as the next-character targets of a word) into mini-batches of `batchSize` rows (the last
 * one smaller unless `dropRemainder`), in order or shuffled by `seed`. The data is read once when
 * iteration starts. Each batch is a pair of new tensors that the iterator frees when it hands out
 * the next one and when the iteration ends (as MindSpore's dataset iterators own their batches),
 * so a plain loop needs no `dispose`; `keep()` a batch's tensors to hold them longer (then they are
 * yours to dispose). Arguments are checked at the call, not at the first batch.
 * @example
 * const { images, labels } = loadMnist({ limit: 256 });
 * for (const batch of batches(images, labels, 64, { shuffle: true, seed: 1 })) {
 *   batch.images.shape; // [64, 784]
 * }
 */
export function batches(images: Tensor, labels: Tensor, batchSize: number, options: BatchOptions = {}): Generator<Batch, void, undefined> {
  checkOptions<BatchOptions>(options, 'batches', { shuffle: true, seed: true, dropRemainder: true });
  for (const key of ['shuffle', 'dropRemainder'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean')
      throw new TypeError(`batches: options.${key} must be a boolean, but got ${describeType(v)}.`);
  }
  for (const [name, t] of [
    ['images', images],
    ['labels', labels],
  ] as const) {
    if (!(t instanceof Tensor) || t.isDisposed) {
      throw new TypeError(
        `batches: ${name} must be a live Tensor, but got ${t instanceof Tensor ? 'a disposed Tensor' : describeType(t)}.`,
      );
    }
  }
  if (images.rank < 1) throw new RangeError('batches: images must have a batch dimension, but got a scalar.');
  if (labels.rank < 1 || labels.shape[0] !== images.shape[0]) {
    throw new RangeError(
      `batches: labels must be [${images.shape[0]}] or [${images.shape[0]}, ...] to match images [${images.shape.join(', ')}], but got [${labels.shape.join(', ')}].`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batches: batchSize must be a positive integer, but got ${String(batchSize)}.`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new TypeError(`batches: seed must be an integer, but got ${String(options.seed)}.`);
  }
  return generate(images, labels, batchSize, options);
}
