/**
 * ParameterTuple: an immutable collection of Parameters (MindSpore `mindspore.ParameterTuple`).
 */
import { checkArity, type Tensor } from '@mindts/tensor';
import { Parameter } from './parameter.js';

/** MindSpore's `Validator.check_str_by_regular` default pattern. */
const PREFIX_PATTERN = /^\w+[0-9a-zA-Z_.]*$/;

/**
 * An immutable array of Parameters. The same Parameter may appear more than once; two different
 * Parameters with one name are an error.
 * @example
 * const params = new ParameterTuple([x, y, z]);
 * params.clone('params_copy').map((p) => p.name); // ['params_copy.x', 'params_copy.y', 'params_copy.z']
 */
export class ParameterTuple extends Array<Parameter> {
  /** Derived arrays (`map`, `filter`, …) are plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(parameters: Iterable<Parameter>) {
    checkArity(arguments.length, 1, 'ParameterTuple');
    super();
    if (parameters === null || typeof (parameters as Partial<Iterable<Parameter>>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`ParameterTuple input should be an iterable of Parameters, but got ${String(parameters)}.`);
    }
    const seen = new Set<Parameter>();
    const names = new Map<string, Parameter>();
    let i = 0;
    for (const p of parameters) {
      if (!(p instanceof Parameter)) {
        throw new TypeError(
          `For ParameterTuple initialization, ParameterTuple input should be 'Parameter' collection, but got ${describe(p)} at index ${i}.`,
        );
      }
      if (!seen.has(p)) {
        if (names.has(p.name)) {
          throw new Error(`The value ${p} , its name '${p.name}' already exists. Please set a unique name for the parameter.`);
        }
        names.set(p.name, p);
        seen.add(p);
      }
      this.push(p);
      i++;
    }
    Object.freeze(this);
  }

  /**
   * Prints like MindSpore's tuple: `(Parameter (name=x, …), Parameter (name=y, …))`.
   */
  override toString(): string {
    return `(${this.map(String).join(', ')}${this.length === 1 ? ',' : ''})`;
  }

  /**
   * Clones every Parameter (see `Parameter.clone`) and prefixes its name: `prefix.name`.
   * `prefix` must match MindSpore's pattern `^\w+[0-9a-zA-Z_.]*$`.
   * @example
   * const moments = params.clone('moments', 'zeros');
   */
  clone(prefix: string, init: 'same' | string | number | Tensor = 'same'): ParameterTuple {
    if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
      throw new TypeError(
        `For 'ParameterTuple.clone', the argument 'prefix' should match '${PREFIX_PATTERN.source}', but got ${JSON.stringify(prefix)}.`,
      );
    }
    checkArity(arguments.length, 2, 'ParameterTuple.clone');
    // A clone that fails part-way frees the clones made before it.
    const clones: Parameter[] = [];
    try {
      for (const p of this) {
        const c = p.clone(init);
        clones.push(c);
        c.name = `${prefix}.${c.name}`;
      }
      return new ParameterTuple(clones);
    } catch (err) {
      for (const c of clones) c.dispose();
      throw err;
    }
  }
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return `a ${(x as object).constructor?.name ?? 'Object'}`;
  return `a ${typeof x}`;
}
