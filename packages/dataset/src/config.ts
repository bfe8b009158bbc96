/**
 * `config`: the pipeline's global settings (MindSpore's `mindspore.dataset.config`): the seed every
 * shuffle and random split draws from, how many batches an iterator prepares ahead, and whether
 * iterators run their pipeline in a worker thread.
 * @example
 * import { config } from '@mindts/dataset';
 * config.setSeed(1); // every shuffle created from now on repeats its order run after run
 */
import { checkWorkers, configuredSeed, pipelineState } from './seedState.js';

/** MindSpore's default seed (`std::mt19937::default_seed`), what `getSeed()` reports unset. */
const DEFAULT_SEED = 5489;

/**
 * Seeds the random generators of the pipelines created afterwards: a `shuffle`, a shuffling
 * source or a randomized `split` takes the seed when it is created, so one seed gives one order
 * on every run. Without a seed, each of them draws a fresh random one.
 * @example
 * config.setSeed(58);
 */
export function setSeed(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`config.setSeed: seed must be an integer in [0, 4294967295], but got ${String(value)}.`);
  }
  pipelineState.seed = value;
}

/**
 * The seed set by {@link setSeed}, or MindSpore's default 5489 when none was set.
 * @example
 * config.getSeed(); // 5489 until setSeed is called
 */
export function getSeed(): number {
  return configuredSeed() ?? DEFAULT_SEED;
}

/**
 * How many rows or batches an async iterator (`for await`) prepares ahead of the one the loop
 * is using (default 16, MindSpore's `prefetch_size`).
 * @example
 * config.setPrefetchSize(4);
 */
export function setPrefetchSize(size: number): void {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`config.setPrefetchSize: size must be a positive integer, but got ${String(size)}.`);
  }
  pipelineState.prefetchSize = size;
}

/**
 * The prefetch depth set by {@link setPrefetchSize} (default 16).
 * @example
 * config.getPrefetchSize(); // 16
 */
export function getPrefetchSize(): number {
  return pipelineState.prefetchSize;
}

/**
 * The default `numParallelWorkers` of the iterators created afterwards (MindSpore's
 * `set_num_parallel_workers`): 1 runs each pipeline that can move in a worker thread, ahead of
 * the training step; 0 (the default) keeps it on the main thread. mindts runs a pipeline in at
 * most one worker, and defaults to none: a worker costs a thread start and a copy of the source
 * arrays, which pays for itself on pipelines with real work per batch.
 * @example
 * config.setNumParallelWorkers(1);
 */
export function setNumParallelWorkers(num: number): void {
  pipelineState.numParallelWorkers = checkWorkers(num, 'config.setNumParallelWorkers');
}

/**
 * The default set by {@link setNumParallelWorkers} (0 unless set).
 * @example
 * config.getNumParallelWorkers(); // 0
 */
export function getNumParallelWorkers(): number {
  return pipelineState.numParallelWorkers;
}
