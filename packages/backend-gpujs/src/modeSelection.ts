/**
 * Choosing the gpu.js mode: the one asked for, or the best that works, with the reason.
 */
import { GPU_MODES, type GpuJs, type CompiledKernel, type GpuJsClass, type GpujsMode, loadGpuJs, MODE_ORDER } from './gpujsModule.js';

/**
 * The chosen mode, its gpu.js instance and why it was chosen.
 * @example
 * const { mode, reason } = await selectMode('webasm');
 */
export interface ModeChoice {
  readonly mode: GpujsMode;
  readonly gpu: GpuJs;
  /** One line per mode considered, then the choice. */
  readonly reason: string;
}

const SMOKE_SOURCE = 'function(a, b) { return a[this.thread.x] + b[this.thread.x]; }';

/** What gpu.js itself says about a mode before we try it; undefined when it claims support. */
async function unsupported(GPU: GpuJsClass, mode: GpujsMode): Promise<string | undefined> {
  switch (mode) {
    case 'webgpu':
      if (!GPU.isWebGPUSupported) return 'navigator.gpu is missing';
      return (await GPU.isWebGPUAvailable()) ? undefined : 'navigator.gpu gave no adapter';
    case 'webgl2':
      return GPU.isWebGL2Supported ? undefined : 'no WebGL2 context (no browser canvas)';
    case 'webgl':
      return GPU.isWebGLSupported ? undefined : 'no WebGL context (no browser canvas)';
    case 'headlessgl':
      return GPU.isHeadlessGLSupported ? undefined : "headless-gl (the optional 'gl' package) is not installed or cannot create a context";
    case 'webasm':
      return GPU.isWebAssemblySupported ? undefined : 'WebAssembly is unavailable';
    case 'cpu':
      return undefined;
  }
}

/**
 * Builds a gpu.js instance in `mode` and runs a 4-element add on it, so a mode that claims
 * support but cannot compile or read back is rejected here, not at the first op.
 */
async function tryMode(GPU: GpuJsClass, mode: GpujsMode): Promise<GpuJs> {
  const gpu = new GPU({ mode });
  try {
    const kernel = gpu.createKernel(SMOKE_SOURCE, { output: [4], precision: 'single' }) as CompiledKernel;
    const raw = await (kernel(new Float32Array([1, 2, 3, 4]), new Float32Array([10, 20, 30, 40])) as unknown);
    const got = Array.from(raw as ArrayLike<number>);
    if (got.join() !== '11,22,33,44') throw new Error(`a smoke-test kernel returned [${got.join(', ')}] instead of [11, 22, 33, 44]`);
    kernel.destroy();
    return gpu;
  } catch (err) {
    await gpu.destroy();
    throw err;
  }
}

/**
 * The requested mode, or the first of webgpu → webgl2 → webgl → headlessgl → webasm that works
 * (only the GPU modes with `requireGpu`). Rejects, with every mode's reason, when none does (or
 * the requested one does not).
 * @example
 * const choice = await selectMode(undefined); // in Node without headless-gl: webasm
 * await selectMode(undefined, true); // in Node without headless-gl: rejects, naming each mode
 */
export async function selectMode(requested: GpujsMode | undefined, requireGpu = false): Promise<ModeChoice> {
  const GPU = await loadGpuJs();
  const candidates = requested ? [requested] : MODE_ORDER;
  const notes: string[] = [];
  for (const mode of candidates) {
    const why =
      requireGpu && !GPU_MODES.includes(mode)
        ? 'skipped (runs on the CPU, and requireGpu asks for a GPU mode)'
        : await unsupported(GPU, mode);
    if (why) {
      notes.push(`${mode}: ${why}`);
      continue;
    }
    try {
      const gpu = await tryMode(GPU, mode);
      const how = requested ? 'requested with gpujs({ mode })' : 'the best mode that works here';
      return { mode, gpu, reason: [...notes, `${mode}: chosen (${how}; a smoke-test kernel compiled and read back)`].join('; ') };
    } catch (err) {
      notes.push(`${mode}: failed (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const what = requested
    ? `the requested gpu.js mode '${requested}' does not work here`
    : requireGpu
      ? 'no gpu.js GPU mode works here (requireGpu)'
      : 'no gpu.js mode works here';
  throw new Error(`gpujs: ${what}: ${notes.join('; ')}.`);
}
