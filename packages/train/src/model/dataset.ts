/**
 * What `Model` accepts as a dataset, by duck typing, until `@mindts/dataset` pipelines exist
 * everywhere: anything with MindSpore's `createTupleIterator()`, a function returning a fresh
 * iterable per epoch, or an iterable (sync or async). Each element is a batch: an array of
 * Tensors (`[data, label]`) or an object of Tensors (`{ images, labels }`, its values in order).
 */
import { describeType, Tensor } from '@mindts/tensor';

/**
 * One batch: its columns as an array, or an object whose values (in key order) are the columns,
 * all Tensors (checked when the batch is read; typed `object` so that interfaces such as
 * `@mindts/datasets`' `Batch` fit without an index signature).
 * @example
 * const batch: DatasetElement = { images, labels }; // columns [images, labels]
 */
export type DatasetElement = readonly Tensor[] | object;

/** A sync or async iterable of batches. */
type Batches = Iterable<DatasetElement> | AsyncIterable<DatasetElement>;

/**
 * What `Model.train`, `eval` and `fit` take as data:
 * - an object with `createTupleIterator()` (MindSpore's datasets, `@mindts/dataset`), called once
 *   per epoch; its `getDatasetSize()`, when present, gives `batchNum`;
 * - a function `(epoch) => iterable`, called once per epoch (from 0), e.g.
 *   `(e) => batches(images, labels, 64, { shuffle: true, seed: e })`;
 * - an iterable, sync or async (an array of batches, a generator). A generator can be iterated
 *   once only: for several epochs, pass a function that makes a new one.
 * @example
 * const data: Dataset = (epoch) => batches(images, labels, 32, { shuffle: true, seed: epoch });
 */
export type Dataset =
  | {
      /** A fresh iterator over one epoch's batches (MindSpore's `create_tuple_iterator()`). */
      createTupleIterator(): Batches | Iterator<DatasetElement> | AsyncIterator<DatasetElement>;
      /** Batches per epoch, when known (MindSpore's `get_dataset_size()`). */
      getDatasetSize?(): number;
    }
  | ((epoch: number) => Batches)
  | Batches;

/** The columns of one batch. */
export function columnsOf(element: unknown, where: string): Tensor[] {
  if (element instanceof Tensor) return [element];
  const values = Array.isArray(element) ? element : element !== null && typeof element === 'object' ? Object.values(element) : null;
  if (!values || values.length === 0 || !values.every((v) => v instanceof Tensor)) {
    throw new TypeError(
      `For '${where}', each dataset element must be an array or an object of Tensors ([data, label] or { images, labels }), but got ${describeType(element)}.`,
    );
  }
  return values as Tensor[];
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** An iterator (with `next`) wrapped as an async iterable. */
function fromIterator(it: Iterator<unknown> | AsyncIterator<unknown>): AsyncIterable<unknown> {
  return { [Symbol.asyncIterator]: () => it as AsyncIterator<unknown> };
}

/** The batches of one epoch (`epoch` from 0), checked. */
export function epochBatches(dataset: unknown, epoch: number, where: string): Iterable<unknown> | AsyncIterable<unknown> {
  let source: unknown = dataset;
  if (
    source !== null &&
    typeof source === 'object' &&
    typeof (source as { createTupleIterator?: unknown }).createTupleIterator === 'function'
  ) {
    source = (source as { createTupleIterator(): unknown }).createTupleIterator();
  } else if (typeof source === 'function') {
    source = (source as (e: number) => unknown)(epoch);
  }
  if (isAsyncIterable(source) || isIterable(source)) return source;
  if (source !== null && typeof source === 'object' && typeof (source as Iterator<unknown>).next === 'function') {
    return fromIterator(source as Iterator<unknown>);
  }
  throw new TypeError(
    `For '${where}', the dataset must have createTupleIterator(), be a function returning an iterable, or be an iterable of batches, but got ${describeType(source)}.`,
  );
}

/** The number of batches of `dataset` when it can be known before iterating. */
export function datasetSize(dataset: unknown): number | undefined {
  if (Array.isArray(dataset)) return dataset.length;
  const size = (dataset as { getDatasetSize?: unknown } | null)?.getDatasetSize;
  if (typeof size === 'function') {
    const n = size.call(dataset);
    if (typeof n === 'number' && n >= 0) return n;
  }
  return undefined;
}

/** Whether iterating `dataset` again gives nothing new (a generator or another one-shot iterator). */
export function isOneShot(dataset: unknown): boolean {
  if (dataset === null || typeof dataset !== 'object') return false;
  const it = dataset as { [Symbol.iterator]?: () => unknown; [Symbol.asyncIterator]?: () => unknown };
  return it[Symbol.iterator]?.() === dataset || it[Symbol.asyncIterator]?.() === dataset;
}
