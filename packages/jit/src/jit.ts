/**
 * `jit(fn)` and the `@jit` method decorator: trace on the first call of each input signature,
 * optimise, cache, and replay without re-running the function's JavaScript.
 * size-exception: the jitted function (call, signature, cache, recompile reasons and limits,
 * stats, lower) and both decorator forms share one per-instance cache; much of it is doc comments.
 */
import { checkOptions, describeType, getBackend, type OptionKeys, Tensor } from '@mindts/tensor';
import { adoptData, isRecording, isTracing } from '@mindts/tensor/backend';
import { JitError } from './errors.js';
import { Executable } from './executor.js';
import { type Graph, graphDot, graphText, type OutputTemplate, type Step } from './ir.js';
import { optimize, type PassOptions, type Plan } from './passes.js';
import { type ArgTensor, argTensors, isPlainObject, traceCall } from './tracer.js';

/**
 * Options of {@link jit}.
 * @example
 * const f = jit(fn, { name: 'trainStep', maxRecompiles: 2, codegen: false, passes: { fold: false } });
 */
export interface JitOptions {
  /** Name in the IR, in stats and in errors (default: the function's name). */
  readonly name?: string;
  /**
   * How many times the function may be recompiled (a new input signature, or a captured tensor
   * that changed) before a call is an error. Default 8.
   */
  readonly maxRecompiles?: number;
  /**
   * Whether fused kernels may be generated code (`new Function`, default true). `false` runs
   * them through an interpreter, for pages whose Content-Security-Policy forbids code generation.
   */
  readonly codegen?: boolean;
  /** Which optimisation passes run (all by default). */
  readonly passes?: PassOptions;
  /**
   * Extra state the traced graph depends on (e.g. a Cell's `training` flag): its value is part
   * of the signature, so a change retraces. `@jit` on a Cell method adds the Cell's `training`.
   */
  readonly guard?: () => unknown;
}

/**
 * One recompile and why it happened.
 * @example
 * const f = jit((x: Tensor) => ops.relu(x));
 * f(zeros([2, 3]));
 * f(zeros([4, 3]));
 * f.stats().recompiles[0]?.reason; // 'args[0] changed from float32[2, 3] to float32[4, 3]'
 */
export interface RecompileRecord {
  readonly reason: string;
}

/**
 * What a jitted function has done so far.
 * @example
 * const f = jit((x: Tensor) => ops.exp(ops.mul(x, 2)));
 * f(x);
 * f(x);
 * const { calls, compiles, cacheHits, kernelsPerCall } = f.stats(); // 2, 1, 1, 1 (one fused kernel)
 */
export interface JitStats {
  /** Calls made. */
  readonly calls: number;
  /** Graphs traced and compiled (the first compile included). */
  readonly compiles: number;
  /** Calls that replayed a cached graph. */
  readonly cacheHits: number;
  /** Calls that ran the function eagerly (under a gradient tape, or inside another trace). */
  readonly eagerCalls: number;
  /** Every recompile after the first compile, with its reason. */
  readonly recompiles: readonly RecompileRecord[];
  /** Primitive calls the function makes when run eagerly (last traced signature). */
  readonly tracedKernels: number;
  /** Kernels the last replay launched (fused groups count once). */
  readonly kernelsPerCall: number;
  /** What the passes did to the last compiled graph. */
  readonly passes: Plan['counts'] | undefined;
  /** Fused groups the backend could not compile, so they ran node by node (last replayed graph). */
  readonly unfusedGroups: number;
}

/**
 * A graph as compiled: printable as text and as Graphviz DOT.
 * @example
 * const lowered = step.lower(x, y);
 * console.log(lowered.text());
 * writeFileSync('step.dot', lowered.dot());
 */
export interface Lowered {
  /** The traced graph after common-subexpression sharing and dead-code elimination. */
  readonly graph: Graph;
  /** What runs on every call: kernels, fused groups, buffer-reusing reshapes. */
  readonly steps: readonly Step[];
  /** The IR as text. */
  text(): string;
  /** The IR as Graphviz DOT. */
  dot(): string;
}

/**
 * A jitted function: call it like the original; inspect it with `lower`, `stats` and `clear`.
 * @example
 * const f: Jitted<(x: Tensor) => Tensor> = jit((x: Tensor) => ops.relu(x));
 * f(x);
 * f.stats().compiles; // 1
 * f.clear(); // the next call traces again
 * @typeParam F - The original function's type.
 */
