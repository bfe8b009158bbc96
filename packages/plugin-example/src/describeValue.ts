/**
 * How the plugin's error messages show a wrong argument, in the wording `@mindts/ops` uses.
 */
import { Tensor } from '@mindts/tensor';

/**
 * A short description of any value: `a float32 Tensor of shape [2, 3]`, `string "a"`, `number 3`.
 * @example
 * describeValue([1, 2]); // 'an array of length 2'
 */
export function describeValue(x: unknown): string {
  if (x instanceof Tensor) return x.isDisposed ? 'a disposed Tensor' : `a ${x.dtype} Tensor of shape [${x.shape.join(', ')}]`;
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'string') return `string ${JSON.stringify(x)}`;
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}
