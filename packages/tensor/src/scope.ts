/**
 * Memory scopes: `tidy` (sync and async) and `keep`.
 *
 * A sync `tidy` pushes its scope on a stack for the time its function runs; that path is what it
 * always was (one Set, no async machinery). An `async` function gets its own scope in an async
 * context (Node's `AsyncLocalStorage`, found through `process.getBuiltinModule` or passed to
 * {@link setAsyncContext}), so the code after each `await` is tracked by the scope it belongs to
 * and concurrent async tidies never dispose each other's tensors. Without an async context (a
 * browser), one async tidy at a time holds a scope that every tensor created meanwhile joins; a
 * second one while it is pending is refused with an error rather than guessing.
 */
import { stateOf, watchTensor } from './engine.js';
import { showValue } from './options.js';
import { Tensor } from './tensor.js';

interface Scope {
  readonly tensors: Set<Tensor>;
  /** The scope current when this one began: results go there. */
  readonly parent: Scope | undefined;
  ended: boolean;
}

/**
 * What an async context provides: Node's `AsyncLocalStorage` has this shape.
 * @example
 * const storage: AsyncContextStorage = new AsyncLocalStorage();
 * storage.run(1, () => storage.getStore()); // 1
 */
export interface AsyncContextStorage {
  /** Runs `fn` with `store` as the value `getStore` returns in it and in everything it awaits. */
  run<R>(store: unknown, fn: () => R): R;
  /** The store of the `run` call the current code descends from, or undefined. */
  getStore(): unknown;
}

/**
 * A class whose instances carry a value across `await`s, like Node's `AsyncLocalStorage`.
 * @example
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * const storageClass: AsyncContextClass = AsyncLocalStorage;
 */
export type AsyncContextClass = new () => AsyncContextStorage;

/** Scopes of the tidy calls whose function is running synchronously right now, innermost last. */
const stack: Scope[] = [];
/** The async context: undefined until first needed, null where there is none. */
let storage: AsyncContextStorage | null | undefined;
/** Whether an async scope ever ran in `storage`: until then tracking never asks it. */
let storageUsed = false;
/** Without an async context: the one async scope still open. */
let pending: Scope | undefined;
/** Async tidies not yet settled (either mode). */
let openAsync = 0;

const ASYNC_FUNCTION_PROTO = Object.getPrototypeOf(async () => {}) as object;

function builtinStorage(): AsyncContextStorage | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = proc?.getBuiltinModule?.('node:async_hooks') as { AsyncLocalStorage?: AsyncContextClass } | undefined;
  return hooks?.AsyncLocalStorage ? new hooks.AsyncLocalStorage() : null;
}

function asyncStorage(): AsyncContextStorage | null {
  if (storage === undefined) storage = builtinStorage();
  return storage;
}

/**
 * Sets the async context async `tidy` scopes live in: a class like Node's `AsyncLocalStorage`,
 * or `null` for none (one async tidy at a time). By default mindts takes `AsyncLocalStorage`
 * from `process.getBuiltinModule('node:async_hooks')` (Node ≥ 20.16 / 22.3); call this
 * on older Node, or with a polyfill in a browser. Not while an async tidy is pending.
 * @example
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * setAsyncContext(AsyncLocalStorage);
 */
export function setAsyncContext(storageClass: AsyncContextClass | null): void {
  if (openAsync > 0) {
    throw new Error(
      `setAsyncContext: ${openAsync} async tidy scope(s) are still pending; call it before starting any or after they settle.`,
    );
  }
  if (storageClass === null) {
    storage = null;
  } else {
    const made: unknown = typeof storageClass === 'function' ? new storageClass() : undefined;
    const ok = typeof made === 'object' && made !== null && typeof (made as AsyncContextStorage).run === 'function';
    if (!ok || typeof (made as AsyncContextStorage).getStore !== 'function') {
      throw new TypeError(
        `setAsyncContext: storageClass must be a class like AsyncLocalStorage (instances with run and getStore) or null, but got ${showValue(storageClass)}.`,
      );
    }
    storage = made as AsyncContextStorage;
  }
  storageUsed = false;
}

function current(): Scope | undefined {
  const top = stack[stack.length - 1];
  if (top !== undefined) return top;
  let scope = storageUsed ? ((storage as AsyncContextStorage).getStore() as Scope | undefined) : pending;
  // Code an async scope started without awaiting can outlive it: its tensors go to the parent.
  while (scope?.ended) scope = scope.parent;
  return scope;
}

/** Adds a new tensor to the current scope, if any; says whether there was one. */
export function track(t: Tensor): boolean {
  const scope = current();
  if (scope === undefined) return false;
  scope.tensors.add(t);
  return true;
}

function collect(value: unknown, out: Set<Tensor>, depth = 0): void {
  if (value instanceof Tensor) out.add(value);
  else if (depth < 4 && Array.isArray(value)) for (const v of value) collect(v, out, depth + 1);
  else if (depth < 4 && value !== null && typeof value === 'object' && !(value instanceof Promise)) {
    for (const v of Object.values(value)) collect(v, out, depth + 1);
  }
}

function pop(scope: Scope): void {
  if (stack[stack.length - 1] === scope) stack.pop();
  else {
    const i = stack.lastIndexOf(scope);
    if (i >= 0) stack.splice(i, 1);
  }
}

