/**
 * Argument checks shared by the initializers, with MindSpore-style messages.
 */
import { checkArity, checkOptions, type OptionKeys } from '@mindts/tensor';

/**
 * Throws unless `value` is a finite number; `cls` and `arg` name the class and the argument.
 * @example
 * checkNumber(0.01, 'Normal', 'sigma');
 */
export function checkNumber(value: unknown, cls: string, arg: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`For ${cls} initializer, the argument '${arg}' must be a finite number, but got ${String(value)}.`);
  }
  return value;
}

/**
 * Throws unless `value` is a finite, non-negative standard deviation. MindSpore's check is
 * `if sigma < 0: raise ValueError("sigma < 0")` (`_init_random_normal`).
 * @example
 * checkSigma(0.01, 'Normal');
 */
export function checkSigma(value: unknown, cls: string, arg = 'sigma'): number {
  const sigma = checkNumber(value, cls, arg);
  if (sigma < 0) throw new RangeError(`For ${cls} initializer, ${arg} < 0: the standard deviation must be non-negative, but got ${sigma}.`);
  return sigma;
}

/**
 * The options of an initializer called `(options?)` or with MindSpore's first positional argument,
 * `(value, options?)` (`new Normal(0.02)` is `new Normal({ sigma: 0.02 })`): checked with
 * `checkOptions`, the positional value put under `key`. Giving it both ways, or a third argument,
 * is an error.
 * @example
 * const options = leadingOption<NormalOptions>(first, second, arguments.length, 'Normal', NORMAL_KEYS, 'sigma');
 */
export function leadingOption<T extends object>(
  first: unknown,
  second: unknown,
  count: number,
  cls: string,
  keys: OptionKeys<T>,
  key: keyof T & string,
): T {
  if (typeof first === 'object' || (first === undefined && count <= 1)) {
    checkArity(count, 1, cls);
    return checkOptions<T>(first, cls, keys);
  }
  checkArity(count, 2, cls);
  const options = checkOptions<T>(second, cls, keys);
  if (first === undefined) return options;
  if ((options as Record<string, unknown>)[key] !== undefined) {
    throw new TypeError(`For ${cls} initializer, '${key}' was given twice: as the first argument and in the options.`);
  }
  return { ...options, [key]: first };
}
