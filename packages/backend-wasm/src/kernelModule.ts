/**
 * Loading the compiled kernels: the `.wasm` is embedded in the package (base64, generated at
 * build time), so nothing is fetched or read from disk at run time. Relaxed SIMD (fused
 * multiply-add in the matmul micro-kernel) is used where the engine validates it. For threads,
 * the build that imports a shared memory is instantiated on a new `SharedArrayBuffer`-backed
 * memory, and the compiled module is kept for the worker threads to instantiate on it too.
 */
import { checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import { relaxedSimdBase64, relaxedSimdSharedBase64, simdBase64, simdSharedBase64 } from './generated/kernels.js';

/** Pages (64 KiB) of the shared memory: initially, and at most (2 GiB); as scripts/buildWasm.mjs declares them. */
const SHARED_PAGES = { initial: 16, maximum: 32768 } as const;

/**
 * The part of a WebAssembly memory the backend uses (typed here: the Node typings omit WebAssembly).
 * @example
 * const { exports } = await loadKernels();
 * const memory: WasmMemory = exports.memory;
 * memory.buffer.byteLength; // grows in 64 KiB pages
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows the memory by `pages` of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/** A compiled WebAssembly module (opaque here; posted to worker threads as is). */
export type CompiledModule = object;

/** The part of the `WebAssembly` global this module uses. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  compile(bytes: Uint8Array<ArrayBuffer>): Promise<CompiledModule>;
  instantiate(module: CompiledModule, imports: object): Promise<{ exports: object }>;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

/**
 * Which SIMD instruction set the loaded kernels use.
 * @example
 * const { simd } = await loadKernels();
 * const level: SimdLevel = simd; // 'relaxed-simd' or 'simd128'
 */
export type SimdLevel = 'relaxed-simd' | 'simd128';

/**
 * The functions the AssemblyScript module exports (assembly/index.ts); pointers are byte offsets.
 * @example
 * const kernels: KernelExports = (await loadKernels()).exports;
 * kernels.heapBase(); // the first byte the allocator may hand out
 */
export interface KernelExports {
  readonly memory: WasmMemory;
  /** First byte after the module's static data: where the allocator starts. */
  heapBase(): number;
  /**
   * float32 `o = a op b` over rows×inner (op 0 add, 1 sub, 2 mul, 3 div, 4 maximum, 5 minimum); each
   * input is read at `x + (r·xRow + i·xVec)·4`, so xVec 0 broadcasts.
   */
  binaryF32(
    op: number,
    a: number,
    aRow: number,
    aVec: number,
    b: number,
    bRow: number,
    bVec: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /**
   * int32 (wrapping) `o = a op b` over rows×inner (op 0 add, 1 sub, 2 mul, 4 maximum, 5 minimum), inputs
   * walked as in {@link KernelExports.binaryF32}.
   */
  binaryI32(
    op: number,
    a: number,
    aRow: number,
    aVec: number,
    b: number,
    bRow: number,
    bVec: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /** bool bytes `o = a op b` over rows×inner (op 0 and, 1 or, 2 xor), inputs walked as in {@link KernelExports.binaryF32}. */
  binaryU8(
    op: number,
    a: number,
    aRow: number,
    aVec: number,
    b: number,
    bRow: number,
    bVec: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /**
   * bool bytes of a comparison (op 0 equal, 1 notEqual, 2 less, 3 lessEqual, 4 greater, 5 greaterEqual)
   * of float32 or (`int` 1) int32 inputs walked as in {@link KernelExports.binaryF32}.
   */
  compare32(
    int: number,
    op: number,
    a: number,
    aRow: number,
    aVec: number,
    b: number,
    bRow: number,
    bVec: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /**
   * `out = cond ? a : b` on 4-byte elements (float32, int32), cond as bool bytes, each input walked as
   * in {@link KernelExports.compare32}.
   */
  where32(
    c: number,
    cRow: number,
    cVec: number,
    a: number,
    aRow: number,
    aVec: number,
    b: number,
    bRow: number,
    bVec: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /**
   * dst (contiguous over `shape`) = src read at Σ index[i]·strides[i] elements; `shape` and `strides`
   * point at `rank` int32s, `counter` is scratch of `rank` int32s.
   */
  gatherStrided(width: number, src: number, dst: number, rank: number, shape: number, strides: number, counter: number): void;
  /** Gather along the middle axis of x [outer, axisSize, inner] at `n` checked int32 indices into out [outer, n, inner]. */
  gatherRows(width: number, x: number, outer: number, axisSize: number, inner: number, indices: number, n: number, out: number): void;
  /** The inverse of {@link KernelExports.gatherStrided}: src (contiguous over `shape`) written to dst at Σ index[i]·strides[i] elements. */
  scatterStrided(width: number, src: number, dst: number, rank: number, shape: number, strides: number, counter: number): void;
  /**
   * ScatterAdd's accumulation: adds each [inner] run of updates [outer, n, inner] into out [outer,
   * axisSize, inner] at its index, as float32 or (`int` 1) wrapping int32.
   */
  scatterAdd32(int: number, out: number, outer: number, axisSize: number, inner: number, indices: number, n: number, updates: number): void;
  /** Copies `rows` runs of `rowBytes` bytes from src (every srcStride bytes) to dst (every dstStride bytes). */
  copyRows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, rowBytes: number): void;
  /** bool bytes of a test of `n` 4-byte elements: op 0 isNaN, 1 isFinite, 2 float32 nonzero, 3 int32 nonzero. */
  maskOf32(op: number, x: number, o: number, n: number): void;
  /** logicalNot of `n` bool bytes. */
  notU8(x: number, o: number, n: number): void;
  /**
   * float32 `o = op(x)` of `n` elements (op 0 neg, 1 abs, 2 sqrt, 3 square, 4 relu, 5 reciprocal, 6
   * floor, 7 ceil, 8 round, 9 sign, 10 exp, 11 log, 12 tanh, 13 sigmoid, 14 rsqrt).
   */
  unaryF32(op: number, x: number, o: number, n: number): void;
  /** int32 (wrapping) `o = op(x)` of `n` elements (op 0 neg, 1 abs, 3 square, 4 relu, 9 sign). */
  unaryI32(op: number, x: number, o: number, n: number): void;
  /** float32 `o = op(x)` of `n` elements: op 0 erf, 1 the exact gelu (x/2 · erfc(−x/√2)); assembly/erf.ts. */
  erfF32(op: number, x: number, o: number, n: number): void;
  /**
   * Any broadcast of binaryF32/I32/U8 (kind 0/1/2), compare32 (3 float32, 4 int32) or where32 (5):
   * `nd` outer dimensions at `dims` (int32 size and three input element strides each), `counter`
   * scratch of `nd` int32, then each block of rows×inner walked as in binaryF32; assembly/broadcast.ts.
   */
  broadcastBlocks(
    kind: number,
    op: number,
    nd: number,
    dims: number,
    counter: number,
    x0: number,
    row0: number,
    vec0: number,
    x1: number,
    row1: number,
    vec1: number,
    x2: number,
    row2: number,
    vec2: number,
    o: number,
    rows: number,
    inner: number,
  ): void;
  /** int32 index along the middle axis of the max (`max` 1) or min of float32 [outer, red, inner]; `best` is scratch of `inner` floats. */
  argReduceF32(max: number, x: number, out: number, outer: number, red: number, inner: number, best: number): void;
  /**
   * Max (`isMax` 1) or average pooling of float32 NCHW planes; windows are clipped to the image and
   * averages divide by the cells inside it.
   */
  pool2dF32(
    isMax: number,
    x: number,
    planes: number,
    h: number,
    w: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
    oh: number,
    ow: number,
    out: number,
  ): void;
  /** Fills `taps` with the byte offset of each tap (c, ki, kj) from the input under an output pixel, in weight order. */
  conv2dTapsF32(taps: number, cg: number, h: number, w: number, kh: number, kw: number, dh: number, dw: number): void;
  /** Packs the weights of `og` output channels ([og, depth] at `w`) in blocks of `r` channels for {@link KernelExports.conv2dDirectF32}. */
  conv2dPackWeightsF32(w: number, og: number, depth: number, r: number, dst: number): void;
  /** Copies `cg` h×w planes into `dst` with zero borders (top, bottom, left, right), so the direct convolution never tests for padding. */
  conv2dPadF32(x: number, cg: number, h: number, w: number, pt: number, pb: number, pl: number, pr: number, dst: number): void;
  /**
   * Direct convolution of `n` padded images at horizontal stride 1 with packed weights (see {@link
   * KernelExports.conv2dPackWeightsF32}); needs an output width ≥ 8.
   */
  conv2dDirectF32(
    x: number,
    n: number,
    xImage: number,
    w: number,
    sh: number,
    taps: number,
    depth: number,
    packed: number,
    r: number,
    og: number,
    out: number,
    outImage: number,
    oh: number,
    ow: number,
  ): void;
  /** Reduces the middle axis of int32 [outer, red, inner]: op 0 sum (wrapping), 1 max, 2 min. */
  reduceI32(op: number, x: number, out: number, outer: number, red: number, inner: number): void;
  /** any (`all` 0) or all (`all` 1) along the middle axis of bool bytes [outer, red, inner]. */
  reduceU8(all: number, x: number, out: number, outer: number, red: number, inner: number): void;
  /** Reduces the middle axis of float32 [outer, red, inner]: op 0 sum (in float64, `acc` scratch of `inner` float64s), 1 max, 2 min. */
  reduceF32(op: number, x: number, out: number, outer: number, red: number, inner: number, acc: number): void;
  /**
   * C (m×n, contiguous) = op(A)·op(B) with inner dimension k, packing into scratch of {@link
   * KernelExports.gemmPackAFloats} and {@link KernelExports.gemmPackBFloats} floats.
   */
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    aRs: number,
    aCs: number,
    b: number,
    bRs: number,
    bCs: number,
    c: number,
    packedA: number,
    packedB: number,
    flags: number,
  ): void;
  /** `n` float16 values (their bits) at `src` → float32 at `dst`, exactly. */
  f16ToF32(src: number, dst: number, n: number): void;
  /** `n` float32 values at `src` → float16 bits at `dst`, rounded to nearest even (the CPU backend's rule). */
  f32ToF16(src: number, dst: number, n: number): void;
  /** `n` float32 values at `src` rounded to float16 precision, as float32 at `dst` (may be `src`). */
  roundF16(src: number, dst: number, n: number): void;
  /** Floats of scratch {@link KernelExports.gemm} needs for packing A (and its edge tile). */
  gemmPackAFloats(): number;
  /** Floats of scratch {@link KernelExports.gemm} needs for packing a B with `n` columns. */
  gemmPackBFloats(n: number): number;
  /** im2col of one float32 NCHW image straight into the GEMM's packed-B form, so {@link KernelExports.gemm} skips packing it. */
  im2colPackedF32(
    x: number,
    cg: number,
    h: number,
    w: number,
    kh: number,
    kw: number,
    oh: number,
    ow: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
    dh: number,
    dw: number,
    packed: number,
    col0: number,
    n: number,
  ): void;
}

/**
 * An instantiated kernel module and the SIMD level it was built for.
 * @example
 * const { exports, simd } = await loadKernels();
 */
export interface LoadedKernels {
  readonly exports: KernelExports;
  readonly simd: SimdLevel;
  /** With `shared`: the compiled module, for worker threads to instantiate on `exports.memory`. */
  readonly shared?: CompiledModule;
}

/**
 * Options of {@link loadKernels}.
 * @example
 * await loadKernels({ relaxedSimd: false });
 */
export interface LoadOptions {
  /** Use relaxed SIMD when the engine supports it (default true); false forces plain SIMD128. */
  readonly relaxedSimd?: boolean;
  /**
   * Load the build on a shared memory, for threads (default false). Ignored where
   * `SharedArrayBuffer` is missing; {@link LoadedKernels.shared} says whether it happened.
   */
  readonly shared?: boolean;
}

const LOAD_KEYS: OptionKeys<LoadOptions> = { relaxedSimd: true, shared: true };

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates the kernels: the relaxed-SIMD build where `WebAssembly.validate`
 * accepts it (and the options allow), else the SIMD128 build. Rejects where the engine has no
 * SIMD128 at all, so backend selection moves on to the next backend.
 * @example
 * const { simd } = await loadKernels();
 * console.log(simd); // 'relaxed-simd' on Node ≥ 22, 'simd128' on Node 20
 */
export async function loadKernels(options: LoadOptions = {}): Promise<LoadedKernels> {
  checkOptions<LoadOptions>(options, 'loadKernels', LOAD_KEYS);
  for (const key of ['relaxedSimd', 'shared'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new TypeError(`loadKernels: options.${key} must be a boolean, but got ${describeType(v)}.`);
    }
  }
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!wasm) throw new Error('wasm backend: this JavaScript engine has no WebAssembly.');
  const shared = options.shared === true && typeof SharedArrayBuffer === 'function';
  if (options.relaxedSimd !== false) {
    const relaxed = decode(shared ? relaxedSimdSharedBase64 : relaxedSimdBase64);
    if (wasm.validate(relaxed)) return instantiate(wasm, relaxed, 'relaxed-simd', shared);
  }
  const plain = decode(shared ? simdSharedBase64 : simdBase64);
  if (!wasm.validate(plain)) throw new Error('wasm backend: this WebAssembly engine does not support SIMD128.');
  return instantiate(wasm, plain, 'simd128', shared);
}

async function instantiate(wasm: WebAssemblyApi, bytes: Uint8Array<ArrayBuffer>, simd: SimdLevel, shared: boolean): Promise<LoadedKernels> {
  const module = await wasm.compile(bytes);
  if (!shared) {
    const instance = await wasm.instantiate(module, {});
    return { exports: instance.exports as unknown as KernelExports, simd };
  }
  const memory = new wasm.Memory({ ...SHARED_PAGES, shared: true });
  const instance = await wasm.instantiate(module, { env: { memory } });
  // The shared build imports its memory instead of exporting it: add it to the exports.
  const exports = Object.assign(Object.create(null) as object, instance.exports, { memory }) as KernelExports;
  return { exports, simd, shared: module };
}
