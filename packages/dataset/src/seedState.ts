/**
 * The pipeline's global settings behind `config`, and the seed each random stage takes.
 */

/** What `config` sets: the seed (unset: each random stage draws its own) and the prefetch depth. */
export const pipelineState: { seed: number | undefined; prefetchSize: number } = { seed: undefined, prefetchSize: 16 };

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