/** Ends `scope`: disposes what it tracked except `result`'s tensors (moved to the parent) and kept ones. */
function endScope(scope: Scope, result: unknown): void {
  scope.ended = true;
  const keepers = new Set<Tensor>();
  collect(result, keepers);
  let parent = scope.parent;
  while (parent?.ended) parent = parent.parent;
  for (const t of scope.tensors) {
    const state = stateOf(t);
    if (state.disposed) continue;
    const result = keepers.has(t);
    if (!result && !state.kept) t.dispose();
    if (state.disposed) continue;
    // A result goes on to the parent scope, and so does a tensor whose disposal a tape deferred
    // (the parent tries again at its end). Out of every scope and still alive (a result, kept, or
    // deferred), only the FinalizationRegistry stands between it and a leak from now on.
    if (parent !== undefined && (result || !state.kept)) parent.tensors.add(t);
    else watchTensor(t);
  }
  scope.tensors.clear();
}

function overlapError(): Error {
  return new Error(
    'tidy: an async tidy is already pending, and without an async context (AsyncLocalStorage) the engine cannot tell ' +
      'whose tensors are whose, so a second async scope (overlapping or nested) is refused and disposes nothing. Await the pending one first, use a sync tidy inside it, or call setAsyncContext(AsyncLocalStorage) where the platform has one.',
  );
}

function settle<T>(scope: Scope, promise: Promise<T>): Promise<T> {
  openAsync++;
  const done = () => {
    openAsync--;
    if (pending === scope) pending = undefined;
  };
  return promise.then(
    (v) => {
      done();
      endScope(scope, v);
      return v;
    },
    (err: unknown) => {
      done();
      endScope(scope, undefined);
      throw err;
    },
  );
}

/** An `async` function: with an async context its own scope, else the one pending scope. */
function tidyAsync<T>(fn: () => Promise<T>): Promise<T> {
  const context = asyncStorage();
  if (context === null && pending !== undefined) return Promise.reject(overlapError());
  const scope: Scope = { tensors: new Set(), parent: current(), ended: false };
  // Pending from the start, so a second async tidy in the synchronous part is refused too.
  if (context === null) pending = scope;
  // The synchronous part (up to the first await) runs on the stack like a sync tidy's.
  stack.push(scope);
  let promise: Promise<T>;
  try {
    if (context === null) promise = fn();
    else {
      storageUsed = true;
      promise = context.run(scope, fn);
    }
  } catch (err) {
    if (pending === scope) pending = undefined;
    endScope(scope, undefined);
    throw err;
  } finally {
    pop(scope);
  }
  return settle(scope, promise);
}

function descendsFrom(scope: Scope, ancestor: Scope): boolean {
  for (let s = scope.parent; s !== undefined; s = s.parent) if (s === ancestor) return true;
  return false;
}

/** A plain function returned a promise: the scope stays open until it settles. */
function tidyPromise<T>(scope: Scope, promise: Promise<T>): Promise<T> {
  // With an async context, or when the pending scope began inside this one (a sync tidy returning
  // an async tidy's promise), this scope only tracks its synchronous part: nothing to claim later.
  if (asyncStorage() !== null || (pending !== undefined && descendsFrom(pending, scope))) return settle(scope, promise);
  if (pending === undefined) {
    pending = scope;
    return settle(scope, promise);
  }
  // Overlapping another pending scope: dispose nothing; report once the promise settles.
  scope.ended = true;
  for (const t of scope.tensors) watchTensor(t);
  scope.tensors.clear();
  return promise.then(
    () => Promise.reject(overlapError()),
    (err: unknown) => Promise.reject(Object.assign(overlapError(), { cause: err })),
  );
}

/**
 * Runs `fn` and disposes every Tensor it created except those it returns (in an array or object)
 * and those passed to {@link keep}. An `async` function keeps its scope open until it settles and
 * tracks the code after each `await` in its own async context, so concurrent async tidies do not
 * interfere; without an async context (browsers, see {@link setAsyncContext}) only one async tidy
 * may be pending at a time and it also claims tensors other code creates meanwhile.
 * @example
 * const y = tidy(() => ops.relu(ops.add(x, 1))); // the intermediate add is freed
 * const z = await tidy(async () => ops.mul(await load(), 2)); // load's tensor is freed
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`tidy: fn must be a function, but got ${showValue(fn)}.`);
  if (Object.getPrototypeOf(fn) === ASYNC_FUNCTION_PROTO) return tidyAsync(fn as () => Promise<unknown>) as T;
  const scope: Scope = { tensors: new Set(), parent: current(), ended: false };
  stack.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (err) {
    pop(scope);
    endScope(scope, undefined);
    throw err;
  }
  pop(scope);
  if (result instanceof Promise) return tidyPromise(scope, result) as T;
  endScope(scope, result);
  return result;
}

/**
 * Keeps `t` alive past the enclosing `tidy`. Returns `t`.
 * @example
 * tidy(() => { kept = keep(ops.mul(x, 2)); });
 */
export function keep<T extends Tensor>(t: T): T {
  stateOf(t, 'keep: t').kept = true;
  return t;
}

/**
 * Whether a `tidy` scope is open here: code inside one leaves memory to the scope.
 * @example
 * tidy(() => inTidy()); // true
 */
export function inTidy(): boolean {
  return current() !== undefined;
}

/**
 * Every Tensor in `value` (a Tensor, or arrays and plain objects of them, 4 levels deep).
 * @example
 * tensorsIn([a, { b }]).size; // 2
 */
export function tensorsIn(value: unknown): Set<Tensor> {
  const out = new Set<Tensor>();
  collect(value, out);
  return out;
}
