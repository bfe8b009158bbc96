// Direct float32 NCHW convolution for small windows (LeNet-sized layers): no im2col. A tile
// is R output channels × 8 neighbouring output pixels of one row (two f32x4 accumulators per
// channel); each tap loads 8 input pixels (contiguous at horizontal stride 1) and broadcasts
// R weights, so the weights stream from a small packed block and the image stays in L1.

import { madd } from './madd';

/** Output pixels of a tile: two f32x4 vectors along a row. */
const PIXELS: i32 = 8;

/**
 * Packs the weights of `og` output channels ([og, depth] row-major at `w`) as blocks of `r`
 * channels: block b holds, for each tap t, the r weights w[b·r + i][t] (zero past og), so the
 * tile reads them in order.
 */
export function conv2dPackWeightsF32(w: usize, og: i32, depth: i32, r: i32, dst: usize): void {
  for (let b = 0; b < og; b += r) {
    for (let t = 0; t < depth; t++) {
      for (let i = 0; i < r; i++) {
        const o = b + i;
        store<f32>(dst, o < og ? load<f32>(w + ((<usize>o * <usize>depth + <usize>t) << 2)) : 0);
        dst += 4;
      }
    }
  }
}

// A tile: R output channels × 8 pixels at `src` (the input under the tile's first pixel),
// Σ over taps of weight × input, stored to the first `rows` of the R output planes (`plane`
// bytes apart) at `dst`. Written out once per R (3 and 4): a generic version inlined with R as
// a literal was merged back by the optimizer with R's tests inside the loop. R = 6 (12
// accumulators) ran 20% slower per multiply-add: V8 keeps too few SIMD registers for it.

function tile3(taps: usize, depth: i32, wp: usize, src: usize, dst: usize, plane: usize, rows: i32): void {
  let a00 = f32x4.splat(0);
  let a01 = f32x4.splat(0);
  let a10 = f32x4.splat(0);
  let a11 = f32x4.splat(0);
  let a20 = f32x4.splat(0);
  let a21 = f32x4.splat(0);
  const end = taps + (<usize>depth << 2);
  for (let t = taps; t < end; t += 4, wp += 12) {
    const p = src + <usize>load<i32>(t);
    const x0 = v128.load(p);
    const x1 = v128.load(p, 16);
    const w0 = v128.load32_splat(wp);
    a00 = madd(w0, x0, a00);
    a01 = madd(w0, x1, a01);
    const w1 = v128.load32_splat(wp, 4);
    a10 = madd(w1, x0, a10);
    a11 = madd(w1, x1, a11);
    const w2 = v128.load32_splat(wp, 8);
    a20 = madd(w2, x0, a20);
    a21 = madd(w2, x1, a21);
  }
  v128.store(dst, a00);
  v128.store(dst, a01, 16);
  if (rows > 1) {
    v128.store(dst + plane, a10);
    v128.store(dst + plane, a11, 16);
  }
  if (rows > 2) {
    v128.store(dst + 2 * plane, a20);
    v128.store(dst + 2 * plane, a21, 16);
  }
}

function tile4(taps: usize, depth: i32, wp: usize, src: usize, dst: usize, plane: usize, rows: i32): void {
  let a00 = f32x4.splat(0);
  let a01 = f32x4.splat(0);
  let a10 = f32x4.splat(0);
  let a11 = f32x4.splat(0);
  let a20 = f32x4.splat(0);
  let a21 = f32x4.splat(0);
  let a30 = f32x4.splat(0);
  let a31 = f32x4.splat(0);
  const end = taps + (<usize>depth << 2);
  for (let t = taps; t < end; t += 4, wp += 16) {
    const p = src + <usize>load<i32>(t);
    const x0 = v128.load(p);
    const x1 = v128.load(p, 16);
    const w0 = v128.load32_splat(wp);
    a00 = madd(w0, x0, a00);
    a01 = madd(w0, x1, a01);
    const w1 = v128.load32_splat(wp, 4);
    a10 = madd(w1, x0, a10);
    a11 = madd(w1, x1, a11);
    const w2 = v128.load32_splat(wp, 8);
    a20 = madd(w2, x0, a20);
    a21 = madd(w2, x1, a21);
    const w3 = v128.load32_splat(wp, 12);
    a30 = madd(w3, x0, a30);
    a31 = madd(w3, x1, a31);
  }
  v128.store(dst, a00);
  v128.store(dst, a01, 16);
  if (rows > 1) {
    v128.store(dst + plane, a10);
    v128.store(dst + plane, a11, 16);
  }
  if (rows > 2) {
    v128.store(dst + 2 * plane, a20);
    v128.store(dst + 2 * plane, a21, 16);
  }
  if (rows > 3) {
    v128.store(dst + 3 * plane, a30);
    v128.store(dst + 3 * plane, a31, 16);
  }
}

