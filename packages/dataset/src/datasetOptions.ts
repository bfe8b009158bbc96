/**
 * The options objects of `Dataset`'s operations and iterators, and their key lists.
 */
import type { OptionKeys } from '@mindts/tensor';
import type { Dataset } from './dataset.js';
import type { DatasetIterator } from './datasetIterator.js';
import type { HostArray } from './hostArray.js';

/**
 * Options of {@link Dataset.map}.
 * @example
 * dataset.map((x, y) => [x, y], ['a', 'b'], { outputColumns: ['a', 'b'] });
 */
export interface MapOptions {
  /** Names of the columns the operations produce (default: the input columns). */
  outputColumns?: string | string[];
}

/**
 * Options of {@link Dataset.batch}.
 * @example
 * dataset.batch(32, { dropRemainder: true });
 */
export interface BatchOptions {
  /** Leave out a last batch smaller than `batchSize` (default false). */
  dropRemainder?: boolean;
}

/**
 * Options of {@link Dataset.split}.
 * @example
 * dataset.split([0.8, 0.2], { randomize: false });
 */
export interface SplitOptions {
  /** Pick each part's rows at random (default true, seeded by `config.setSeed`); else consecutive rows. */
  randomize?: boolean;
}

/**
 * Options of {@link Dataset.createTupleIterator}.
 * @example
 * dataset.createTupleIterator({ columns: ['label'], numEpochs: 1, outputNumpy: true });
 * dataset.createTupleIterator({ numParallelWorkers: 1 }); // a worker thread prepares the batches
 */
export interface TupleIteratorOptions {
  /** Which columns, in which order (default: all, in the dataset's order). */
  columns?: string | string[];
  /** How many epochs the iterator runs (default -1: no limit). */
  numEpochs?: number;
  /** Hand out {@link HostArray}s (MindSpore's NumPy arrays) instead of Tensors (default false). */
  outputNumpy?: boolean;
  /**
   * 1: a worker thread runs the pipeline ahead of the loop; 0: the main thread does (default:
   * `config.getNumParallelWorkers()`, 0 unless set). See {@link DatasetIterator}.
   */
  numParallelWorkers?: number;
}

/**
 * Options of {@link Dataset.createDictIterator}.
 * @example
 * dataset.createDictIterator({ numEpochs: 1 });
 */
export interface DictIteratorOptions {
  /** How many epochs the iterator runs (default -1: no limit). */
  numEpochs?: number;
  /** Hand out {@link HostArray}s instead of Tensors (default false). */
  outputNumpy?: boolean;
  /** A worker thread (1) or the main thread (0) runs the pipeline; as in {@link TupleIteratorOptions}. */
  numParallelWorkers?: number;
}

export const MAP_KEYS: OptionKeys<MapOptions> = { outputColumns: true };
export const BATCH_KEYS: OptionKeys<BatchOptions> = { dropRemainder: true };
export const SPLIT_KEYS: OptionKeys<SplitOptions> = { randomize: true };
export const TUPLE_KEYS: OptionKeys<TupleIteratorOptions> = { columns: true, numEpochs: true, outputNumpy: true, numParallelWorkers: true };
export const DICT_KEYS: OptionKeys<DictIteratorOptions> = { numEpochs: true, outputNumpy: true, numParallelWorkers: true };
