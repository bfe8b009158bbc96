/**
 * One float32 GEMM for the MatMul and Conv2D kernels, split by rows of C over the backend's
 * threads when there are several and the product is big enough to repay the hand-off.
 */
import type { WasmBackend } from '../wasmBackend.js';

/** Rows of the micro-kernel's register tile (assembly/gemm.ts MR): parts start on a tile. */
const MR = 4;

/**
 * Multiply-adds below which a GEMM stays on one thread: waking a worker and waiting for it
 * costs tens of microseconds, the time of about 2²⁰ multiply-adds at 25 GFLOP/s.
 */
const PARALLEL_MIN_MADDS = 1 << 20;

/**
 * The rows `[start, end)` of each part when `m` rows are split over at most `threads` parts,
 * whole register tiles each (the last part takes the remainder).
 * @example
 * splitRows(10, 2); // [[0, 8], [8, 10]]
 */
export function splitRows(m: number, threads: number): [number, number][] {
  const tiles = Math.ceil(m / MR);
  const parts = Math.max(1, Math.min(threads, tiles));
  const per = Math.ceil(tiles / parts);
  const out: [number, number][] = [];
  for (let t = 0; t * per < tiles; t++) out.push([t * per * MR, Math.min(m, (t + 1) * per * MR)]);
  return out;
}

/**
 * C (m×n, contiguous float32, byte offset `c`) = op(A)·op(B), element (i, p) of op(A) at `a` +
 * (i·aRs + p·aCs)·4 and likewise for B; with `bPacked`, `b` is already in the GEMM's packed form.
 * `half` (default none) says which of A and B are float16 (2-byte elements, converted to float32
 * while packing).
 * @example
 * gemm(backend, m, n, k, pa, k, 1, pb, n, 1, out.ptr, false);
 */
export function gemm(
  backend: WasmBackend,
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
  bPacked: boolean,
  half: { readonly a: boolean; readonly b: boolean } = { a: false, b: false },
): void {
  const kern = backend.kernels;
  const flags = (bPacked ? 1 : 0) | (half.a ? 2 : 0) | (half.b ? 4 : 0);
  const aBytes = half.a ? 2 : 4;
  const threads = m * n * k >= PARALLEL_MIN_MADDS ? backend.threads : 1;
  const parts = splitRows(m, threads);
  // Every part packs its own panels (and the edge tile) in its own scratch.
  const scratch = parts.map(() => ({
    packA: backend.scratch(kern.gemmPackAFloats() * 4),
    packB: bPacked ? 0 : backend.scratch(kern.gemmPackBFloats(n) * 4),
  }));
  try {
    const args = parts.map(([start, end], t) => {
      const { packA, packB } = scratch[t] as { packA: number; packB: number };
      return [end - start, n, k, a + start * aRs * aBytes, aRs, aCs, b, bRs, bCs, c + start * n * 4, packA, packB, flags];
    });
    if (args.length > 1) backend.parallel('gemm', args);
    else kern.gemm(...(args[0] as Parameters<typeof kern.gemm>));
  } finally {
    for (const { packA, packB } of scratch) {
      backend.free(packA);
      if (packB) backend.free(packB);
    }
  }
}
