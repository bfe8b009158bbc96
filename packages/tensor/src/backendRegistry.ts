/**
 * The backend registry: which backends exist, which one is active, and their kernels.
 * Module state, never a global on `globalThis`; nothing registers itself on import.
 */
import { checkFunction, checkObject, checkString } from './argChecks.js';
import { showValue } from './options.js';
import type { Backend, BackendFactory, KernelConfig } from './backendTypes.js';
import { emit } from './events.js';
import type { KernelFunc, PrimitiveName } from './primitives.js';

interface Entry {
  // biome-ignore lint/suspicious/noExplicitAny: the registry holds factories of every backend type.
  factory: BackendFactory<any>;
  instance?: Backend;
  pending?: Promise<Backend>;
  error?: unknown;
}

const entries = new Map<string, Entry>();
const kernels = new Map<string, KernelConfig>();
let activeName: string | undefined;

const kernelKey = (name: string, backendName: string) => `${backendName}\u0000${name}`;

/**
 * Makes a backend available. Registration does not activate it: the engine picks the
 * highest-priority backend on first use unless `setBackend` chose one.
 * @example
 * import { cpu } from '@mindts/backend-cpu';
 * registerBackend(cpu());
 */
export function registerBackend<B extends Backend>(factory: BackendFactory<B>): void {
  if (typeof factory?.name !== 'string' || typeof factory.create !== 'function') {
    throw new TypeError(`registerBackend(factory) expects { name, priority, create, kernels }, but got ${String(factory)}.`);
  }
  if (entries.has(factory.name)) {
    throw new Error(`Backend '${factory.name}' is already registered; call removeBackend('${factory.name}') first to replace it.`);
  }
  entries.set(factory.name, { factory });
  for (const [name, kernelFunc] of Object.entries(factory.kernels)) {
    kernels.set(kernelKey(name, factory.name), { name: name as PrimitiveName, backendName: factory.name, kernelFunc });
  }
}

/**
 * Removes a backend and its kernels, disposing its instance. Tensors still on it become unusable.
 * @example
 * removeBackend('cpu');
 */
export function removeBackend(name: string): void {
  const entry = entries.get(name);
  if (!entry) return;
  entry.instance?.dispose?.();
  entries.delete(name);
  for (const [key, config] of kernels) if (config.backendName === name) kernels.delete(key);
  if (activeName === name) activeName = undefined;
}

/**
 * Names of the registered backends, highest priority first.
 * @example
 * listBackends(); // ['cpu']
 */
export function listBackends(): string[] {
  return [...entries.values()].sort((a, b) => b.factory.priority - a.factory.priority).map((e) => e.factory.name);
}

function entryOf(name: string): Entry {
  if (typeof name !== 'string') throw new TypeError(`A backend name must be a string, but got ${showValue(name)}.`);
  const entry = entries.get(name);
  if (!entry) {
    const known = listBackends();
    throw new Error(`Backend '${name}' is not registered; registered backends: ${known.length ? known.join(', ') : 'none'}.`);
  }
  return entry;
}

/** A factory must build a backend of its own name, or kernels would run on the wrong one. */
function checkName(entry: Entry, backend: Backend): Backend {
  if (backend.name !== entry.factory.name) {
    throw new Error(
      `Backend factory '${entry.factory.name}' created a backend named '${backend.name}'; the names must match (pass the name to the backend's constructor).`,
    );
  }
  return backend;
}

function instantiate(entry: Entry): Backend | Promise<Backend> {
  if (entry.instance) return entry.instance;
  if (entry.pending) return entry.pending;
  const made = entry.factory.create();
  if (made instanceof Promise) {
    entry.pending = made.then(
      (b) => {
        entry.instance = checkName(entry, b);
        entry.pending = undefined;
        return b;
      },
      (err: unknown) => {
        entry.pending = undefined;
        entry.error = err;
        throw err;
      },
    );
    return entry.pending;
  }
  entry.instance = checkName(entry, made);
  return made;
}

/**
 * Makes `name` the active backend. Resolves once it is ready; a backend whose `create` is
 * synchronous is active as soon as this returns.
 * @example
 * await setBackend('cpu');
 */
