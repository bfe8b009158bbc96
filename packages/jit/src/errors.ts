/**
 * jit's errors, and where in the user's code they come from.
 */

/**
 * An error from tracing, compiling or replaying a jitted function.
 * @example
 * const f = jit((x: Tensor) => (x.dataSync()[0]! > 0 ? x : ops.neg(x)));
 * try {
 *   f(tensor([1, 2]));
 * } catch (e) {
 *   e instanceof JitError; // true: a read of values while tracing, with the line that did it
 * }
 */
export class JitError extends Error {
  override name = 'JitError';
}

/** Frames of mindts itself (its packages' sources or builds, but not their tests) and of Node. */
const LIBRARY_FRAME =
  /(?:[\\/]packages[\\/][\w-]+[\\/](?:src|dist)[\\/](?![^\s)]*\.test\.)|[\\/]node_modules[\\/]|node:internal|<anonymous>)/;

/**
 * ` at file:line:column` of the first stack frame outside mindts (the user's line that did it),
 * or '' when there is none.
 * @example
 * throw new JitError(`cannot do that${userFrame()}`);
 */
export function userFrame(): string {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const where = m[1] as string;
    if (LIBRARY_FRAME.test(where)) continue;
    return ` at ${where}`;
  }
  return '';
}
