/**
 * The engine: where a Tensor's storage lives, how kernels run, and the FinalizationRegistry
 * safety net (the scopes, `tidy` and `keep`, are in scope.ts).
 */
import type { Backend } from './backendTypes.js';
import { getBackend, getKernel } from './backendRegistry.js';
import type { DType } from './dtype.js';
import type { CorePrimitiveName, DataId, PrimitiveAttrs, PrimitiveInputs, PrimitiveName, TensorInfo } from './primitives.js';
import { sizeOf } from './shape.js';
import { deferDisposal, isRecording, record, swapRecorded, tapeKnows } from './tape.js';
import { Tensor, tensorInit } from './tensor.js';
import { traceHooks, untraced } from './trace.js';
import { emit } from './events.js';
import { argError, checkArray, checkObject } from './argChecks.js';
import { assertDType } from './dtype.js';
import { showValue } from './options.js';
import { track } from './scope.js';
import { stateSlot } from './stateSlot.js';

export { type EngineEvent, emit, onEngineEvent } from './events.js';

/** Internal storage record of one Tensor. */
export interface TensorState {
  backend: Backend | undefined;
  dataId: DataId | undefined;
  shape: readonly number[];
  readonly dtype: DType;
  disposed: boolean;
  kept: boolean;
  /** Produces the tensor's value on first use (lazy initialisers). */
  lazy: (() => Tensor) | undefined;
  /** Frees what the lazy initialiser holds when the tensor is disposed before first use. */
  release?: (() => void) | undefined;
  readonly stack: string | undefined;
  /** Bumped by every in-place write (adoptData), so the tape can detect stale saved inputs. */
  version: number;
  /** Registered with the FinalizationRegistry (see {@link watchTensor}). */
  watched: boolean;
}

let liveTensors = 0;
let debugMode = false;
let nextId = 0;

const finalizer = new FinalizationRegistry<TensorState>((state) => {
  if (state.disposed) return;
  freeState(state);
  emit({ type: 'leak', shape: state.shape, dtype: state.dtype, backend: state.backend?.name ?? 'none', stack: state.stack });
});

/**
 * In debug mode every Tensor records where it was created, and leak events carry that stack.
 * @example
 * setDebug(true);
 */
export function setDebug(on: boolean): void {
  debugMode = on;
}

/** A fresh id for a new Tensor. */
export function nextTensorId(): number {
  return nextId++;
}

/**
 * Whether `t` was passed to `keep` (so a scope, or an API that frees what it is handed, leaves
 * it alone).
 * @example
 * isKept(keep(t)); // true
 */
export function isKept(t: Tensor): boolean {
  return stateOf(t).kept;
}

// ---------------------------------------------------------------------------------- state

/** Creates the state of a new Tensor and registers it with the memory trackers. */
export function initState(
  t: Tensor,
  state: Omit<TensorState, 'disposed' | 'kept' | 'stack' | 'version' | 'watched'>,
  tracked: boolean,
): void {
  // Every field listed in one literal, in one order: a spread of `state` (whose optional fields
  // vary) makes V8 build each state on a slow path, a large share of an op's cost on small tensors.
  const full: TensorState = {
    backend: state.backend,
    dataId: state.dataId,
    shape: state.shape,
    dtype: state.dtype,
    lazy: state.lazy,
    release: state.release,
    disposed: false,
    kept: false,
    stack: debugMode ? new Error().stack : undefined,
    version: 0,
    watched: false,
  };
  stateSlot.write(t, full);
  liveTensors++;
  if (!(tracked && track(t))) watch(t, full);
  traceHooks()?.created(t);
}

/**
 * Puts `t` under the FinalizationRegistry safety net (its storage is freed, and a leak event
 * emitted, if it is garbage-collected undisposed). A tensor a `tidy` scope tracks is not
 * registered while the scope holds it: the scope's reference keeps it from being collected, and
 * the scope disposes it. It is registered when it leaves the scopes undisposed (returned from the
 * outermost tidy, kept, or its disposal deferred by a tape). Registering costs a fifth of a small
 * op, and the registry's cells make every young-generation collection slower.
 */
