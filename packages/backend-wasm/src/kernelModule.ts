/**
 * Loading the compiled kernels: the `.wasm` is embedded in the package (base64, generated at
 * build time), so nothing is fetched or read from disk at run time. Relaxed SIMD (fused
 * multiply-add in the matmul micro-kernel) is used where the engine validates it.
 */
import { relaxedSimdBase64, simdBase64 } from './generated/kernels.js';

/** The part of a WebAssembly memory the backend uses (typed here: the Node typings omit WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the `WebAssembly` global this module uses. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  instantiate(bytes: Uint8Array<ArrayBuffer>, imports: object): Promise<{ instance: { exports: object } }>;
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
  ): void;
  gemmPackAFloats(): number;
  im2colF32(
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
    col: number,
  ): void;
  gemmPackBFloats(n: number): number;
}

/**
 * An instantiated kernel module and the SIMD level it was built for.
 * @example
 * const { exports, simd } = await loadKernels();
 */
export interface LoadedKernels {
  readonly exports: KernelExports;
  readonly simd: SimdLevel;
}

/**
 * Options of {@link loadKernels}.
 * @example
 * await loadKernels({ relaxedSimd: false });
 */
export interface LoadOptions {
  /** Use relaxed SIMD when the engine supports it (default true); false forces plain SIMD128. */
  readonly relaxedSimd?: boolean;
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
  if (options.relaxedSimd !== false) {
    const relaxed = decode(relaxedSimdBase64);
    if (wasm.validate(relaxed)) return { exports: await instantiate(wasm, relaxed), simd: 'relaxed-simd' };
  }
  const plain = decode(simdBase64);
  if (!wasm.validate(plain)) throw new Error('wasm backend: this WebAssembly engine does not support SIMD128.');
  return { exports: await instantiate(wasm, plain), simd: 'simd128' };
}

async function instantiate(wasm: WebAssemblyApi, bytes: Uint8Array<ArrayBuffer>): Promise<KernelExports> {
  const { instance } = await wasm.instantiate(bytes, {});
  return instance.exports as unknown as KernelExports;
}
