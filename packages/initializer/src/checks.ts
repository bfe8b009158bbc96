/**
 * Argument checks shared by the initializers, with MindSpore-style messages.
 */

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