export type Jitted<F extends (...args: never[]) => unknown> = ((...args: Parameters<F>) => ReturnType<F>) & {
  /** Traces (if this signature is not compiled yet, undoing the call's in-place writes) and returns the compiled IR. */
  lower(...args: Parameters<F>): Lowered;
  /** Cache hits, compiles, recompile reasons, kernels per call. */
  stats(): JitStats;
  /** Drops every compiled graph (and the constants they hold); the next call traces again. */
  clear(): void;
};

interface Entry {
  readonly key: string;
  readonly leaves: readonly string[];
  readonly exe: Executable;
  readonly lowered: Lowered;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function identity(v: object): string {
  let id = objectIds.get(v);
  if (id === undefined) objectIds.set(v, (id = nextObjectId++));
  return `${(v as { constructor?: { name?: string } }).constructor?.name ?? 'object'}#${id}`;
}

/** One line per argument leaf: tensors by shape and dtype, everything else by value or identity. */
function signatureLeaves(args: readonly unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (v instanceof Tensor) out.push(`${path}: ${v.dtype}[${v.shape.join(', ')}]`);
    else if (depth <= 8 && Array.isArray(v)) {
      out.push(`${path}: array(${v.length})`);
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
    } else if (depth <= 8 && isPlainObject(v)) {
      out.push(`${path}: {${Object.keys(v).join(', ')}}`);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, depth + 1);
    } else if ((typeof v === 'object' && v !== null) || typeof v === 'function') out.push(`${path}: ${identity(v)}`);
    else out.push(`${path}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  };
  for (let i = 0; i < args.length; i++) walk(args[i], `args[${i}]`, 0);
  return out;
}

function guardString(guard: (() => unknown) | undefined): string {
  if (!guard) return '';
  const v = guard();
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function changeReason(prev: readonly string[], next: readonly string[]): string {
  for (let i = 0; i < Math.max(prev.length, next.length); i++) {
    if (prev[i] !== next[i]) {
      if (prev[i] === undefined) return `new argument ${next[i]}`;
      if (next[i] === undefined) return `argument ${prev[i]} no longer passed`;
      const [path] = (next[i] as string).split(': ');
      const before = (prev[i] as string).slice((prev[i] as string).indexOf(': ') + 2);
      const after = (next[i] as string).slice((next[i] as string).indexOf(': ') + 2);
      if ((prev[i] as string).startsWith(`${path}: `)) return `${path} changed from ${before} to ${after}`;
      return `${prev[i]} became ${next[i]}`;
    }
  }
  return 'unknown change';
}

function disposeTraceResult(result: unknown, t: OutputTemplate): void {
  if (t.kind === 'value' && result instanceof Tensor) result.dispose();
  else if (t.kind === 'array' && Array.isArray(result))
    for (let i = 0; i < t.items.length; i++) disposeTraceResult(result[i], t.items[i] as OutputTemplate);
  else if (t.kind === 'object' && isPlainObject(result)) for (const [k, v] of t.entries) disposeTraceResult(result[k], v);
}

function makeJitted<F extends (...args: never[]) => unknown>(fn: F, options: JitOptions): Jitted<F> {
  const name = options.name ?? (fn.name || 'anonymous');
  const maxRecompiles = options.maxRecompiles ?? 8;
  const cache = new Map<string, Entry>();
  let last: Entry | undefined;
  const recompiles: RecompileRecord[] = [];
  let calls = 0;
  let compiles = 0;
  let cacheHits = 0;
  let eagerCalls = 0;

  const signature = (args: readonly unknown[]) => {
    const backend = getBackend();
    // The backend object itself: one registered again under the same name compiles anew.
    const leaves = [`backend: ${backend.name} (${identity(backend)})`, ...signatureLeaves(args)];
    if (options.guard) leaves.push(`guard: ${guardString(options.guard)}`);
    return { key: leaves.join('\n'), leaves };
  };

  const compile = (args: readonly unknown[], key: string, leaves: readonly string[], reason: string | undefined, saveBefore: boolean) => {
    if (reason !== undefined) {
      if (recompiles.length >= maxRecompiles) {
        throw new JitError(
          `jit: '${name}' would recompile for the ${recompiles.length + 1}th time (maxRecompiles = ${maxRecompiles}); this time because ${reason}. ` +
            'Keep input shapes and dtypes fixed (pad the last batch), or raise maxRecompiles.',
        );
      }
      recompiles.push({ reason });
    }
    const traced = traceCall(name, fn, args, saveBefore);
    let entry: Entry;
    try {
      const plan = optimize(traced.graph, options.passes);
      const exe = new Executable(plan, getBackend(), options.codegen ?? true);
      const lowered: Lowered = {
        graph: plan.graph,
        steps: plan.steps,
        text: () => graphText(plan.graph, plan.steps, plan.folded),
        dot: () => graphDot(plan.graph, plan.steps, plan.folded),
      };
      entry = { key, leaves, exe, lowered };
    } catch (err) {
      for (const t of traced.before.values()) t.dispose();
      throw err;
    }
    const stale = cache.get(key);
    stale?.exe.dispose();
    cache.set(key, entry);
    compiles++;
    last = entry;
    return { entry, traced };
  };

  const call = (...args: Parameters<F>): ReturnType<F> => {
    calls++;
    // Inside another trace the calls are part of that graph; under a gradient tape they must be recorded.
    if (isTracing() || isRecording()) {
      eagerCalls++;
      return fn(...args) as ReturnType<F>;
    }
    const { key, leaves } = signature(args);
    const hit = cache.get(key);
    if (hit) {
      const stale = hit.exe.staleReason();
      if (stale === undefined) {
        cacheHits++;
        last = hit;
        return hit.exe.run(argTensors(args)) as ReturnType<F>;
      }
      return compile(args, key, leaves, stale, false).traced.result as ReturnType<F>;
    }
    const reason = last === undefined ? undefined : changeReason(last.leaves, leaves);
    return compile(args, key, leaves, reason, false).traced.result as ReturnType<F>;
  };

  const jitted = call as Jitted<F>;
  jitted.lower = (...args: Parameters<F>): Lowered => {
    const { key, leaves } = signature(args);
    const hit = cache.get(key);
    if (hit && hit.exe.staleReason() === undefined) return hit.lowered;
    const reason = last === undefined ? undefined : hit ? (hit.exe.staleReason() as string) : changeReason(last.leaves, leaves);
    const { entry, traced } = compile(args, key, leaves, reason, true);
    // Lowering must not change anything: undo the traced call's in-place writes, drop its result.
    for (const [target, before] of traced.before) adoptData(target, before);
    disposeTraceResult(traced.result, traced.graph.output);
    return entry.lowered;
  };
  jitted.stats = (): JitStats => ({
    calls,
    compiles,
    cacheHits,
    eagerCalls,
    recompiles: [...recompiles],
    tracedKernels: last?.exe.plan.counts.traced ?? 0,
    kernelsPerCall: last?.exe.kernelsLaunched ?? 0,
    passes: last?.exe.plan.counts,
    unfusedGroups: last?.exe.unfusedGroups ?? 0,
  });
  jitted.clear = () => {
    for (const e of cache.values()) e.exe.dispose();
    cache.clear();
    last = undefined;
  };
  return jitted;
}

type Method = (this: unknown, ...args: never[]) => unknown;

function decorate<M extends Method>(method: M, options: JitOptions, context: ClassMethodDecoratorContext): M {
  const perInstance = new WeakMap<object, Jitted<(...args: never[]) => unknown>>();
  const methodName = String(context.name);
  return function (this: object, ...args: never[]) {
    let j = perInstance.get(this);
    if (!j) {
      const userGuard = options.guard;
      const training = () => (this as { training?: unknown }).training;
      j = makeJitted((...a: never[]) => method.apply(this, a), {
        ...options,
        name: options.name ?? `${(this as { constructor?: { name?: string } }).constructor?.name ?? 'object'}.${methodName}`,
        guard: () => [typeof training() === 'boolean' ? training() : null, userGuard ? userGuard() : null],
      });
      perInstance.set(this, j);
    }
    return j(...args);
  } as M;
}

function isLegacyDescriptor(v: unknown): v is PropertyDescriptor {
  return typeof v === 'object' && v !== null && typeof (v as PropertyDescriptor).value === 'function';
}

function isDecoratorContext(v: unknown): v is ClassMethodDecoratorContext {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'method' && 'name' in v;
}

const JIT_KEYS: OptionKeys<JitOptions> = { name: true, maxRecompiles: true, codegen: true, passes: true, guard: true };

/** `jit`'s options, and their `passes`, with unknown keys refused. */
function checkJitOptions(options: unknown): JitOptions {
  const checked = checkOptions<JitOptions>(options, 'jit', JIT_KEYS);
  const passes = checkOptions<PassOptions>(checked.passes, 'jit passes', { dce: true, cse: true, fold: true, fuse: true });
  const fail = (key: string, expected: string, value: unknown): TypeError =>
    new TypeError(
      `jit: options.${key} must be ${expected}, but got ${describeType(value)}${typeof value === 'number' ? ` ${value}` : ''}.`,
    );
  const { name, maxRecompiles, codegen, guard } = checked;
  if (name !== undefined && typeof name !== 'string') throw fail('name', 'a string', name);
  if (
    maxRecompiles !== undefined &&
    !(maxRecompiles === Number.POSITIVE_INFINITY || (Number.isSafeInteger(maxRecompiles) && maxRecompiles >= 0))
  ) {
    throw fail('maxRecompiles', 'an integer >= 0 or Infinity', maxRecompiles);
  }
  if (codegen !== undefined && typeof codegen !== 'boolean') throw fail('codegen', 'a boolean', codegen);
  if (guard !== undefined && typeof guard !== 'function') throw fail('guard', 'a function', guard);
  for (const [key, v] of Object.entries(passes)) {
    if (v !== undefined && typeof v !== 'boolean') throw fail(`passes.${key}`, 'a boolean', v);
  }
  return checked;
}

/**
 * Compiles `fn` (MindSpore `ms.jit`): the first call of each input signature (argument shapes,
 * dtypes, non-tensor values, the active backend) runs `fn` once while tracing it into an SSA
 * graph; the graph is optimised (dead code, constants, shared subexpressions, fused elementwise
 * chains) and cached, and later calls replay it without running `fn`'s JavaScript. In-place
 * writes with `ops.assign*` to Parameters (and to any tensor that outlives the call) happen on
 * every call, in program order. As a standard decorator, `@jit` or `@jit(options)` compiles a
 * method per instance (a Cell's `construct`, retracing when `setTrain` changes the mode).
 *
 * Traced code must not read tensor values (`dataSync`, `await t.data()`, printing): that is an
 * error naming the line. Under a gradient tape (inside `valueAndGrad`'s function), a jitted
 * function runs eagerly so gradients flow; jit the whole training step instead.
 * @example
 * const step = jit((x: Tensor, y: Tensor) => {
 *   const [loss, grads] = gradFn(x, y);
 *   opt.call(grads);
 *   return loss;
 * });
 * step(x, y); // traces, compiles and runs
 * step(x, y); // replays
 * @typeParam F - The function's type: the jitted function takes and returns the same.
 */
export function jit<F extends (...args: never[]) => unknown>(fn: F, options?: JitOptions): Jitted<F>;
/**
 * `@jit` on a method.
 * @example
 * ```ts
 * class Net extends Cell {
 *   dense = new nn.Dense(3, 2);
 *   @jit
 *   override construct(x: Tensor) {
 *     return ops.relu(this.dense.call(x));
 *   }
 * }
 * ```
 */
export function jit<M extends Method>(method: M, context: ClassMethodDecoratorContext): M;
/**
 * `@jit(options)` on a method.
 * @example
 * ```ts
 * class Net extends Cell {
 *   dense = new nn.Dense(3, 2);
 *   @jit({ maxRecompiles: 2 })
 *   override construct(x: Tensor) {
 *     return this.dense.call(x);
 *   }
 * }
 * ```
 */
export function jit(options: JitOptions): <M extends Method>(method: M, context: ClassMethodDecoratorContext) => M;
/**
 * `@jit` on a method under TypeScript's `experimentalDecorators` (legacy decorators).
 * @example
 * ```ts
 * // tsconfig.json: "experimentalDecorators": true
 * class Net extends Cell {
 *   @jit
 *   override construct(x: Tensor) {
 *     return ops.relu(x);
 *   }
 * }
 * ```
 */
export function jit(target: object, key: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
export function jit(fnOrOptions: unknown, second?: unknown, third?: unknown): unknown {
  if (isLegacyDescriptor(third) && (typeof second === 'string' || typeof second === 'symbol')) {
    const method = third.value as Method;
    const context = { kind: 'method', name: second } as ClassMethodDecoratorContext;
    return { ...third, value: decorate(method, {}, context) };
  }
  if (typeof fnOrOptions === 'function') {
    if (isDecoratorContext(second)) return decorate(fnOrOptions as Method, {}, second);
    return makeJitted(fnOrOptions as (...args: never[]) => unknown, checkJitOptions(second));
  }
  if (fnOrOptions !== undefined && (typeof fnOrOptions !== 'object' || fnOrOptions === null)) {
    throw new TypeError(`jit: expected a function, or an options object for @jit(options), but got ${String(fnOrOptions)}.`);
  }
  const options = checkJitOptions(fnOrOptions);
  return (method: unknown, context: unknown, descriptor?: unknown) => {
    if (isLegacyDescriptor(descriptor) && (typeof context === 'string' || typeof context === 'symbol')) {
      return {
        ...descriptor,
        value: decorate(descriptor.value as Method, options, { kind: 'method', name: context } as ClassMethodDecoratorContext),
      };
    }
    if (typeof method !== 'function' || !isDecoratorContext(context)) throw new TypeError('@jit(options) decorates class methods.');
    return decorate(method as Method, options, context);
  };
}

export type { ArgTensor };
