/**
 * `Dataset`: MindSpore's `mindspore.dataset.Dataset`, the lazy pipeline every source returns,
 * with its operations, getters and iterators.
 */
import { checkArity, checkOptions, type DType, type Tensor } from '@mindts/tensor';
import { permutation } from '@mindts/datasets';
import { DatasetIterator } from './datasetIterator.js';
import {
  BATCH_KEYS,
  type BatchOptions,
  DICT_KEYS,
  type DictIteratorOptions,
  MAP_KEYS,
  type MapOptions,
  SPLIT_KEYS,
  type SplitOptions,
  TUPLE_KEYS,
  type TupleIteratorOptions,
} from './datasetOptions.js';
import type { HostArray } from './hostArray.js';
import { batchPipeline } from './ops/batchPipeline.js';
import { mapPipeline, type Operation } from './ops/mapPipeline.js';
import { projectPipeline, rangePipeline, repeatPipeline, subsetPipeline } from './ops/rowPipelines.js';
import { shufflePipeline } from './ops/shufflePipeline.js';
import { splitSizes } from './ops/splitSizes.js';
import { checkInt, columnIndices, columnList, type Pipeline, sizeOf } from './pipeline.js';
import { checkWorkers, pipelineState, stageSeed } from './seedState.js';

function checkBool(value: unknown, name: string, where: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean')
    throw new TypeError(`${where}: ${name} must be a boolean, but got ${JSON.stringify(value)}.`);
  return value;
}

function workers(value: unknown, where: string): number {
  return value === undefined ? pipelineState.numParallelWorkers : checkWorkers(value, where);
}

function checkEpochs(value: unknown, where: string): number {
  if (value === undefined) return -1;
  if (value !== -1) checkInt(value, 'numEpochs', where, 1);
  return value as number;
}

/**
 * A dataset: named columns and rows, produced lazily by a source and the operations applied to
 * it (MindSpore's `mindspore.dataset.Dataset`). Every operation returns a new Dataset and leaves
 * this one as it was; nothing runs until an iterator pulls rows. Values travel as host arrays
 * ({@link HostArray}); an iterator turns each row or batch into Tensors as it hands it out.
 * @example
 * const ds = new NumpySlicesDataset({ x: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0] }, { shuffle: false });
 * for (const [x, y] of ds.batch(2)) console.log(x.shape, y.shape); // [2, 2] [2], then [1, 2] [1]
 */
export class Dataset implements Iterable<Tensor[]> {
  /** The lazy stage this dataset reads from. */
  protected readonly pipeline: Pipeline;