export function watchTensor(t: Tensor): void {
  watch(t, stateOf(t));
}

function watch(t: Tensor, state: TensorState): void {
  if (state.watched || state.disposed) return;
  state.watched = true;
  finalizer.register(t, state, t);
}

/**
 * The state of `t`, for backend and op authors; a TypeError naming `argName` if `t` is not a
 * Tensor the engine created (a plain object, or one that only inherits from `Tensor.prototype`).
 */
export function stateOf(t: Tensor, argName = 'tensor'): TensorState {
  const state = stateSlot.read(t) as TensorState | undefined;
  if (state === undefined) throw notATensor(t, argName);
  return state;
}

function notATensor(value: unknown, argName: string): TypeError {
  // Never String(value): a fake Tensor's toString would come back here and recurse.
  if (value instanceof Tensor) {
    return new TypeError(
      `${argName} must be a Tensor created by mindts (tensor(), new Tensor(), an op), but got an object that only inherits from Tensor.prototype.`,
    );
  }
  return new TypeError(`${argName} must be a Tensor, but got ${showValue(value)}.`);
}

function disposedError(state: TensorState): Error {
  return new Error(
    `Tensor has been disposed (shape=[${state.shape.join(', ')}], dtype=${state.dtype}); it cannot be used again. Keep it with keep() or create it outside tidy().`,
  );
}

/**
 * The storage handle, shape and dtype of `t`, materialising a lazy tensor and moving it to
 * the active backend if it lives on another one. Throws if `t` was disposed.
 * @example
 * const { dataId, shape, dtype } = tensorInfo(t);
 */
export function tensorInfo(t: Tensor, backend?: Backend): TensorInfo & { backend: Backend } {
  if (backend !== undefined) checkBackend(backend, 'tensorInfo');
  return infoOf(t, backend, 'tensorInfo: t');
}

/** Throws unless `backend` looks like a {@link Backend} (O(1): its storage methods are there). */
function checkBackend(backend: unknown, where: string): void {
  const b = backend as Partial<Backend> | null;
  if (
    b === null ||
    typeof b !== 'object' ||
    typeof b.write !== 'function' ||
    typeof b.readSync !== 'function' ||
    typeof b.disposeData !== 'function'
  ) {
    throw argError(where, 'backend', 'a Backend (an object with write, readSync and disposeData)', backend);
  }
}

/** {@link tensorInfo} without the backend check, for the engine's own calls (once per kernel input). */
function infoOf(t: Tensor, backend: Backend | undefined, argName: string): TensorInfo & { backend: Backend } {
  const state = stateOf(t, argName);
  if (state.disposed) throw disposedError(state);
  if (state.lazy) materialize(t, state);
  const target = backend ?? state.backend ?? getBackend();
  if (state.backend !== target && state.dataId !== undefined && state.backend) {
    const values = state.backend.readSync(state.dataId);
    const moved = target.write(values.slice(), state.shape, state.dtype);
    state.backend.disposeData(state.dataId);
    state.dataId = moved;
    state.backend = target;
  }
  return { dataId: state.dataId as DataId, shape: state.shape, dtype: state.dtype, backend: state.backend as Backend };
}

function materialize(t: Tensor, state: TensorState): void {
  const init = state.lazy as () => Tensor;
  state.lazy = undefined;
  state.release = undefined;
  // A lazy initialiser runs once, whenever first used: never part of a traced graph.
  untraced(() => {
    const source = init();
    const info = tensorInfo(source);
    if (info.dtype !== state.dtype || sizeOf(info.shape) !== sizeOf(state.shape)) {
      throw new Error(
        `A lazy initialiser produced shape [${info.shape.join(', ')}] ${info.dtype} for a tensor of shape [${state.shape.join(', ')}] ${state.dtype}.`,
      );
    }
    adoptData(t, source);
  });
}

