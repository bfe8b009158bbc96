/**
 * The options of an `eval` that can average, and their check.
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';

/**
 * Options of `Precision.eval`, `Recall.eval` and `Fbeta.eval`.
 * @example
 * precision.eval({ average: true });
 */
export interface AverageOptions {
  /** Return the mean over the classes (multilabel: over the samples) instead of the list (default false). */
  average?: boolean;
}

/** Every key of {@link AverageOptions}. */
export const AVERAGE_KEYS: OptionKeys<AverageOptions> = { average: true };

/** Checks the options of an `eval` and returns `average`. */
export function averageOf(options: unknown, where: string): boolean {
  const { average = false } = checkOptions<AverageOptions>(options, where, AVERAGE_KEYS);
  if (typeof average !== 'boolean') throw new TypeError(`For '${where}', 'average' must be a bool, but got ${String(average)}.`);
  return average;
}
