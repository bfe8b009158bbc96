/**
 * What kernels hand the gpu.js backend to launch: one kernel's plan, the stages of a chain, and
 * how the result of a four-wide WebGPU kernel is read as the flat buffer it is.
 */
import type { DType } from '@mindts/tensor';
import type { TensorInfo } from '@mindts/tensor/backend';
import type { Layout } from './deviceStore.js';
import type { DeviceHandle } from './gpujsModule.js';
import type { NativeFunction } from './kernels/source.js';

/**
 * How a kernel runs an op on gpu.js: its cache key (shapes, dtypes, attributes), output and a
 * source generator called once per key.
 * @example
 * const plan: LaunchPlan = { key: 'relu|[4]', shape: [4], dtype: 'float32', source: () => source };
 */
export interface LaunchPlan {
  readonly key: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly source: () => string;
  /** Trip counts of the source's loops (gpu.js caps loops at 1000 iterations unless told). */
  readonly loops?: readonly number[];
  /** The tensors passed to the kernel, when not every input (Gather passes its indices as `arrays`). */
  readonly tensors?: readonly TensorInfo[];
  /** Host float32 arrays passed after the tensors (gpu.js uploads them per call). */
  readonly arrays?: readonly Float32Array[];
  /** Number arguments passed last (e.g. a fill value), so they do not split the cache. */
  readonly scalars?: readonly number[];
  /**
   * Output elements per thread (only where {@link GpujsBackend.wideKernels}): the source returns
   * `[x, y, z, w]`, the elements `4·thread.x … 4·thread.x + 3`, and the size is a multiple of 4.
   */
  readonly lanes?: 4;
  /**
   * Extra outputs (only in a {@link ChainStage}, where {@link GpujsBackend.renderTargets} allows
   * `1 + length`): sources of gpu.js sub-kernels (`function out1(x, y, z, w) { return [x, y, z, w]; }`)
   * the kernel's source calls once each. gpu.js builds a kernel map that writes each call's value
   * to a texture of its own (a WebGL2 draw buffer) beside the main result; the stage yields the
   * main result, then these in order.
   */
  readonly renderTargets?: readonly string[];
  /**
   * A 2-D output `[width, height]` (only in a {@link ChainStage} before the last): thread (x, y)
   * writes texel (x, y) of a `width × height` texture, so a later stage can read a texel by its
   * coordinates ({@link natives}). Both sides at most {@link GpujsBackend.maxTextureSize}, height
   * above 1.
   */
  readonly grid?: readonly [number, number];
  /**
   * GLSL functions (WebGL2) the source calls, as gpu.js native functions: e.g. a `texelFetch`
   * of an argument's texture, declared by gpu.js as `uniform sampler2D user_<argument>`.
   */
  readonly natives?: readonly NativeFunction[];
  /**
   * WebGL2: per tensor, whether the kernel takes it in its other device form (`rows`: one
   * argument; `blocked`: four) instead of the flat texture; the source declares those arguments.
   */
  readonly inputLayouts?: readonly (Layout['kind'] | undefined)[];
  /**
   * WebGL2: the result is the `rows` form of a matrix `shape` (the source writes `grid` =
   * `[c/4, r]` texels of four columns each), kept so until a read needs it flat.
   */
  readonly outputLayout?: 'rows';
  /**
   * `'exact'`: the kernel keeps float16 tensors exact — it moves their values (a copy, a slice, a
   * gather) or rounds its result to float16 itself (Cast, Fill) — so float16 (stored as float32
   * values exact in float16) may run on the device. Without it a plan with a float16 tensor runs
   * on the CPU backend: a computing kernel's float32 result would not be rounded (the core
   * computing kernels take float16 through `viaFloat32`, kernels/float16.ts).
   */
  readonly float16?: 'exact';
}

/**
 * One kernel of {@link GpujsBackend.launchChain}: its plan, and the values it is called with, as
 * indices into the chain's tensors followed by the outputs of the stages before it.
 * @example
 * const stage: ChainStage = { plan: packPlan, args: [0] };
 */
export interface ChainStage {
  readonly plan: LaunchPlan;
  readonly args: readonly number[];
  /**
   * On the last stage only: it converts its arguments, the `blocked` form of the result, to the
   * flat texture; the backend may keep the result in that form and run this stage when a read
   * needs it flat.
   */
  readonly layout?: 'blocked';
}

/** A gpu.js WebGPU pipeline result, as far as {@link flatResult} re-reads it. */
interface BufferResult extends DeviceHandle {
  output: number[];
  componentCount: number;
  clone(): BufferResult;
}

/**
 * The result of a four-wide WebGPU kernel as the flat buffer of `size` floats it is: gpu.js
 * stores `Array(4)` results interleaved (thread t's four at 4t…4t+3), which is exactly the
 * row-major order of the elements, but types them as `size / 4` vectors, which it refuses as
 * kernel arguments. A clone shares the storage buffer (reference-counted), so re-labelling the
 * clone as `[size]` scalars and dropping the original copies nothing.
 * @example
 * const out = flatResult(kernel(a, b), sizeOf(shape));
 */
export function flatResult(result: unknown, size: number): unknown {
  const view = (r: BufferResult) => {
    if (typeof r?.clone !== 'function' || r.componentCount !== 4) {
      throw new Error(`gpujs: a four-wide kernel returned ${String(r)}, not a four-component WebGPU buffer result.`);
    }
    const flat = r.clone();
    flat.output = [size];
    flat.componentCount = 1;
    r.delete();
    return flat;
  };
  return result instanceof Promise ? result.then(view) : view(result as BufferResult);
}
