/**
 * The lazy pipeline behind every Dataset: named columns and, per epoch, a fresh generator of
 * rows of host arrays. Each operation wraps its parent's pipeline in a new one; nothing runs until
 * an iterator pulls a row.
 */
import type { Dataset } from './dataset.js';
import type { HostArray } from './hostArray.js';
import type { WorkerSupport } from './worker/plan.js';

/**
 * One row (or batch): a value per column, in the pipeline's column order.
 * @example
 * const row: Row = [{ data: new Float32Array([1, 2]), shape: [2], dtype: 'float32' }];
 */
export type Row = readonly HostArray[];

/**
 * A stage of a pipeline, what a {@link Dataset} reads from: its columns, its size when known, and
 * a fresh generator of rows per epoch. A custom source passes one to `Dataset`'s constructor.
 * @example
 * const counting: Pipeline = {
 *   columns: ['i'],
 *   knownSize: () => 3,
 *   *rows() {
 *     for (let i = 0; i < 3; i++) yield [{ data: Int32Array.of(i), shape: [], dtype: 'int32' }];
 *   },
 *   batchSize: 1,
 *   repeatCount: 1,
 * };
 * new Dataset(counting).getDatasetSize(); // 3
 */
export interface Pipeline {
  /** Column names, in row order. */
  readonly columns: readonly string[];
  /** Rows per epoch when known without running the pipeline (Infinity for an endless repeat). */
  knownSize(): number | undefined;
  /**
   * The rows of one epoch (0, 1, …): random stages draw a new, repeatable order per epoch. Each
   * call starts the stage over.
   */
  rows(epoch: number): Iterator<Row>;
  /** `batch`'s size (1 before any batch) and the product of the `repeat` counts, for the getters. */
  readonly batchSize: number;
  readonly repeatCount: number;
  /**
   * How a worker thread can rebuild this stage (`numParallelWorkers: 1`), or why it cannot. The
   * built-in sources and operations set it; a custom Pipeline leaves it out and runs on the main thread.
   */
  readonly worker?: WorkerSupport;
}

/** Rows per epoch, counting them by running epoch 0 when no stage knows it. */
export function sizeOf(pipeline: Pipeline): number {
  const known = pipeline.knownSize();
  if (known !== undefined) return known;
  let n = 0;
  const it = pipeline.rows(0);
  while (!it.next().done) n++;
  return n;
}

/** `where`: `name` must be an integer ≥ `min`. */
export function checkInt(value: unknown, name: string, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, but got ${typeof value === 'number' ? value : typeof value}.`);
  }
  return value;
}

/** Column names as a list: one string or an array of strings, none repeated, none empty. */
export function columnList(value: unknown, name: string, where: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== 'string' || c === '')) {
    throw new TypeError(`${where}: ${name} must be a column name or a non-empty array of column names, but got ${JSON.stringify(value)}.`);
  }
  const seen = new Set<string>();
  for (const c of list as string[]) {
    if (seen.has(c)) throw new RangeError(`${where}: ${name} names the column '${c}' twice.`);
    seen.add(c);
  }
  return list as string[];
}

/** The index of each of `names` in `columns`, or an error naming the missing one. */
export function columnIndices(columns: readonly string[], names: readonly string[], name: string, where: string): number[] {
  return names.map((c) => {
    const i = columns.indexOf(c);
    if (i < 0)
      throw new RangeError(`${where}: ${name} names the column '${c}', which the dataset does not have (it has ${columns.join(', ')}).`);
    return i;
  });
}
