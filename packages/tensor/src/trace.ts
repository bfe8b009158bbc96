/**
 * The tracing hook `@mindts/jit` installs while it traces a function: the engine reports every
 * kernel call, every in-place swap (`adoptData`), every read of values to the host and every
 * draw from the global random stream. Nothing is traced unless a tracer is installed.
 */
import { checkFunction } from './argChecks.js';
import { showValue } from './options.js';
import type { Tensor } from './tensor.js';

/**
 * What a tracer is told. A hook may throw to forbid the operation (a read inside jit).
 * @example
 * const logKernels: TraceHooks = {
 *   created() {},
 *   kernel(name, inputs) { console.log(name, inputs.length); },
 *   adopt() {},
 *   read(t, method) { throw new Error(`${method}() reads values; not while tracing`); },
 *   randomKey() {},
 * };
 * const prev = setTraceHooks(logKernels);
 */
export interface TraceHooks {
  /** A tensor was created (from host data, by a kernel, or as a wrapper). */
  created(t: Tensor): void;
  /** After a kernel ran: primitive name, input tensors, attributes and the new output. */
  kernel(name: string, inputs: readonly Tensor[], attrs: unknown, output: Tensor): void;
  /** Just before `adoptData` swaps `source`'s storage into `target` (an in-place write). */
  adopt(target: Tensor, source: Tensor): void;
  /** Before a read of `t`'s values to the host (`data()`, `dataSync()` and what builds on them). */
  read(t: Tensor, method: string): void;
  /** The global random stream handed out `count` counters starting at `offset` of `seed`. */
  randomKey(key: { readonly seed: number; readonly offset: number }, count: number): void;
}

let active: TraceHooks | undefined;

const HOOKS = ['created', 'kernel', 'adopt', 'read', 'randomKey'] as const;

/**
 * Installs `hooks` (or removes them with `undefined`); returns the previous hooks so nested
 * tracers can restore them.
 * @example
 * const prev = setTraceHooks(myTracer); try { fn(); } finally { setTraceHooks(prev); }
 */
export function setTraceHooks(hooks: TraceHooks | undefined): TraceHooks | undefined {
  if (hooks !== undefined) {
    // Checked here, not when the engine calls a hook: bad hooks would break every later tensor.
    const missing = HOOKS.filter((k) => typeof (hooks as unknown as Record<string, unknown> | null)?.[k] !== 'function');
    if (hooks === null || typeof hooks !== 'object' || missing.length) {
      throw new TypeError(
        `setTraceHooks: hooks must be undefined or an object with the functions ${HOOKS.join(', ')}, but got ${showValue(hooks)}${hooks && typeof hooks === 'object' ? ` without ${missing.join(', ')}` : ''}.`,
      );
    }
  }
  const prev = active;
  active = hooks;
  return prev;
}

/**
 * The installed hooks, if a function is being traced now.
 * @example
 * traceHooks()?.read(t, 'data'); // what a read does first: a tracer may forbid it
 */
export function traceHooks(): TraceHooks | undefined {
  return active;
}

/**
 * Whether a function is being traced now (e.g. by `jit`).
 * @example
 * isTracing(); // false, except inside a function jit is tracing
 */
export function isTracing(): boolean {
  return active !== undefined;
}

/**
 * Runs `fn` with tracing paused: what it computes is not part of the traced graph (the engine
 * materialising a lazy Parameter, a tracer copying a constant).
 * @example
 * const copy = untraced(() => runKernel('Reshape', [t], { shape: t.shape }));
 */
export function untraced<T>(fn: () => T): T {
  checkFunction(fn, 'untraced', 'fn');
  const prev = setTraceHooks(undefined);
  try {
    return fn();
  } finally {
    setTraceHooks(prev);
  }
}
