/**
 * `@mindts/dataset`: MindSpore's `mindspore.dataset`. Sources (`GeneratorDataset`,
 * `NumpySlicesDataset`, `MnistDataset`), lazy operations (`map`, `batch`, `shuffle`, `repeat`,
 * `take`, `skip`, `split`, `project`), tuple and dict iterators that free each batch when they
 * hand out the next (their pipeline run ahead in a worker thread with `numParallelWorkers: 1`),
 * the `transforms`, and `config` (seed, prefetch depth, worker default).
 * @example
 * import { NumpySlicesDataset, transforms } from '@mindts/dataset';
 * const ds = new NumpySlicesDataset({ data: [[0, 1], [2, 3], [4, 5], [6, 7]], label: [0, 1, 0, 1] }, { shuffle: false })
 *   .map(new transforms.TypeCast('float32'), 'data')
 *   .batch(2);
 * for (const [data, label] of ds.createTupleIterator({ numEpochs: 1 })) console.log(data.shape, label.shape);
 * @module @mindts/dataset
 */
export * as config from './config.js';
export { Dataset } from './dataset.js';
export type { BatchOptions, DictIteratorOptions, MapOptions, SplitOptions, TupleIteratorOptions } from './datasetOptions.js';
export { DatasetIterator } from './datasetIterator.js';
export { type ColumnValue, emptyHost, type HostArray, isHostArray } from './hostArray.js';
export type { Operation } from './ops/mapPipeline.js';
export type { Pipeline, Row } from './pipeline.js';
export { GeneratorDataset, type GeneratorRow, type GeneratorSource, type RandomAccessSource } from './sources/generatorDataset.js';
export { MnistDataset, type MnistDatasetOptions } from './sources/mnistDataset.js';
export { NumpySlicesDataset, type SlicesData } from './sources/numpySlicesDataset.js';
export type { SourceOptions } from './sources/sourceOptions.js';
export * as transforms from './transforms/index.js';
export * as vision from './transforms/vision.js';
export type { DatasetIteratorExplanation } from './worker/explainWorker.js';