  /**
   * A dataset reading `pipeline`: sources pass theirs; each operation makes a Dataset around its own.
   * @example
   * new Dataset(pipeline).batch(2);
   */
  constructor(pipeline: Pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * Applies `operations` (one, or a list run in order) to the `inputColumns` of every row (default:
   * the first column); the outputs replace those columns, named `outputColumns` (default: the input
   * columns' names). An operation is a function or a transform such as `transforms.TypeCast`.
   * @example
   * ds.map(new transforms.Rescale(1 / 255, 0), 'image');
   * ds.map((x) => [x, x], 'x', { outputColumns: ['x', 'copy'] });
   */
  map(operations: Operation | readonly Operation[], inputColumns?: string | string[], options?: MapOptions): Dataset {
    checkArity(arguments.length, 3, 'Dataset.map');
    const { outputColumns } = checkOptions<MapOptions>(options, 'Dataset.map', MAP_KEYS);
    const ops = Array.isArray(operations) ? (operations as readonly Operation[]) : [operations as Operation];
    if (ops.length === 0 || ops.some((op) => typeof op !== 'function' && typeof (op as { call?: unknown })?.call !== 'function')) {
      throw new TypeError('Dataset.map: operations must be a function, a transform (an object with call) or a non-empty array of them.');
    }
    const inputs =
      inputColumns === undefined ? [this.pipeline.columns[0] as string] : columnList(inputColumns, 'inputColumns', 'Dataset.map');
    const indices = columnIndices(this.pipeline.columns, inputs, 'inputColumns', 'Dataset.map');
    const outputs = outputColumns === undefined ? inputs : columnList(outputColumns, 'outputColumns', 'Dataset.map');
    for (const c of outputs) {
      if (!inputs.includes(c) && this.pipeline.columns.includes(c)) {
        throw new RangeError(`Dataset.map: outputColumns names '${c}', a column the dataset already has and the map does not replace.`);
      }
    }
    return new Dataset(mapPipeline(this.pipeline, ops, indices, outputs));
  }

  /**
   * Stacks `batchSize` consecutive rows into one: each column becomes `[batchSize, ...shape]`.
   * The last batch is smaller unless `dropRemainder`. Rows of a column must share shape and dtype.
   * @example
   * ds.batch(32, { dropRemainder: true });
   */
  batch(batchSize: number, options?: BatchOptions): Dataset {
    checkArity(arguments.length, 2, 'Dataset.batch');
    const { dropRemainder } = checkOptions<BatchOptions>(options, 'Dataset.batch', BATCH_KEYS);
    checkInt(batchSize, 'batchSize', 'Dataset.batch', 1);
    return new Dataset(batchPipeline(this.pipeline, batchSize, checkBool(dropRemainder, 'dropRemainder', 'Dataset.batch') ?? false));
  }

  /**
   * Shuffles rows through a buffer of `bufferSize` (≥ 2; at least the dataset size for a uniform
   * shuffle), a new order each epoch. Seeded by `config.setSeed` when set.
   * @example
   * config.setSeed(1);
   * ds.shuffle(1000);
   */
  shuffle(bufferSize: number): Dataset {
    checkArity(arguments.length, 1, 'Dataset.shuffle');
    checkInt(bufferSize, 'bufferSize', 'Dataset.shuffle', 2);
    return new Dataset(shufflePipeline(this.pipeline, bufferSize, stageSeed()));
  }

  /**
   * Repeats the dataset `count` times (default -1: without end); each repeat is a new epoch of
   * what comes before, so a shuffle before `repeat` draws a new order each time.
   * @example
   * ds.repeat(3);
   */
  repeat(count = -1): Dataset {
    checkArity(arguments.length, 1, 'Dataset.repeat');
    if (count !== -1) checkInt(count, 'count', 'Dataset.repeat', 1);
    return new Dataset(repeatPipeline(this.pipeline, count === -1 ? Number.POSITIVE_INFINITY : count));
  }

  /**
   * The first `count` rows (default -1: all of them).
   * @example
   * ds.take(10);
   */
  take(count = -1): Dataset {
    checkArity(arguments.length, 1, 'Dataset.take');
    if (count !== -1) checkInt(count, 'count', 'Dataset.take', 1);
    return new Dataset(rangePipeline(this.pipeline, 0, count === -1 ? Number.POSITIVE_INFINITY : count));
  }

  /**
   * All rows but the first `count`.
   * @example
   * ds.skip(10);
   */
  skip(count: number): Dataset {
    checkArity(arguments.length, 1, 'Dataset.skip');
    checkInt(count, 'count', 'Dataset.skip', 0);
    return new Dataset(rangePipeline(this.pipeline, count, Number.POSITIVE_INFINITY));
  }

  /**
   * Keeps `columns`, in that order.
   * @example
   * ds.project(['label', 'image']);
   */
  project(columns: string | string[]): Dataset {
    checkArity(arguments.length, 1, 'Dataset.project');
    const names = columnList(columns, 'columns', 'Dataset.project');
    return new Dataset(projectPipeline(this.pipeline, columnIndices(this.pipeline.columns, names, 'columns', 'Dataset.project')));
  }

  /**
   * Splits the rows into non-overlapping datasets: `sizes` are row counts adding up to the dataset
   * size, or fractions adding up to 1 (MindSpore's rounding). With `randomize` (default), each
   * part takes rows at random positions (seeded by `config.setSeed`), in the order they come;
   * else consecutive rows. Each part runs the whole pipeline before it and keeps its positions:
   * a shuffle before `split` gives each epoch's parts different rows (MindSpore advises against it).
   * @example
   * const [train, test] = ds.split([0.8, 0.2]);
   */
  split(sizes: number[], options?: SplitOptions): Dataset[] {
    checkArity(arguments.length, 2, 'Dataset.split');
    const { randomize } = checkOptions<SplitOptions>(options, 'Dataset.split', SPLIT_KEYS);
    const random = checkBool(randomize, 'randomize', 'Dataset.split') ?? true;
    const total = this.getDatasetSize();
    if (!Number.isFinite(total)) throw new RangeError('Dataset.split: the dataset repeats without end; split it before repeat.');
    const counts = splitSizes(sizes, total);
    const order = random ? permutation(total, stageSeed()) : Int32Array.from({ length: total }, (_, i) => i);
    let start = 0;
    return counts.map((n) => {
      const member = new Uint8Array(total);
      for (const p of order.subarray(start, start + n)) member[p] = 1;
      start += n;
      return new Dataset(subsetPipeline(this.pipeline, member));
    });
  }

  /**
   * Rows (or batches) per epoch; counted by running the pipeline once when the source cannot
   * tell (an iterable source), and `Infinity` after an endless `repeat`.
   * @example
   * new NumpySlicesDataset([1, 2, 3]).batch(2).getDatasetSize(); // 2
   */
  getDatasetSize(): number {
    return sizeOf(this.pipeline);
  }

  /**
   * The column names, in row order.
   * @example
   * ds.getColNames(); // ['image', 'label']
   */
  getColNames(): string[] {
    return [...this.pipeline.columns];
  }

  /**
   * The shape of each column, read from the first row (or batch) of an epoch; `[]` when the
   * dataset is empty. Runs the pipeline up to that row.
   * @example
   * new NumpySlicesDataset({ x: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0] }).batch(2).outputShapes(); // [[2, 2], [2]]
   */
  outputShapes(): number[][] {
    const first = this.pipeline.rows(0).next();
    return first.done ? [] : first.value.map((v) => [...v.shape]);
  }

  /**
   * The dtype of each column, read from the first row (or batch) of an epoch; `[]` when the
   * dataset is empty.
   * @example
   * new NumpySlicesDataset({ x: [[0.5, 2]], y: [1] }).outputTypes(); // ['float32', 'int32']
   */
  outputTypes(): DType[] {
    const first = this.pipeline.rows(0).next();
    return first.done ? [] : first.value.map((v) => v.dtype);
  }

  /**
   * The size of the last `batch` (1 when there is none).
   * @example
   * ds.batch(32).getBatchSize(); // 32
   */
  getBatchSize(): number {
    return this.pipeline.batchSize;
  }

  /**
   * How many times `repeat` repeats the data (the product of the counts; Infinity without end).
   * @example
   * ds.repeat(2).repeat(3).getRepeatCount(); // 6
   */
  getRepeatCount(): number {
    return this.pipeline.repeatCount;
  }

  /**
   * An iterator handing out each row (or batch) as an array of Tensors in column order: `[data,
   * label, …]`, what `Model.train` and a training loop read. The tensors of an item are freed when
   * the next one is handed out and when a pass ends; with `numParallelWorkers: 1` a worker thread
   * prepares the items ahead of the loop; see {@link DatasetIterator}.
   * @example
   * const it = ds.batch(32).createTupleIterator({ numEpochs: 10, numParallelWorkers: 1 });
   * for (let epoch = 0; epoch < 10; epoch++) for (const [x, y] of it) step(x, y);
   */
  createTupleIterator(options: TupleIteratorOptions & { outputNumpy: true }): DatasetIterator<HostArray[]>;
  createTupleIterator(options?: TupleIteratorOptions): DatasetIterator<Tensor[]>;
  createTupleIterator(options?: TupleIteratorOptions): DatasetIterator<Tensor[] | HostArray[]> {
    checkArity(arguments.length, 1, 'Dataset.createTupleIterator');
    const o = checkOptions<TupleIteratorOptions>(options, 'Dataset.createTupleIterator', TUPLE_KEYS);
    const where = 'Dataset.createTupleIterator';
    const names = o.columns === undefined ? this.pipeline.columns : columnList(o.columns, 'columns', where);
    const indices = columnIndices(this.pipeline.columns, names, 'columns', where);
    const numpy = checkBool(o.outputNumpy, 'outputNumpy', where) ?? false;
    return new DatasetIterator(
      this.pipeline,
      indices,
      checkEpochs(o.numEpochs, where),
      (values) => values as Tensor[] | HostArray[],
      numpy,
      workers(o.numParallelWorkers, where),
    );
  }

  /**
   * An iterator handing out each row (or batch) as an object from column name to Tensor.
   * Ownership as {@link Dataset.createTupleIterator}.
   * @example
   * for (const { image, label } of ds.createDictIterator({ numEpochs: 1 })) console.log(image.shape, label.shape);
   */
  createDictIterator(options: DictIteratorOptions & { outputNumpy: true }): DatasetIterator<Record<string, HostArray>>;
  createDictIterator(options?: DictIteratorOptions): DatasetIterator<Record<string, Tensor>>;
  createDictIterator(options?: DictIteratorOptions): DatasetIterator<Record<string, Tensor | HostArray>> {
    checkArity(arguments.length, 1, 'Dataset.createDictIterator');
    const o = checkOptions<DictIteratorOptions>(options, 'Dataset.createDictIterator', DICT_KEYS);
    const where = 'Dataset.createDictIterator';
    const columns = this.pipeline.columns;
    const numpy = checkBool(o.outputNumpy, 'outputNumpy', where) ?? false;
    const toDict = (values: Array<Tensor | HostArray>) => Object.fromEntries(values.map((v, i) => [columns[i] as string, v]));
    return new DatasetIterator(
      this.pipeline,
      columns.map((_, i) => i),
      checkEpochs(o.numEpochs, where),
      toDict,
      numpy,
      workers(o.numParallelWorkers, where),
    );
  }

  /**
   * One epoch of rows as Tensor arrays (`for (const [x, y] of ds)`), as MindSpore's
   * `for data in dataset`; ownership as {@link Dataset.createTupleIterator}.
   * @example
   * for (const [x, y] of ds) console.log(x.shape, y.shape);
   */
  [Symbol.iterator](): Iterator<Tensor[]> {
    return this.createTupleIterator({ numEpochs: 1 });
  }

  /**
   * One epoch for `for await`, prefetching ahead as {@link DatasetIterator} describes.
   * @example
   * for await (const [x, y] of ds) await step(x, y);
   */
  [Symbol.asyncIterator](): AsyncIterator<Tensor[]> {
    return this.createTupleIterator({ numEpochs: 1 })[Symbol.asyncIterator]();
  }
}
