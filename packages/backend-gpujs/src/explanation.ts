/**
 * What `GpujsBackend.explain()` reports: the mode and why, the kernel cache, and the fallbacks.
 */
import type { GpujsMode } from './gpujsModule.js';

/**
 * Where a primitive ran instead of gpu.js, why, and how often.
 * @example
 * const f: GpujsFallback = { primitive: 'Gather', to: 'cpu', reason: 'no gpu.js kernel for Gather yet', count: 2 };
 */
export interface GpujsFallback {
  readonly primitive: string;
  /**
   * `cpu`: this backend ran the CPU backend's kernel; `gpu.js cpu`: gpu.js itself replaced a
   * kernel by its JS one; `steps`: a fused program (`primitive: 'Fused'`) ran op by op, each op
   * with its own kernel (and its own recorded fallback, if any); `one kernel`: an op that runs as
   * a chain of kernels (MatMul of two matrices, a long reduction) ran as one gpu.js kernel, a
   * stage of its chain not built.
   */
  readonly to: 'cpu' | 'gpu.js cpu' | 'steps' | 'one kernel';
  readonly reason: string;
  readonly count: number;
}

/**
 * What {@link GpujsBackend.explain} reports.
 * @example
 * console.log(backend.explain().summary);
 */
export interface GpujsExplanation {
  readonly backend: string;
  readonly mode: GpujsMode;
  readonly modeReason: string;
  readonly precision: 'single';
  readonly strict: boolean;
  readonly cpuThreshold: number;
  /**
   * Kernels compiled so far, held in the cache now, and cache hits; `wide`: of those compiled,
   * how many compute four output elements per thread (WebGPU mode); `chains`: ops run as a chain
   * of kernels (MatMul of two matrices: packed operands on the GL modes, 2×2 blocks on WebGPU); `maps`: of those compiled, how many write several
   * textures at once (gpu.js kernel maps: the blocked MatMul multiply on WebGL2); `packedReads`:
   * tensors read back four floats to a texel (WebGL2, 16384 floats and more).
   */
  readonly kernels: {
    readonly compiled: number;
    readonly cached: number;
    readonly hits: number;
    readonly wide: number;
    readonly chains: number;
    readonly maps: number;
    readonly packedReads: number;
    /**
     * WebGL2: results kept in another device form (a blocked product before its unpack, a
     * matrix in packed rows), how many of those a read later converted to the flat texture, and
     * how many products read an operand's packed rows instead of packing it.
     */
    readonly layouts: number;
    readonly flattened: number;
    readonly rowsOperands: number;
    /** GL modes: reshapes whose result shares its input's texture (no copy kernel). */
    readonly shared: number;
  };
  readonly fallbacks: readonly GpujsFallback[];
  /** The same as readable lines. */
  readonly summary: string;
}