/**
 * Fills `taps` with the byte offset of each tap (c, ki, kj), in weight order, from the input
 * under an output pixel: the tile adds it to that pixel's address.
 */
export function conv2dTapsF32(taps: usize, cg: i32, h: i32, w: i32, kh: i32, kw: i32, dh: i32, dw: i32): void {
  for (let c = 0; c < cg; c++) {
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        store<i32>(taps, ((c * h + ki * dh) * w + kj * dw) << 2);
        taps += 4;
      }
    }
  }
}

/**
 * Copies the `cg` h×w planes at `x` into `dst` as (pt + h + pb)×(pl + w + pr) planes with zero
 * borders, so the direct convolution never tests for padding.
 */
export function conv2dPadF32(x: usize, cg: i32, h: i32, w: i32, pt: i32, pb: i32, pl: i32, pr: i32, dst: usize): void {
  const wp = pl + w + pr;
  const rowBytes = <usize>w << 2;
  for (let c = 0; c < cg; c++) {
    memory.fill(dst, 0, (<usize>pt * <usize>wp) << 2);
    dst += (<usize>pt * <usize>wp) << 2;
    for (let i = 0; i < h; i++) {
      memory.fill(dst, 0, <usize>pl << 2);
      memory.copy(dst + (<usize>pl << 2), x, rowBytes);
      memory.fill(dst + (<usize>(pl + w) << 2), 0, <usize>pr << 2);
      x += rowBytes;
      dst += <usize>wp << 2;
    }
    memory.fill(dst, 0, (<usize>pb * <usize>wp) << 2);
    dst += (<usize>pb * <usize>wp) << 2;
  }
}

/**
 * Direct convolution of `n` images at horizontal stride 1 and no padding (pad the input first):
 * image b (cg planes of h×w at x + b·xImage bytes) × the packed weights (blocks of `r` ∈ {3, 4}
 * channels, see conv2dPackWeightsF32) → og planes of oh×ow at out + b·outImage bytes.
 * `taps` from conv2dTapsF32; needs ow ≥ 8 (a row's last tile overlaps the one before).
 */
export function conv2dDirectF32(
  x: usize,
  n: i32,
  xImage: usize,
  w: i32,
  sh: i32,
  taps: usize,
  depth: i32,
  packed: usize,
  r: i32,
  og: i32,
  out: usize,
  outImage: usize,
  oh: i32,
  ow: i32,
): void {
  const plane = (<usize>oh * <usize>ow) << 2;
  const block = (<usize>r * <usize>depth) << 2;
  for (let b = 0; b < n; b++) {
    const image = x + <usize>b * xImage;
    let wp = packed;
    for (let o = 0; o < og; o += r, wp += block) {
      const rows = min(r, og - o);
      const planes = out + <usize>b * outImage + <usize>o * plane;
      for (let i = 0; i < oh; i++) {
        const row = image + ((<usize>(i * sh) * <usize>w) << 2);
        const dstRow = planes + ((<usize>i * <usize>ow) << 2);
        for (let j = 0; j < ow; j += PIXELS) {
          const jj = min(j, ow - PIXELS);
          const src = row + (<usize>jj << 2);
          const dst = dstRow + (<usize>jj << 2);
          if (r == 3) tile3(taps, depth, wp, src, dst, plane, rows);
          else tile4(taps, depth, wp, src, dst, plane, rows);
        }
      }
    }
  }
}
