/**
 * The slice of gpu.js this backend uses, typed narrowly here so that the published types never
 * reference gpu.js (whose own types need the DOM lib). gpu.js is an optional peer dependency: it
 * is loaded with `import()` when a gpu.js backend is created, so `npm install mindts` neither
 * downloads it (nor its `webgpu` and `gl` native packages) and importing this package never
 * fails without it; creating the backend then rejects, saying to install it.
 */

/** What `new GPU(…)` returns, as far as this backend uses it. */
export interface GpuJs {
  createKernel(source: string, settings: Readonly<Record<string, unknown>>): unknown;
  createKernelMap(subKernels: readonly string[], source: string, settings: Readonly<Record<string, unknown>>): unknown;
  destroy(): Promise<void> | void;
  /** The WebGL context it draws with, on the GL modes. */
  readonly context?: unknown;
}

/** gpu.js's `GPU` class, as far as this backend uses it. */
export interface GpuJsClass {
  new (settings: { mode: GpujsMode }): GpuJs;
  readonly isWebGPUSupported: boolean;
  isWebGPUAvailable(): Promise<boolean>;
  readonly isWebGL2Supported: boolean;
  readonly isWebGLSupported: boolean;
  readonly isHeadlessGLSupported: boolean;
  readonly isWebAssemblySupported: boolean;
}

/**
 * The gpu.js version this backend is built and tested against (its optional peer range).
 */
export const GPUJS_VERSION = '2.24.1';

let loading: Promise<GpuJsClass> | undefined;

/**
 * gpu.js's `GPU` class, imported on first use (gpu.js is CommonJS: Node exposes `GPU` as a named
 * export, bundlers under `default`). Rejects with what to install when gpu.js is missing.
 */
export function loadGpuJs(): Promise<GpuJsClass> {
  loading ??= importGpuJs().catch((err: unknown) => {
    loading = undefined; // installed later (a dev server's reload): try again
    throw err;
  });
  return loading;
}

async function importGpuJs(): Promise<GpuJsClass> {
  let mod: { GPU?: GpuJsClass; default?: { GPU?: GpuJsClass } };
  try {
    mod = (await import('gpu.js')) as unknown as typeof mod;
  } catch (err) {
    throw new Error(
      `gpujs: the gpu.js backend needs the 'gpu.js' package, which could not be loaded (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). ` +
        `It is an optional peer dependency of @mindts/backend-gpujs, left out of a plain install: run \`npm install gpu.js@${GPUJS_VERSION}\` ` +
        "(or use the 'wasm' and 'cpu' backends, which need nothing more).",
      { cause: err },
    );
  }
  const GPU = mod.GPU ?? mod.default?.GPU;
  if (typeof GPU !== 'function') throw new Error("gpujs: the 'gpu.js' package loaded, but it exports no GPU class; install gpu.js 2.x.");
  return GPU;
}

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