export function setBackend(name: string): Promise<void> {
  let made: Backend | Promise<Backend>;
  try {
    made = instantiate(entryOf(name));
  } catch (err) {
    return Promise.reject(err);
  }
  if (made instanceof Promise) {
    return made.then(() => {
      activeName = name;
    });
  }
  activeName = name;
  return Promise.resolve();
}

/**
 * Waits until a backend is active: the one `setBackend` chose, or else the highest-priority
 * registered backend that initialises (a failing one is skipped for the next, announced as a
 * `backendSkipped` engine event with its reason).
 * @example
 * await ready();
 */
export async function ready(): Promise<Backend> {
  if (activeName) return instantiate(entryOf(activeName));
  const failures: string[] = [];
  for (const name of listBackends()) {
    try {
      await setBackend(name);
      return instantiate(entryOf(name));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      failures.push(`${name}: ${reason}`);
      emit({ type: 'backendSkipped', backend: name, reason });
    }
  }
  throw new Error(noBackendMessage(failures));
}

function noBackendMessage(failures: string[] = []): string {
  if (failures.length) return `No backend could be initialised (${failures.join('; ')}).`;
  return "No backend is registered. Register one first: import { cpu } from '@mindts/backend-cpu'; registerBackend(cpu());";
}

/**
 * The active backend. Without a `setBackend` call, activates the highest-priority registered
 * backend whose creation is synchronous.
 * @example
 * getBackend().name; // 'cpu'
 */
export function getBackend(): Backend {
  if (!activeName) {
    for (const name of listBackends()) {
      const entry = entryOf(name);
      if (entry.error) continue;
      const made = instantiate(entry);
      if (made instanceof Promise) {
        throw new Error(`Backend '${name}' is still initialising; call \`await ready()\` before using tensors.`);
      }
      activeName = name;
      return made;
    }
    throw new Error(noBackendMessage());
  }
  const made = instantiate(entryOf(activeName));
  if (made instanceof Promise) {
    throw new Error(`Backend '${activeName}' is still initialising; call \`await ready()\` before using tensors.`);
  }
  return made;
}

/**
 * Name of the active backend, or undefined when none has been chosen yet.
 * @example
 * getBackendName(); // 'cpu'
 */
export function getBackendName(): string | undefined {
  return activeName;
}

/** Every instantiated backend (for memory reports). */
export function instantiatedBackends(): Backend[] {
  return [...entries.values()].flatMap((e) => (e.instance ? [e.instance] : []));
}

/**
 * Adds a kernel for a primitive on a backend (a plugin's new op, or a backend-specific one).
 * @example
 * registerKernel({ name: 'Unary', backendName: 'cpu', kernelFunc: myUnary });
 */
export function registerKernel<N extends PrimitiveName>(config: KernelConfig<N>): void {
  checkObject(config, 'registerKernel', 'config', 'an object { name, backendName, kernelFunc }');
  checkString(config.name, 'registerKernel', 'config.name');
  checkString(config.backendName, 'registerKernel', 'config.backendName');
  checkFunction(config.kernelFunc, 'registerKernel', 'config.kernelFunc');
  const key = kernelKey(config.name, config.backendName);
  if (kernels.has(key)) {
    throw new Error(
      `Kernel '${config.name}' is already registered for backend '${config.backendName}'; unregisterKernel it first to replace it.`,
    );
  }
  kernels.set(key, config as unknown as KernelConfig);
}

/**
 * Removes a kernel registration.
 * @example
 * unregisterKernel('MyOp', 'cpu');
 */
export function unregisterKernel(name: PrimitiveName, backendName: string): void {
  checkString(name, 'unregisterKernel', 'name');
  checkString(backendName, 'unregisterKernel', 'backendName');
  kernels.delete(kernelKey(name, backendName));
}

/**
 * The kernel for `name` on `backendName`, or undefined.
 * @example
 * getKernel('MatMul', 'cpu');
 */
// biome-ignore lint/suspicious/noExplicitAny: kernels are stored for every backend type.
export function getKernel<N extends PrimitiveName>(name: N, backendName: string): KernelFunc<N, any> | undefined {
  if (typeof name !== 'string') checkString(name, 'getKernel', 'name');
  if (typeof backendName !== 'string') checkString(backendName, 'getKernel', 'backendName');
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  return kernels.get(kernelKey(name, backendName))?.kernelFunc as KernelFunc<N, any> | undefined;
}
