/**
 * Loading the compiled kernels: the `.wasm` is embedded in the package (base64, generated at
 * build time), so nothing is fetched or read from disk at run time. Relaxed SIMD (fused
 * multiply-add in the matmul micro-kernel) is used where the engine validates it. For threads,
 * the build that imports a shared memory is instantiated on a new `SharedArrayBuffer`-backed
 * memory, and the compiled module is kept for the worker threads to instantiate on it too.
 */
import { relaxedSimdBase64, relaxedSimdSharedBase64, simdBase64, simdSharedBase64 } from './generated/kernels.js';

/** Pages (64 KiB) of the shared memory: initially, and at most (2 GiB); as scripts/buildWasm.mjs declares them. */
const SHARED_PAGES = { initial: 16, maximum: 32768 } as const;

/** The part of a WebAssembly memory the backend uses (typed here: the Node typings omit WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
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

/** Which SIMD instruction set the loaded kernels use. */
export type SimdLevel = 'relaxed-simd' | 'simd128';

/** The functions the AssemblyScript module exports (assembly/index.ts); pointers are byte offsets. */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
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
  gatherStrided(width: number, src: number, dst: number, rank: number, shape: number, strides: number, counter: number): void;
  gatherRows(width: number, x: number, outer: number, axisSize: number, inner: number, indices: number, n: number, out: number): void;
  scatterStrided(width: number, src: number, dst: number, rank: number, shape: number, strides: number, counter: number): void;
  scatterAdd32(int: number, out: number, outer: number, axisSize: number, inner: number, indices: number, n: number, updates: number): void;
  copyRows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, rowBytes: number): void;
  maskOf32(op: number, x: number, o: number, n: number): void;
  notU8(x: number, o: number, n: number): void;
  unaryF32(op: number, x: number, o: number, n: number): void;
  unaryI32(op: number, x: number, o: number, n: number): void;
  argReduceF32(max: number, x: number, out: number, outer: number, red: number, inner: number, best: number): void;
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
  conv2dTapsF32(taps: number, cg: number, h: number, w: number, kh: number, kw: number, dh: number, dw: number): void;
  conv2dPackWeightsF32(w: number, og: number, depth: number, r: number, dst: number): void;
  conv2dPadF32(x: number, cg: number, h: number, w: number, pt: number, pb: number, pl: number, pr: number, dst: number): void;
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
  reduceI32(op: number, x: number, out: number, outer: number, red: number, inner: number): void;
  reduceU8(all: number, x: number, out: number, outer: number, red: number, inner: number): void;
  reduceF32(op: number, x: number, out: number, outer: number, red: number, inner: number, acc: number): void;
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
    bPacked: number,
  ): void;
  gemmPackAFloats(): number;
  gemmPackBFloats(n: number): number;
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
