/**
 * The pipeline of a random-access source (MindSpore's mappable dataset): rows by index, in order
 * or in a seeded permutation drawn anew each epoch, optionally only the first `numSamples`.
 */
import { permutation } from '@mindts/datasets';
import type { Pipeline, Row } from '../pipeline.js';
import { epochSeed } from '../seedState.js';

/** How a random-access source is read. */
export interface RandomAccessPlan {
  columns: readonly string[];
  /** The number of rows (read at the start of each epoch). */
  length(): number;
  /** Row `i`, `0 <= i < length()`. */
  row(index: number): Row;
  /** A seed to shuffle with, or undefined to read in order. */
  seed: number | undefined;
  numSamples: number | undefined;
}

/** A pipeline over a random-access source. */
export function randomAccessPipeline(plan: RandomAccessPlan): Pipeline {
  const count = (n: number) => Math.min(n, plan.numSamples ?? n);
  return {
    columns: plan.columns,
    knownSize: () => count(plan.length()),
    batchSize: 1,
    repeatCount: 1,
    *rows(epoch) {
      const n = plan.length();
      const order = plan.seed === undefined ? undefined : permutation(n, epochSeed(plan.seed, epoch));
      for (let i = 0; i < count(n); i++) yield plan.row(order ? (order[i] as number) : i);
    },
  };
}
