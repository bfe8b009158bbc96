/**
 * The slice of gpu.js this backend uses, typed narrowly. gpu.js is CommonJS; Node's ESM loader
 * exposes its named exports. Importing it never loads the `webgpu` npm package (gpu.js reaches
 * WebGPU only through `navigator.gpu`), so the Dawn binary that package ships, which needs a
 * newer libstdc++ than Debian 12 has, is never touched in Node.
 */
import { GPU } from 'gpu.js';

export { GPU };

/**
 * A gpu.js mode this backend can run on, best first (`cpu` is gpu.js's JS mode, for tests).
 * @example
 * const mode: GpujsMode = 'webgl2';
 * registerBackend(gpujs({ mode }));
 */
export type GpujsMode = 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** The modes tried, in order, when none is requested. */
export const MODE_ORDER: readonly GpujsMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm'];

/** The modes that run on a GPU (or its software rasteriser), as `requireGpu` accepts them. */
export const GPU_MODES: readonly GpujsMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl'];

/**
 * A kernel result left on the device: a Float32Array on the array modes (webasm, cpu), a GL
 * Texture or a WebGPU buffer result (`toArray` returns a Promise) on the others.
 */
export type DeviceData = Float32Array | DeviceHandle;

/** A gpu.js Texture / WebGPUBufferResult, as far as this backend uses it. */
export interface DeviceHandle {
  toArray(): unknown;
  delete(): void;
}

/** A compiled gpu.js kernel, as far as this backend uses it. */
export interface CompiledKernel {
  (...args: (DeviceData | number)[]): unknown;
  /** Why gpu.js replaced this kernel by its own CPU kernel, when it did. */
  readonly fallbackReason?: string | null;
  destroy(removeCanvasReferences?: boolean): void;
}

/** Whether `d` is a device handle (texture/buffer) rather than a host array. */
export function isHandle(d: DeviceData): d is DeviceHandle {
  return !(d instanceof Float32Array);
}
