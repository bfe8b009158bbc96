// Single-precision GEMM, C = op(A)·op(B), over packed panels (GotoBLAS loop order).
// A is read at a + (i·aRs + p·aCs)·4 and B at b + (p·bRs + j·bCs)·4, so transposes cost
// nothing beyond packing. C is m×n, contiguous, and is overwritten. A float16 A or B (flags) is
// read as 2-byte elements and converted to float32 while packing: computed in float32.
//
// Panels: A in MR-row slivers (MR floats per k step), B in NR-column slivers (NR floats per
// k step), zero-padded at the edges so the micro-kernel never branches inside its loop.

import { halfBitsToFloat, halfToFloat } from './half';
import { madd } from './madd';

/** Rows of the register tile. */
const MR: i32 = 4;
/** Columns of the register tile (two f32x4 vectors). */
const NR: i32 = 8;
/** Depth of one packed block: a B sliver of KC×NR floats stays in L1. */
export const KC: i32 = 256;
/** Rows of A packed at once: MC×KC floats stay in L2. */
const MC: i32 = 128;

/** Floats of scratch gemm needs for packing B (KC × n rounded up to NR). */
export function gemmPackBFloats(n: i32): i32 {
  return KC * (((n + NR - 1) / NR) * NR);
}

/**
 * Floats of scratch gemm needs for packing A, and after them the edge tile's MR×NR floats
 * (scratch, not static data: threads sharing the memory each pass their own).
 */
export function gemmPackAFloats(): i32 {
  return MC * KC + MR * NR;
}

@inline
function roundUp(n: i32): i32 {
  return ((n + NR - 1) / NR) * NR;
}

/**
 * Where element (p, j) of a k×n matrix B lies in packed form, in floats from its start: k
 * blocks of KC rows, each a run of NR-column slivers of kc×NR floats. Columns past n up to a
 * multiple of NR are lanes the micro-kernel computes and never stores, so they may hold anything.
 */
@inline
export function packedBOffset(p: i32, j: i32, k: i32, n: i32): usize {
  const block = p / KC;
  const kc = min(KC, k - block * KC);
  return <usize>block * KC * <usize>roundUp(n) + <usize>(j / NR) * <usize>(kc * NR) + <usize>((p - block * KC) * NR + (j % NR));
}

function packA(a: usize, aRs: i32, aCs: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize, half: bool): void {
  if (half) {
    packAHalf(a, aRs, aCs, i0, mc, p0, kc, dst);
    return;
  }
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      const col = a + ((<usize>(p0 + p) * <usize>aCs) << 2);
      for (let r = 0; r < MR; r++) {
        const v: f32 = r < rows ? load<f32>(col + ((<usize>(i0 + ir + r) * <usize>aRs) << 2)) : 0;
        store<f32>(dst, v);
        dst += 4;
      }
    }
  }
}

/** {@link packA} of a float16 A, converting each element. */
function packAHalf(a: usize, aRs: i32, aCs: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      const col = a + ((<usize>(p0 + p) * <usize>aCs) << 1);
      for (let r = 0; r < MR; r++) {
        const v: f32 = r < rows ? halfBitsToFloat(<u32>load<u16>(col + ((<usize>(i0 + ir + r) * <usize>aRs) << 1))) : 0;
        store<f32>(dst, v);
        dst += 4;
      }
    }
  }
}

function packB(b: usize, bRs: i32, bCs: i32, p0: i32, kc: i32, n: i32, dst: usize, half: bool): void {
  if (half) {
    packBHalf(b, bRs, bCs, p0, kc, n, dst);
    return;
  }
  for (let jr = 0; jr < n; jr += NR) {
    const cols = min(NR, n - jr);
    if (bCs == 1 && cols == NR) {
      let src = b + ((<usize>p0 * <usize>bRs + <usize>jr) << 2);
      const step = (<usize>bRs) << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += NR << 2;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = b + ((<usize>(p0 + p) * <usize>bRs) << 2);
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < cols ? load<f32>(row + ((<usize>(jr + c) * <usize>bCs) << 2)) : 0;
          store<f32>(dst, v);
          dst += 4;
        }
      }
    }
  }
}

