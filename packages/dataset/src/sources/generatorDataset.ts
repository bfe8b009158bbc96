/**
 * `GeneratorDataset`: a dataset from user code, MindSpore's `mindspore.dataset.GeneratorDataset`.
 */
import { Dataset } from '../dataset.js';
import { type ColumnValue, toHostArray } from '../hostArray.js';
import type { Pipeline, Row } from '../pipeline.js';
import { stageSeed } from '../seedState.js';
import { randomAccessPipeline } from './randomAccessPipeline.js';
import { type SourceOptions, sourceOptions } from './sourceOptions.js';

/**
 * A source that reads rows by index (MindSpore's random-accessible source, `__getitem__` and
 * `__len__`): `length` rows, `getItem(i)` returning row `i`.
 * @example
 * const source: RandomAccessSource = { length: 3, getItem: (i) => [[i, i], i % 2] };
 */
export interface RandomAccessSource {
  readonly length: number;
  /** Row `index`, for `0 <= index < length`. */
  getItem(index: number): GeneratorRow;
}

/**
 * A row from a source: an array with a value per column (Tensors, typed arrays, numbers, nested
 * arrays); a bare value when there is one column.
 * @example
 * const row: GeneratorRow = [new Float32Array([0.5, 1]), 3]; // data, label
 */
export type GeneratorRow = readonly ColumnValue[] | ColumnValue;

/**
 * What {@link GeneratorDataset} reads: a generator function (called once per epoch), an iterable
 * (iterated once per epoch), an array of rows, or a {@link RandomAccessSource}.
 * @example
 * const source: GeneratorSource = function* () { for (let i = 0; i < 4; i++) yield [[i, i + 1], i % 2]; };
 */
export type GeneratorSource = (() => Iterator<GeneratorRow> | Iterable<GeneratorRow>) | Iterable<GeneratorRow> | RandomAccessSource;

const WHERE = 'GeneratorDataset';
const WORKER_REASON =
  'GeneratorDataset reads its rows through user code (a function, an iterable or getItem), which a worker cannot receive';

function toRow(item: GeneratorRow, columns: readonly string[], index: number): Row {
  const values = columns.length === 1 && !(Array.isArray(item) && item.length === 1) ? [item as ColumnValue] : item;
  if (!Array.isArray(values) || values.length !== columns.length) {
    throw new RangeError(
      `${WHERE}: row ${index} must hold ${columns.length} values (${columns.join(', ')}), but got ${Array.isArray(values) ? `${values.length} values` : typeof values}.`,
    );
  }
  return values.map((v, k) => toHostArray(v as ColumnValue, `${WHERE}: row ${index}, column '${columns[k]}'`));
}

function isRandomAccess(source: unknown): source is RandomAccessSource | readonly GeneratorRow[] {
  if (Array.isArray(source)) return true;
  const s = source as RandomAccessSource;
  return typeof s === 'object' && s !== null && typeof s.getItem === 'function' && 'length' in s;
}

function sourceLength(source: RandomAccessSource | readonly GeneratorRow[]): number {
  const n = source.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${WHERE}: source.length must be a non-negative integer, but got ${String(n)}.`);
  return n;
}

function iterablePipeline(
  source: (() => unknown) | Iterable<GeneratorRow>,
  columns: readonly string[],
  numSamples: number | undefined,
): Pipeline {
  let used = false;
  const open = (): Iterator<GeneratorRow> => {
    const made = typeof source === 'function' ? source() : source;
    const it = made as Iterator<GeneratorRow> & Partial<Iterable<GeneratorRow>>;
    const iterate = it?.[Symbol.iterator];
    if (typeof iterate !== 'function') {
      if (typeof it?.next === 'function') return it;
      throw new TypeError(`${WHERE}: the source function must return an iterator or an iterable, but returned ${typeof made}.`);
    }
    const iterator = iterate.call(it);
    // A generator object iterates once: a second epoch would silently be empty.
    if (typeof source !== 'function' && iterator === (source as unknown)) {
      if (used)
        throw new Error(
          `${WHERE}: the source is an iterator, already used up by an earlier epoch; pass the generator function (called each epoch) or an iterable.`,
        );
      used = true;
    }
    return iterator;
  };
  return {
    columns,
    knownSize: () => undefined,
    batchSize: 1,
    repeatCount: 1,
    *rows() {
      const it = open();
      const limit = numSamples ?? Number.POSITIVE_INFINITY;
      for (let i = 0; i < limit; i++) {
        const r = it.next();
        if (r.done) return;
        yield toRow(r.value, columns, i);
      }
    },
  };
}

/**
 * A dataset whose rows come from user code (MindSpore's `GeneratorDataset(source, column_names,
 * …)`): a generator function (called each epoch), an iterable, an array of rows, or a
 * random-access object (`length` and `getItem(i)`). Each row is an array with a value per
 * column. A random-access source is shuffled by default (a new order each epoch, seeded by
 * `config.setSeed`), as in MindSpore; `shuffle` on an iterable source is an error.
 * Column names go second, or in the options.
 * @example
 * const ds = new GeneratorDataset(function* () {
 *   for (let i = 0; i < 6; i++) yield [[i, 2 * i], i % 2];
 * }, ['data', 'label']);
 * ds.getDatasetSize(); // 6
 */
export class GeneratorDataset extends Dataset {
  constructor(source: GeneratorSource, columnNames: string | string[], options?: Omit<SourceOptions, 'columnNames'>);
  constructor(source: GeneratorSource, options: SourceOptions);
  constructor(source: GeneratorSource, second: string | string[] | SourceOptions, third?: Omit<SourceOptions, 'columnNames'>) {
    const { columnNames, shuffle, numSamples } = sourceOptions(second, third, WHERE);
    if (!columnNames) throw new TypeError(`${WHERE}: columnNames is required (the second argument or an option).`);
    let pipeline: Pipeline;
    if (isRandomAccess(source)) {
      const getItem = Array.isArray(source)
        ? (i: number) => source[i] as GeneratorRow
        : (i: number) => (source as RandomAccessSource).getItem(i);
      pipeline = randomAccessPipeline({
        columns: columnNames,
        length: () => sourceLength(source),
        row: (i) => toRow(getItem(i), columnNames, i),
        seed: (shuffle ?? true) ? stageSeed() : undefined,
        numSamples,
      });
    } else if (typeof source === 'function' || typeof (source as Iterable<GeneratorRow>)?.[Symbol.iterator] === 'function') {
      if (shuffle)
        throw new TypeError(
          `${WHERE}: shuffle needs a random-access source (an array, or length and getItem); shuffle an iterable source with dataset.shuffle(bufferSize).`,
        );
      pipeline = iterablePipeline(source as (() => unknown) | Iterable<GeneratorRow>, columnNames, numSamples);
    } else {
      throw new TypeError(
        `${WHERE}: source must be a generator function, an iterable, an array or an object with length and getItem, but got ${source === null ? 'null' : typeof source}.`,
      );
    }
    // User code cannot be sent to a worker thread: the pipeline says so rather than failing later.
    super({ ...pipeline, worker: { reason: WORKER_REASON } });
  }
}
