/**
 * The default engine of DESIGN §6: gpu.js on a real GPU mode → the WebAssembly SIMD backend → the
 * pure-TypeScript CPU backend. Nothing here runs on import; `useDefaultBackends()` registers the
 * chain when the user asks for it.
 */
import { type CpuBackend, type CpuOptions, cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, type GpujsOptions, gpujs } from '@mindts/backend-gpujs';
import { type WasmBackend, type WasmOptions, wasm } from '@mindts/backend-wasm';
import { listBackends, onEngineEvent, ready, registerBackend } from '@mindts/tensor';
import type { Backend, BackendFactory } from '@mindts/tensor/backend';

/**
 * Options of {@link defaultBackends} and {@link useDefaultBackends}: each backend's own options,
 * or `false` to leave it out of the chain.
 * @example
 * await ms.useDefaultBackends({ gpujs: false, wasm: { threads: 1 } });
 */
export interface DefaultBackendsOptions {
  /** Options of the gpu.js backend (default `{ requireGpu: true }`: a GPU mode or nothing). */
  gpujs?: GpujsOptions | false;
  /** Options of the WebAssembly SIMD backend (default `{}`). */
  wasm?: WasmOptions | false;
  /** Options of the CPU reference backend (default `{}`). */
  cpu?: CpuOptions | false;
}

/**
 * A backend of the chain that could not start, with the reason its `create()` gave.
 * @example
 * const skipped: ms.SkippedBackend = { backend: 'gpujs', reason: 'no gpu.js GPU mode works here (requireGpu): …' };
 */
export interface SkippedBackend {
  backend: string;
  reason: string;
}

/**
 * What {@link useDefaultBackends} chose.
 * @example
 * const { backend, skipped } = await ms.useDefaultBackends();
 * console.log(backend.name, skipped.map((s) => `${s.backend}: ${s.reason}`));
 */
export interface DefaultEngine {
  /** The active backend, ready for tensors. */
  backend: Backend;
  /** Backends passed over, in the order tried, each with its reason (also `backendSkipped` engine events). */
  skipped: SkippedBackend[];
  /** Names this call registered; a name already registered is kept as it was and not listed. */
  registered: string[];
}

/**
 * A factory of the default chain.
 * @example
 * const names = ms.defaultBackends().map((f: ms.DefaultBackendFactory) => f.name); // ['gpujs', 'wasm', 'cpu']
 */
export type DefaultBackendFactory = BackendFactory<GpujsBackend> | BackendFactory<WasmBackend> | BackendFactory<CpuBackend>;

const CHAIN = ['gpujs', 'wasm', 'cpu'] as const;

function checkOptions(options: unknown): asserts options is DefaultBackendsOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`defaultBackends: options must be an object, but got ${options === null ? 'null' : typeof options}.`);
  }
  const known = new Set<string>(CHAIN);
  for (const [key, value] of Object.entries(options)) {
    if (!known.has(key))
      throw new TypeError(`defaultBackends: options.${key} is not a backend of the chain; expected one of ${CHAIN.join(', ')}.`);
    if (value !== undefined && value !== false && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new TypeError(`defaultBackends: options.${key} must be an options object or false, but got ${JSON.stringify(value)}.`);
    }
  }
  if (CHAIN.every((key) => (options as DefaultBackendsOptions)[key] === false)) {
    throw new TypeError('defaultBackends: options leave out every backend (gpujs, wasm and cpu are all false); keep at least one.');
  }
}

/** A factory of the chain with a typed way to register it (registerBackend takes one backend type at a time). */
interface Link {
  factory: DefaultBackendFactory;
  register(): void;
}

function chain(options: DefaultBackendsOptions): Link[] {
  checkOptions(options);
  const links: Link[] = [];
  if (options.gpujs !== false) {
    const factory = gpujs({ requireGpu: true, ...options.gpujs });
    links.push({ factory, register: () => registerBackend(factory) });
  }
  if (options.wasm !== false) {
    const factory = wasm(options.wasm);
    links.push({ factory, register: () => registerBackend(factory) });
  }
  if (options.cpu !== false) {
    const factory = cpu(options.cpu);
    links.push({ factory, register: () => registerBackend(factory) });
  }
  return links;
}

/**
 * The factories of the default chain, highest priority first, without registering them:
 * `gpujs({ requireGpu: true })` (priority 3), `wasm()` (2), `cpu()` (1).
 * @example
 * for (const factory of ms.defaultBackends({ gpujs: false })) console.log(factory.name, factory.priority);
 */
export function defaultBackends(options: DefaultBackendsOptions = {}): DefaultBackendFactory[] {
  return chain(options).map((l) => l.factory);
}

/**
 * Registers the default chain (each backend whose name is not registered yet) and waits until a
 * backend is active: the first that starts, in priority order. Without a GPU, gpu.js is skipped
 * with its reason and the wasm backend runs. When a backend was already made active (`setBackend`,
 * or an earlier call), that one is kept and nothing is skipped.
 * @example
 * import * as ms from 'mindts';
 * const { backend, skipped } = await ms.useDefaultBackends();
 * backend.name; // 'wasm' on a machine without a GPU
 * skipped; // [{ backend: 'gpujs', reason: 'no gpu.js GPU mode works here (requireGpu): …' }]
 */
export async function useDefaultBackends(options: DefaultBackendsOptions = {}): Promise<DefaultEngine> {
  const links = chain(options);
  const known = new Set(listBackends());
  const registered: string[] = [];
  for (const { factory, register } of links) {
    if (known.has(factory.name)) continue;
    register();
    registered.push(factory.name);
  }
  const skipped: SkippedBackend[] = [];
  const off = onEngineEvent((event) => {
    if (event.type === 'backendSkipped') skipped.push({ backend: event.backend, reason: event.reason });
  });
  try {
    const backend = await ready();
    return { backend, skipped, registered };
  } finally {
    off();
  }
}
