/**
 * The name registry `initializer('name', …)` looks up: MindSpore's aliases plus plugins.
 */
import { Initializer } from './base.js';
import { One, Zero } from './constant.js';
import { Dirac } from './dirac.js';
import { HeNormal, HeUniform } from './he.js';
import { Identity } from './identity.js';
import { Normal } from './normal.js';
import { Orthogonal } from './orthogonal.js';
import { TruncatedNormal } from './truncatedNormal.js';
import { Uniform } from './uniform.js';
import { VarianceScaling } from './varianceScaling.js';
import { XavierNormal, XavierUniform } from './xavier.js';

/**
 * Makes a fresh initializer with its default arguments.
 * @example
 * const factory: InitializerFactory = () => new Constant(0.5);
 * registerInitializer('half', factory);
 */
export type InitializerFactory = () => Initializer;

/**
 * MindSpore's `_register`: each class under its lowercased name, plus the explicit aliases
 * ('zeros', 'ones', 'xavier_uniform', 'xavier_normal', 'he_uniform', 'he_normal'). Constant is
 * not registered (it needs a value); 'sparse' is, but fails without a sparsity, as in MindSpore.
 */
const registry = new Map<string, InitializerFactory>([
  ['zero', () => new Zero()],
  ['zeros', () => new Zero()],
  ['one', () => new One()],
  ['ones', () => new One()],
  ['normal', () => new Normal()],
  ['uniform', () => new Uniform()],
  ['truncatednormal', () => new TruncatedNormal()],
  ['xavieruniform', () => new XavierUniform()],
  ['xavier_uniform', () => new XavierUniform()],
  ['xaviernormal', () => new XavierNormal()],
  ['xavier_normal', () => new XavierNormal()],
  ['heuniform', () => new HeUniform()],
  ['he_uniform', () => new HeUniform()],
  ['henormal', () => new HeNormal()],
  ['he_normal', () => new HeNormal()],
  ['identity', () => new Identity()],
  ['orthogonal', () => new Orthogonal()],
  ['dirac', () => new Dirac()],
  ['variancescaling', () => new VarianceScaling()],
  [
    'sparse',
    () => {
      throw new TypeError("For 'initializer', 'sparse' needs the argument 'sparsity': use initializer(new Sparse({ sparsity }), shape).");
    },
  ],
]);

/**
 * Registers `factory` under `name` (case-insensitive), so `initializer(name, shape)` can use it.
 * A name that is already taken, built-in or not, is an error.
 * @example
 * registerInitializer('half', () => new Constant(0.5));
 * initializer('Half', [2, 2]); // all 0.5
 */
export function registerInitializer(name: string, factory: InitializerFactory): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`registerInitializer: the name must be a non-empty string, but got ${JSON.stringify(name)}.`);
  }
  if (typeof factory !== 'function') throw new TypeError(`registerInitializer: the factory for '${name}' must be a function.`);
  const key = name.toLowerCase();
  if (registry.has(key)) throw new Error(`registerInitializer: an initializer named '${key}' is already registered.`);
  registry.set(key, factory);
}

/**
 * Every registered name (lowercase, sorted).
 * @example
 * listInitializers(); // ['dirac', 'he_normal', 'he_uniform', …]
 */
export function listInitializers(): string[] {
  return [...registry.keys()].sort();
}

/**
 * A new initializer for `name` (case-insensitive); an unknown name is MindSpore's error plus
 * the list of valid names.
 * @example
 * createInitializer('Xavier_Uniform'); // XavierUniform { gain: 1 }
 */
export function createInitializer(name: string): Initializer {
  const factory = registry.get(name.toLowerCase());
  if (!factory) {
    // MindSpore: f"For 'initializer', the class corresponding to '{init}' was not found."
    throw new RangeError(
      `For 'initializer', the class corresponding to '${name}' was not found. Valid names are: ${listInitializers().join(', ')}.`,
    );
  }
  const init = factory();
  if (!(init instanceof Initializer)) throw new TypeError(`The factory registered for '${name}' did not return an Initializer.`);
  return init;
}
