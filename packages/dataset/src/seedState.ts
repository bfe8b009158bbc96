/**
 * The pipeline's global settings behind `config`, and the seed each random stage takes.
 */

/** What `config` sets: the seed (unset: each random stage draws its own), the prefetch depth, the default worker count. */
export const pipelineState: { seed: number | undefined; prefetchSize: number; numParallelWorkers: number } = {
  seed: undefined,
  prefetchSize: 16,
  numParallelWorkers: 0,
};

/** `where`: a worker count must be 0 (the main thread) or 1 (one worker runs the whole pipeline). */
export function checkWorkers(value: unknown, where: string): number {
  if (value !== 0 && value !== 1) {
    throw new RangeError(
      `${where}: numParallelWorkers must be 0 (the main thread runs the pipeline) or 1 (a worker thread does; mindts does not split one pipeline over several workers), but got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** The seed set by `config.setSeed`, if any. */
export function configuredSeed(): number | undefined {
  return pipelineState.seed;
}

/** The seed a new random stage takes: the configured one, or a fresh random one. */
export function stageSeed(): number {
  return pipelineState.seed ?? Math.floor(Math.random() * 0x100000000);
}

/** A 32-bit seed for `epoch` of a stage seeded with `seed`: a new order each epoch, repeatable. */
export function epochSeed(seed: number, epoch: number): number {
  let h = (seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
