/**
 * The pipeline of a source made of whole arrays (NumpySlicesDataset, MnistDataset): row `i` is
 * element `i` along the first axis of every column. Its plan carries the arrays, so the same
 * source can be rebuilt in a worker.
 */
import type { HostArray } from '../hostArray.js';
import type { Pipeline } from '../pipeline.js';
import { randomAccessPipeline } from './randomAccessPipeline.js';

/** Row `i` of a whole column: a view of its elements, no copy. */
function slicer(column: HostArray): (i: number) => HostArray {
  const shape = column.shape.slice(1);
  const size = shape.reduce((a, b) => a * b, 1);
  return (i) => ({ data: column.data.subarray(i * size, (i + 1) * size), shape, dtype: column.dtype });
}

/**
 * A pipeline over `arrays()` (read at the first row, so a source may load lazily), `length` rows,
 * read in order or in a permutation of `seed` drawn anew each epoch, at most `numSamples` rows.
 */
export function arraysPipeline(
  columns: readonly string[],
  arrays: () => readonly HostArray[],
  length: number,
  seed: number | undefined,
  numSamples: number | undefined,
): Pipeline {
  let slicers: Array<(i: number) => HostArray> | undefined;
  const base = randomAccessPipeline({
    columns,
    length: () => length,
    row: (i) => {
      slicers ??= arrays().map(slicer);
      return slicers.map((s) => s(i));
    },
    seed,
    numSamples,
  });
  return { ...base, worker: { plan: () => ({ op: 'arrays', columns, arrays: arrays(), seed, numSamples }) } };
}