/** Whether `t` still waits for its lazy initialiser. */
export function isLazy(t: Tensor): boolean {
  return stateOf(t).lazy !== undefined;
}

/**
 * Replaces `target`'s storage with `source`'s (which must have the same dtype) and retires
 * `source` without freeing that storage. This is how in-place updates work: kernels compute a
 * new buffer, then it becomes the target's.
 * @example
 * adoptData(param, runKernel('Cast', [value], { dtype: param.dtype }));
 */
export function adoptData(target: Tensor, source: Tensor, shape?: readonly number[]): void {
  const ts = stateOf(target);
  const ss = stateOf(source);
  if (ts.disposed) throw disposedError(ts);
  if (ss.disposed) throw disposedError(ss);
  if (ss.lazy) materialize(source, ss);
  if (ts.dtype !== ss.dtype) throw new Error(`adoptData: dtype ${ss.dtype} does not match the target's ${ts.dtype}.`);
  traceHooks()?.adopt(target, source);
  // A first materialisation (no old value) is no write; a write to what a tape recorded keeps the old value.
  if (ts.dataId !== undefined && isRecording() && !traceHooks() && tapeKnows(target)) {
    swapWithOld(target, ts, source, ss, shape);
    return;
  }
  if (ts.backend && ts.dataId !== undefined) ts.backend.disposeData(ts.dataId);
  ts.backend = ss.backend;
  ts.dataId = ss.dataId;
  ts.lazy = undefined;
  ts.release?.();
  ts.release = undefined;
  ts.shape = shape ?? ss.shape;
  ts.version++;
  retire(source, ss);
}

/**
 * An in-place write to a tensor a tape depends on: `source` keeps the old value (its storage,
 * shape and version) for back-propagation, the tapes swap the two (swapRecorded), and `source`
 * is freed when the tape is released. So `c.setItem(i, v)` inside `valueAndGrad` differentiates
 * like any other op: earlier uses of `c` get gradients through its old value, later ones through
 * the new.
 */
function swapWithOld(target: Tensor, ts: TensorState, source: Tensor, ss: TensorState, shape?: readonly number[]): void {
  const old = { backend: ts.backend, dataId: ts.dataId, shape: ts.shape, version: ts.version };
  ts.backend = ss.backend;
  ts.dataId = ss.dataId;
  ts.shape = shape ?? ss.shape;
  ts.version++;
  ss.backend = old.backend;
  ss.dataId = old.dataId;
  ss.shape = old.shape;
  ss.version = old.version;
  swapRecorded(target, source);
  source.dispose();
}

function retire(t: Tensor, state: TensorState): void {
  state.disposed = true;
  state.dataId = undefined;
  liveTensors--;
  if (state.watched) finalizer.unregister(t);
}

function freeState(state: TensorState): void {
  if (state.backend && state.dataId !== undefined) state.backend.disposeData(state.dataId);
  state.release?.();
  state.lazy = undefined;
  state.release = undefined;
  state.dataId = undefined;
  state.disposed = true;
  liveTensors--;
}

/** Disposes `t`'s storage; a second call does nothing. */
export function disposeTensor(t: Tensor): void {
  const state = stateOf(t);
  if (state.disposed || deferDisposal(t)) return;
  freeState(state);
  if (state.watched) finalizer.unregister(t);
}

/**
 * How many in-place writes `t` has had.
 * @example
 * const v = versionOf(t);
 * t.setItem(0, 1);
 * versionOf(t); // v + 1
 */
export function versionOf(t: Tensor): number {
  return stateOf(t).version;
}

/**
 * Whether `t` has been disposed.
 * @example
 * t.dispose();
 * isDisposed(t); // true
 */
export function isDisposed(t: Tensor): boolean {
  return stateOf(t).disposed;
}

// ---------------------------------------------------------------------------------- kernels

type AsTensors<T> = { [K in keyof T]: Tensor };

/**
 * Tensors for a primitive's inputs, in the same positions as its TensorInfos.
 * @example
 * const inputs: TensorInputs<'Binary'> = [a, b];
 * runKernel('Binary', inputs, { op: 'add' });
 */