/** {@link packB} of a float16 B: eight contiguous halves convert as two vectors, others one by one. */
function packBHalf(b: usize, bRs: i32, bCs: i32, p0: i32, kc: i32, n: i32, dst: usize): void {
  for (let jr = 0; jr < n; jr += NR) {
    const cols = min(NR, n - jr);
    if (bCs == 1 && cols == NR) {
      let src = b + ((<usize>p0 * <usize>bRs + <usize>jr) << 1);
      const step = (<usize>bRs) << 1;
      for (let p = 0; p < kc; p++) {
        const h = v128.load(src);
        v128.store(dst, halfToFloat(i32x4.extend_low_i16x8_u(h)));
        v128.store(dst, halfToFloat(i32x4.extend_high_i16x8_u(h)), 16);
        src += step;
        dst += NR << 2;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = b + ((<usize>(p0 + p) * <usize>bRs) << 1);
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < cols ? halfBitsToFloat(<u32>load<u16>(row + ((<usize>(jr + c) * <usize>bCs) << 1))) : 0;
          store<f32>(dst, v);
          dst += 4;
        }
      }
    }
  }
}

// The 4×8 micro-kernel: eight f32x4 accumulators, one broadcast of A and two loads of B per
// k step. `accumulate` adds into C (later k blocks), else C is overwritten.
// An edge tile goes through `edge` (MR×NR floats of scratch): the full result, then only its valid part.
function micro(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, rows: i32, cols: i32, accumulate: bool, edge: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    const a0 = v128.load32_splat(ap);
    const a1 = v128.load32_splat(ap, 4);
    const a2 = v128.load32_splat(ap, 8);
    const a3 = v128.load32_splat(ap, 12);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    c20 = madd(a2, b0, c20);
    c21 = madd(a2, b1, c21);
    c30 = madd(a3, b0, c30);
    c31 = madd(a3, b1, c31);
    ap += MR << 2;
    bp += NR << 2;
  }
  const ld = (<usize>ldc) << 2;
  if (rows == MR && cols == NR) {
    if (accumulate) {
      c00 = f32x4.add(c00, v128.load(c));
      c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(c + ld));
      c11 = f32x4.add(c11, v128.load(c + ld, 16));
      c20 = f32x4.add(c20, v128.load(c + 2 * ld));
      c21 = f32x4.add(c21, v128.load(c + 2 * ld, 16));
      c30 = f32x4.add(c30, v128.load(c + 3 * ld));
      c31 = f32x4.add(c31, v128.load(c + 3 * ld, 16));
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(c + ld, c10);
    v128.store(c + ld, c11, 16);
    v128.store(c + 2 * ld, c20);
    v128.store(c + 2 * ld, c21, 16);
    v128.store(c + 3 * ld, c30);
    v128.store(c + 3 * ld, c31, 16);
    return;
  }
  v128.store(edge, c00);
  v128.store(edge, c01, 16);
  v128.store(edge, c10, 32);
  v128.store(edge, c11, 48);
  v128.store(edge, c20, 64);
  v128.store(edge, c21, 80);
  v128.store(edge, c30, 96);
  v128.store(edge, c31, 112);
  for (let r = 0; r < rows; r++) {
    const src = edge + ((<usize>(r * NR)) << 2);
    const dst = c + <usize>r * ld;
    for (let j = 0; j < cols; j++) {
      const o = (<usize>j) << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, accumulate ? load<f32>(dst + o) + v : v);
    }
  }
}

/**
 * C (m×n, contiguous) = op(A)·op(B) with inner dimension k. `packA` and `packB` are scratch
 * of {@link gemmPackAFloats} and {@link gemmPackBFloats} floats, 16-byte aligned. `flags`: bit 0
 * (bPacked) B is already in packed form (see {@link packedBOffset}: im2col writes it so) and bRs,
 * bCs and packedB are unused; bit 1, A is float16; bit 2, B is float16 (strides in elements).
 */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  aRs: i32,
  aCs: i32,
  b: usize,
  bRs: i32,
  bCs: i32,
  c: usize,
  packedA: usize,
  packedB: usize,
  flags: i32,
): void {
  const bPacked = (flags & 1) != 0;
  const aHalf = (flags & 2) != 0;
  const bHalf = (flags & 4) != 0;
  if (k == 0) {
    memory.fill(c, 0, (<usize>m * <usize>n) << 2);
    return;
  }
  const edge = packedA + ((<usize>MC * <usize>KC) << 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    if (bPacked) packedB = b + ((<usize>p0 * <usize>roundUp(n)) << 2);
    else packB(b, bRs, bCs, p0, kc, n, packedB, bHalf);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      packA(a, aRs, aCs, i0, mc, p0, kc, packedA, aHalf);
      for (let jr = 0; jr < n; jr += NR) {
        const bp = packedB + ((<usize>jr * <usize>kc) << 2);
        const cols = min(NR, n - jr);
        for (let ir = 0; ir < mc; ir += MR) {
          const ap = packedA + ((<usize>ir * <usize>kc) << 2);
          const cp = c + ((<usize>(i0 + ir) * <usize>n + <usize>jr) << 2);
          micro(kc, ap, bp, cp, n, min(MR, mc - ir), cols, p0 > 0, edge);
        }
      }
    }
  }
}
