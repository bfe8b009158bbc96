/**
 * The counter-based random generator every backend shares: element `i` of a draw is a pure
 * function of (seed, offset + i), so the same seed gives the same values on every backend.
 */
import { traceHooks } from './trace.js';
import { argError } from './argChecks.js';
import { showValue } from './options.js';

let globalSeed = (Math.random() * 0x7fffffff) | 0;
let globalOffset = 0;

/**
 * Seeds the global generator used by `randn`, `rand`, initializers and dropout.
 * @example
 * setSeed(42);
 */
export function setSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, but got ${showValue(seed)}.`);
  globalSeed = seed | 0;
  globalOffset = 0;
}

/**
 * The seed last passed to {@link setSeed}.
 * @example
 * getSeed(); // 42
 */
export function getSeed(): number {
  return globalSeed;
}

/**
 * Reserves `count` counters of the global stream (or of an explicit seed's, which starts at 0).
 * @example
 * const { seed, offset } = nextRandomKey(10);
 */
export function nextRandomKey(count: number, seed?: number): { seed: number; offset: number } {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw argError('nextRandomKey', 'count', 'an integer >= 0', count);
  }
  if (seed !== undefined) {
    if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, but got ${showValue(seed)}.`);
    return { seed: seed | 0, offset: 0 };
  }
  const offset = globalOffset;
  traceHooks()?.randomKey({ seed: globalSeed, offset }, count);
  // Normal draws use two counters per element.
  globalOffset = (globalOffset + 2 * count) % 0x40000000;
  return { seed: globalSeed, offset };
}

/** A well-mixed 32-bit hash (lowbias32). */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * 32 random bits for counter `counter` of stream `seed`.
 * @example
 * randomBits(42, 0); // the same on every backend
 */
export function randomBits(seed: number, counter: number): number {
  if (typeof seed !== 'number') throw argError('randomBits', 'seed', 'a number', seed);
  if (typeof counter !== 'number') throw argError('randomBits', 'counter', 'a number', counter);
  return mix((mix(seed ^ 0x9e3779b9) + counter) | 0);
}

/**
 * A uniform number in [0, 1) with 24 bits of precision.
 * @example
 * uniform01(42, 0);
 */
export function uniform01(seed: number, counter: number): number {
  if (typeof seed !== 'number') throw argError('uniform01', 'seed', 'a number', seed);
  if (typeof counter !== 'number') throw argError('uniform01', 'counter', 'a number', counter);
  return (randomBits(seed, counter) >>> 8) / 16777216;
}

/**
 * Value of element `i` of a Random primitive draw (Box-Muller for normals).
 * @example
 * randomValue('normal', 42, 0, 0, 0, 1);
 */
export function randomValue(distribution: 'uniform' | 'normal', seed: number, offset: number, i: number, a: number, b: number): number {
  if (distribution !== 'uniform' && distribution !== 'normal') {
    throw argError('randomValue', 'distribution', "'uniform' or 'normal'", distribution);
  }
  if (typeof offset !== 'number') throw argError('randomValue', 'offset', 'a number', offset);
  if (typeof i !== 'number') throw argError('randomValue', 'i', 'a number', i);
  if (typeof a !== 'number') throw argError('randomValue', 'a', 'a number', a);
  if (typeof b !== 'number') throw argError('randomValue', 'b', 'a number', b);
  if (distribution === 'uniform') return a + (b - a) * uniform01(seed, offset + i);
  const u1 = ((randomBits(seed, offset + 2 * i) >>> 8) + 1) / 16777216; // (0, 1]
  const u2 = uniform01(seed, offset + 2 * i + 1);
  return a + b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
