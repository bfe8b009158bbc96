/**
 * Argument checks shared by the nn layers, with the wording of MindSpore's `_checkparam`
 * (`check_number`, `check_bool`) and mindts' camelCase argument names.
 */
import { type InitLike, Initializer } from '@mindts/initializer';
import { checkOptions, type DType, isDType, type OptionKeys, Tensor } from '@mindts/tensor';
import type { Cell } from '../cell.js';
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

/** Whether an argument is where the options object goes (an object that is not an array; `null` too, to be refused). */
function isOptionsArg(value: unknown): boolean {
  return value === null || (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Tensor));
}

/**
 * The options of a layer whose trailing MindSpore arguments may also come positionally, in
 * MindSpore's order (`new nn.Conv2d(1, 2, 3, 2)`: `stride` 2): `args` are the arguments after the
 * required ones (`offset` of them), `names` the option each position means. The options object
 * comes last and goes through `checkOptions`; a value given both ways, a positional value past
 * `names` or an argument after the options object is an error. `undefined` positions are skipped.
 * @example
 * const options = positionalOptions<SoftmaxOptions>(args, ['axis'], 'Softmax', SOFTMAX_KEYS);
 */
export function positionalOptions<T extends object>(
  args: readonly unknown[],
  names: readonly (keyof T & string)[],
  cls: string,
  keys: OptionKeys<T>,
  offset = 0,
): T {
  const given: Record<string, unknown> = {};
  let i = 0;
  for (; i < args.length && i < names.length && !isOptionsArg(args[i]); i++) {
    if (args[i] !== undefined) given[names[i] as string] = args[i];
  }
  if (i < args.length && !isOptionsArg(args[i]) && args[i] !== undefined) {
    const list = names.map((n) => `'${n}'`).join(', ');
    throw new TypeError(
      `For '${cls}', argument ${offset + i + 1} must be the options object${names.length ? ` (the positional arguments after the required ones are ${list})` : ''}, but got ${show(args[i])}.`,
    );
  }
  if (i + 1 < args.length) {
    throw new TypeError(`For '${cls}', the options object must be the last argument, but ${args.length - i - 1} more came after it.`);
  }
  const options = checkOptions<T>(args[i], cls, keys);
  for (const name of Object.keys(given)) {
    if ((options as Record<string, unknown>)[name] !== undefined) {
      throw new TypeError(`For '${cls}', '${name}' was given twice: as a positional argument and in the options.`);
    }
  }
  return { ...options, ...given };
}

/**
 * Disposes the Parameters `cell` registered itself (not its children's): what a layer's
 * constructor does when it fails after making some, so a failed `new` leaks nothing.
 * @example
 * try { this.weight = …; this.bias = …; } catch (err) { disposeOwnParameters(this); throw err; }
 */
export function disposeOwnParameters(cell: Cell): void {
  for (const p of cell.getParameters(false)) p.dispose();
}
