/**
 * Whether an iterator runs its pipeline in a worker, and why: what `DatasetIterator.explain()`
 * reports, decided when the iterator is made.
 */
import type { Pipeline } from '../pipeline.js';
import { pipelineState } from '../seedState.js';
import { workerUnavailable } from './workerFeed.js';

/**
 * Where an iterator's pipeline runs, from {@link DatasetIterator.explain}.
 * @example
 * const { worker, reason } = it.explain(); // false, 'numParallelWorkers is 0: …'
 */
export interface DatasetIteratorExplanation {
  /** Whether a worker thread runs the pipeline ahead of the loop. */
  readonly worker: boolean;
  /** Why (or why not). */
  readonly reason: string;
}

/** Where a pipeline runs for an iterator asking for `numParallelWorkers` (0 or 1) workers. */
export function explainWorker(pipeline: Pipeline, numParallelWorkers: number): DatasetIteratorExplanation {
  if (numParallelWorkers === 0) return { worker: false, reason: 'numParallelWorkers is 0: the pipeline runs on the main thread' };
  const support = pipeline.worker;
  const why = !support
    ? 'the pipeline starts from a custom Pipeline, whose rows a worker cannot rebuild'
    : 'reason' in support
      ? support.reason
      : workerUnavailable();
  if (why !== undefined) return { worker: false, reason: `the pipeline runs on the main thread: ${why}` };
  return {
    worker: true,
    reason: `numParallelWorkers is 1: a worker thread runs the pipeline, up to ${pipelineState.prefetchSize} items ahead`,
  };
}
