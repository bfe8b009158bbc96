/**
 * `registerPluginExample()`: the one call that makes the plugin usable. Importing the package
 * registers nothing (`sideEffects: false`), so bundlers can drop what an app does not use and
 * tests decide what is registered. Calling it again is harmless; a name taken by someone else is
 * an error that says which.
 */
import { listInitializers, registerInitializer } from '@mindts/initializer';
import { registerGradient } from '@mindts/ops';
import { checkOptions } from '@mindts/tensor';
import { getKernel, type KernelFunc, registerKernel } from '@mindts/tensor/backend';
import { mishCpu } from './kernels/mishCpu.js';
import { mishGpujs } from './kernels/mishGpujs.js';
import { mishHost } from './kernels/mishHost.js';
import { mishGrad } from './mishGrad.js';
import { MISH } from './primitive.js';
import { Rademacher } from './rademacher.js';

/**
 * Which backends get a `Mish` kernel, by the names they were registered under (backends can be
 * renamed: `cpu({ name: 'cpu-ref' })`). A kernel for a backend that is not registered is
 * harmless: the kernel registry is keyed by name and consulted only when that backend runs.
 * @example
 * registerPluginExample({ cpu: ['cpu', 'cpu-ref'], wasm: [], gpujs: ['gpujs'] });
 */
export interface PluginExampleOptions {
  /** Backends made by `cpu()` (default `['cpu']`): the zero-copy CPU kernel. */
  cpu?: readonly string[];
  /** Backends made by `wasm()` (default `['wasm']`), or any backend that reads synchronously: the host kernel. */
  wasm?: readonly string[];
  /** Backends made by `gpujs()` (default `['gpujs']`): the gpu.js kernel. */
  gpujs?: readonly string[];
}

/** The initializer's registered name: `initializer('rademacher', shape)`. */
const INITIALIZER_NAME = 'rademacher';

// The gradient and initializer registries have no way to ask "is this rule mine?", so the plugin
// remembers what it registered. Kernels need no flag: getKernel returns the function itself.
let gradientRegistered = false;
let initializerRegistered = false;

// biome-ignore lint/suspicious/noExplicitAny: the registry stores kernels of every backend type.
type MishKernel = KernelFunc<typeof MISH, any>;

/** The kernel each option's backends get. */
const KERNELS = { cpu: mishCpu, wasm: mishHost, gpujs: mishGpujs } satisfies Record<keyof PluginExampleOptions, MishKernel>;

function namesOf(value: unknown, option: keyof PluginExampleOptions): readonly string[] {
  if (value === undefined) return [option];
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string' || n === '')) {
    throw new TypeError(`registerPluginExample: options.${option} must be an array of backend names, but got ${JSON.stringify(value)}.`);
  }
  return value as string[];
}

function registerMishKernel(backendName: string, kernelFunc: MishKernel, option: string): void {
  const existing = getKernel(MISH, backendName);
  if (existing === kernelFunc) return;
  if (existing) {
    throw new Error(
      `registerPluginExample: backend '${backendName}' (options.${option}) already has a different '${MISH}' kernel, from another plugin or another copy of @mindts/plugin-example; call unregisterKernel('${MISH}', '${backendName}') first to replace it.`,
    );
  }
  registerKernel({ name: MISH, backendName, kernelFunc });
}

/**
 * Registers the `Mish` kernels (CPU, host for wasm, gpu.js), the `Mish` gradient rule and the
 * 'rademacher' initializer. Idempotent: a second call adds only what is missing (kernels for new
 * backend names, or again after `removeBackend` dropped a backend's kernels).
 * @example
 * import { registerBackend, tensor } from '@mindts/tensor';
 * import { cpu } from '@mindts/backend-cpu';
 * import { mish, registerPluginExample } from '@mindts/plugin-example';
 * registerBackend(cpu());
 * registerPluginExample();
 * mish(tensor([1], 'float32')); // [0.8651]
 */
export function registerPluginExample(options: PluginExampleOptions = {}): void {
  checkOptions<PluginExampleOptions>(options, 'registerPluginExample', { cpu: true, wasm: true, gpujs: true });
  const plan: { backendName: string; option: keyof PluginExampleOptions }[] = [];
  for (const option of ['cpu', 'wasm', 'gpujs'] as const) {
    for (const backendName of namesOf(options[option], option)) {
      const other = plan.find((p) => p.backendName === backendName);
      if (other) {
        throw new RangeError(
          `registerPluginExample: backend '${backendName}' is named in both options.${other.option} and options.${option}.`,
        );
      }
      plan.push({ backendName, option });
    }
  }
  // Checked before anything is registered: the initializer registry can be asked, unlike the gradient's.
  if (!initializerRegistered && listInitializers().includes(INITIALIZER_NAME)) {
    throw new Error(`registerPluginExample: an initializer named '${INITIALIZER_NAME}' was already registered by another plugin.`);
  }
  for (const { backendName, option } of plan) registerMishKernel(backendName, KERNELS[option], option);
  if (!gradientRegistered) {
    try {
      registerGradient(MISH, mishGrad);
    } catch (err) {
      throw new Error(`registerPluginExample: another plugin already registered a gradient for '${MISH}' (${(err as Error).message})`);
    }
    gradientRegistered = true;
  }
  if (!initializerRegistered) {
    registerInitializer(INITIALIZER_NAME, () => new Rademacher());
    initializerRegistered = true;
  }
}
