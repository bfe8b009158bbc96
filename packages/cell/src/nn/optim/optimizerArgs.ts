/**
 * MindSpore's positional learning rate (`nn.Adam(params, 1e-3)`, `nn.SGD(params, 0.1)`) next to
 * mindts' options object (`{ learningRate }`): which one a constructor was given, checked.
 */
import { checkArity, checkOptions, type OptionKeys, Tensor } from '@mindts/tensor';
import type { LearningRate } from './learningRate.js';

/** Whether `value` is an options object rather than a learning rate (a number, Tensor, array or schedule). */
function isOptionsObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Tensor) &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
  );
}

/**
 * The options of an optimizer called `(params, options?)` or `(params, learningRate, options?)`:
 * `args` are the arguments after `params`. The rate given positionally is put in `learningRate`;
 * giving it both ways, an unknown option or a third argument is an error.
 * @example
 * const options = lrOptions<SGDOptions>([lrOrOptions, maybeOptions], arguments.length - 1, 'SGD', SGD_KEYS);
 */
export function lrOptions<T extends { learningRate?: LearningRate }>(
  args: readonly unknown[],
  count: number,
  cls: string,
  keys: OptionKeys<T>,
): T {
  const [first, second] = args;
  if (count <= 1 && (first === undefined || first === null || isOptionsObject(first))) {
    return checkOptions<T>(first, cls, keys);
  }
  checkArity(count + 1, 3, cls);
  const options = checkOptions<T>(second, cls, keys);
  if (first === undefined) return options;
  if (options.learningRate !== undefined) {
    throw new TypeError(`For '${cls}', the learning rate was given twice: as the second argument and as the option 'learningRate'.`);
  }
  return { ...options, learningRate: first as LearningRate };
}
