/**
 * The `Mish` primitive: its name, its signature (added to the engine's typed primitive table by
 * module augmentation, so `runKernel('Mish', …)`, `registerKernel` and `registerGradient` are
 * type-checked like the core primitives) and the dtype contract every backend's kernel keeps.
 */
import { type DType, describeType } from '@mindts/tensor';
import type { TensorInfo } from '@mindts/tensor/backend';

declare module '@mindts/tensor/backend' {
  interface Primitives {
    /** `x · tanh(softplus(x))` elementwise on a float tensor; same shape and dtype out. */
    Mish: { inputs: [x: TensorInfo]; attrs: Record<string, never> };
  }
}

/**
 * The kernel name of the primitive, shared by every backend's registration and the gradient.
 * @example
 * getKernel(MISH, 'cpu'); // the CPU kernel, once registerPluginExample() ran
 */
export const MISH = 'Mish' as const;

/** The dtypes a `Mish` kernel takes: the op casts everything else to float32 first. */
const FLOAT_DTYPES: ReadonlySet<DType> = new Set<DType>(['float16', 'float32', 'float64']);

/**
 * The kernel contract, checked by every backend's kernel so they fail alike when called
 * directly (`runKernel`) with a dtype the op would have cast: the output has the input's shape
 * and dtype, which must be a float.
 * @example
 * mishOutput({ dataId: {}, shape: [2, 3], dtype: 'float32' }); // { shape: [2, 3], dtype: 'float32' }
 */
export function mishOutput(x: TensorInfo): { shape: readonly number[]; dtype: DType } {
  if (x === null || typeof x !== 'object' || !Array.isArray(x.shape)) {
    throw new TypeError(`mishOutput: x must be a TensorInfo { dataId, shape, dtype }, but got ${describeType(x)}.`);
  }
  if (!FLOAT_DTYPES.has(x.dtype)) {
    throw new TypeError(`Mish: the input must be float16, float32 or float64, but got ${x.dtype}; ops 'mish' casts it first.`);
  }
  return { shape: x.shape, dtype: x.dtype };
}

/**
 * The checks every `Mish` kernel makes at its entry (O(1)): `backend` has the methods the kernel
 * calls, and `inputs` is the one TensorInfo of `Mish`. Returns that input.
 * @example
 * const x = mishKernelInput('mishHost', backend, inputs, ['readSync', 'write']);
 */
export function mishKernelInput(where: string, backend: unknown, inputs: unknown, methods: readonly string[]): TensorInfo {
  const b = backend as Record<string, unknown> | null;
  const missing = b === null || typeof b !== 'object' ? methods[0] : methods.find((m) => typeof b[m] !== 'function');
  if (missing !== undefined) {
    throw new TypeError(`${where}: backend must be a backend with ${methods.join(', ')}, but got ${describeType(backend)}.`);
  }
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    throw new TypeError(
      `${where}: inputs must be [x], one TensorInfo, but got ${describeType(inputs)}${Array.isArray(inputs) ? ` of length ${inputs.length}` : ''}.`,
    );
  }
  mishOutput(inputs[0] as TensorInfo);
  return inputs[0] as TensorInfo;
}
