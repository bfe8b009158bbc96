/**
 * Argument checks shared by the nn layers, with the wording of MindSpore's `_checkparam`
 * (`check_number`, `check_bool`) and mindts' camelCase argument names.
 */
import { type InitLike, Initializer } from '@mindts/initializer';
import { type DType, isDType, Tensor } from '@mindts/tensor';
import { typeName } from '../cellState.js';

/** MindSpore's `check_positive_int`: an integer > 0. */
export function checkPositiveInt(value: unknown, arg: string, cls: string): number {
  return checkInt(value, arg, cls, 0, '> 0');
}

/** An integer >= 0. */
export function checkNonNegativeInt(value: unknown, arg: string, cls: string): number {
  return checkInt(value, arg, cls, -1, '>= 0');
}

function checkInt(value: unknown, arg: string, cls: string, above: number, rel: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`For '${cls}', the '${arg}' must be int, but got '${typeName(value)}' ${String(value)}.`);
  }
  if (value <= above) {
    // MindSpore: "For '{cls}', the '{arg}' must be int and must > 0, but got '0' with type 'int'."
    throw new RangeError(`For '${cls}', the '${arg}' must be int and must ${rel}, but got '${value}' with type 'int'.`);
  }
  return value;
}

/** MindSpore's `check_bool`. */
export function checkBool(value: unknown, arg: string, cls: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`For '${cls}', the '${arg}' must be bool, but got '${typeName(value)}'.`);
  return value;
}

/** A float dtype for Parameters (default float32). */
export function checkDType(value: unknown, cls: string): DType {
  const dtype = value ?? 'float32';
  if (!isDType(dtype)) throw new TypeError(`For '${cls}', the 'dtype' must be a mindts dtype, but got ${JSON.stringify(value)}.`);
  return dtype;
}

/** An `[h, w]` pair from an int or a pair of ints, each > 0 (MindSpore's `twice` + checks). */
export function checkPair(value: unknown, arg: string, cls: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0)) {
    throw new RangeError(`For '${cls}', the '${arg}' must be a positive int or a tuple of two positive ints, but got ${show(value)}.`);
  }
  return [pair[0], pair[1]];
}

/** How an init argument prints in `extendRepr` (a Tensor as its shape, an Initializer as its class). */
export function initRepr(init: InitLike | undefined | null): string {
  if (init === undefined || init === null) return 'None';
  if (init instanceof Tensor) return `Tensor(shape=[${init.shape.join(', ')}], dtype=${init.dtype})`;
  if (init instanceof Initializer) return init.constructor.name;
  return String(init);
}

/** A tuple or number as MindSpore prints it: `(3, 3)`, `0`. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return `(${value.map(show).join(', ')})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