export type TensorInputs<N extends PrimitiveName> = AsTensors<PrimitiveInputs<N>>;

/** How many inputs each core primitive takes (Concat takes any number and checks them itself; so do plugin kernels). */
const CORE_ARITY: Readonly<Record<Exclude<CorePrimitiveName, 'Concat'>, number>> = {
  Unary: 1,
  Binary: 2,
  Reduce: 1,
  MatMul: 2,
  Reshape: 1,
  Transpose: 1,
  StridedSlice: 1,
  SliceUpdate: 2,
  Gather: 2,
  ScatterAdd: 3,
  Cast: 1,
  Fill: 0,
  Random: 0,
  Where: 3,
  BroadcastTo: 1,
  Conv2D: 2,
  Cumulative: 1,
  Argsort: 1,
  Pool2D: 1,
};

/**
 * Runs primitive `name` on the active backend and wraps the result in a new Tensor.
 * Inputs on another backend are moved first. Op authors call this; users call `ops.*`.
 * @example
 * const y = runKernel('Unary', [x], { op: 'relu' });
 */
export function runKernel<N extends PrimitiveName>(name: N, inputs: TensorInputs<N>, attrs: PrimitiveAttrs<N>): Tensor {
  if (typeof name !== 'string') throw argError('runKernel', 'name', 'a primitive name (a string)', name);
  if (!Array.isArray(inputs)) checkArray(inputs, 'runKernel', 'inputs', 'an array of Tensors');
  if (attrs === null || typeof attrs !== 'object') checkObject(attrs, 'runKernel', 'attrs', "an object (the primitive's attributes)");
  const list = inputs as unknown as Tensor[];
  const arity = Object.hasOwn(CORE_ARITY, name) ? CORE_ARITY[name as keyof typeof CORE_ARITY] : undefined;
  if (arity !== undefined && list.length !== arity) {
    throw new RangeError(`runKernel: inputs of '${name}' must be ${arity} Tensor(s), but got an array of length ${list.length}.`);
  }
  const backend = getBackend();
  const kernel = getKernel(name, backend.name);
  if (!kernel) throw new Error(`Kernel '${String(name)}' is not registered for backend '${backend.name}'.`);
  const infos = new Array<TensorInfo>(list.length);
  for (let i = 0; i < list.length; i++) infos[i] = infoOf(list[i] as Tensor, backend, `runKernel: inputs[${i}]`);
  const out = wrap(kernel(backend, infos as PrimitiveInputs<N>, attrs), backend);
  if (isRecording()) record(name, inputs as unknown as Tensor[], attrs, out);
  traceHooks()?.kernel(name, inputs as unknown as Tensor[], attrs, out);
  return out;
}

/**
 * Wraps a kernel result (a fresh data handle on `backend`) in a new Tensor.
 * @example
 * const y = wrapInfo(myKernel(backend, [tensorInfo(x, backend)], attrs), backend);
 */
export function wrapInfo(info: TensorInfo, backend: Backend): Tensor {
  checkObject(info, 'wrapInfo', 'info', 'a TensorInfo { dataId, shape, dtype }');
  if (info.dataId === undefined || info.dataId === null) throw argError('wrapInfo', 'info.dataId', 'a data handle', info.dataId);
  checkArray(info.shape, 'wrapInfo', 'info.shape', 'an array of numbers');
  assertDType(info.dtype, 'wrapInfo: info.dtype');
  checkBackend(backend, 'wrapInfo');
  return wrap(info, backend);
}

/** {@link wrapInfo} without the checks, for a kernel result the engine wraps. */
function wrap(info: TensorInfo, backend: Backend): Tensor {
  return new Tensor(tensorInit({ backend, dataId: info.dataId, shape: [...info.shape], dtype: info.dtype }));
}

/** Tensors created and not yet disposed or collected (for `memory()`). */
export function liveTensorCount(): number {
  return liveTensors;
}
