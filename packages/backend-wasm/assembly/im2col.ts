import { KC, packedBOffset } from './gemm';

// im2col for float32 NCHW convolution: the windows of cg channels of one image become the
// columns of a [cg·kh·kw, oh·ow] matrix, which the GEMM multiplies by the [og, cg·kh·kw]
// weights. The images of a chunk sit side by side in one wider matrix (one GEMM for them all),
// written straight in the GEMM's packed form (no separate packing pass).

/**
 * im2col straight into the GEMM's packed-B form (see packedBOffset): the columns of one image
 * become columns col0… of a k×n matrix (k = cg·kh·kw), so the GEMM skips packing it. The loop
 * runs over each sliver's taps in order, so the writes are sequential and the reads hit the
 * image (small enough for L1: this is for LeNet-sized layers); eight outputs of one sliver in
 * bounds at stride 1 move as two vectors, the rest one by one with zero padding.
 */
export function im2colPackedF32(
  x: usize,
  cg: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  oh: i32,
  ow: i32,
  sh: i32,
  sw: i32,
  pt: i32,
  pl: i32,
  dh: i32,
  dw: i32,
  packed: usize,
  col0: i32,
  n: i32,
): void {
  const k = cg * kh * kw;
  const plane = <usize>h * <usize>w << 2;
  for (let i = 0; i < oh; i++) {
    const first = col0 + i * ow;
    let j = 0;
    while (j < ow) {
      const jj = first + j;
      const run = min(8 - (jj & 7), ow - j);
      const fast = run == 8 && sw == 1;
      let p = 0;
      let dst: usize = 0;
      for (let c = 0; c < cg; c++) {
        const img = x + <usize>c * plane;
        for (let ki = 0; ki < kh; ki++) {
          const ih = i * sh - pt + ki * dh;
          const rowInside = <u32>ih < <u32>h;
          const row = img + ((<usize>max(0, ih) * <usize>w) << 2);
          let iw = j * sw - pl;
          for (let kj = 0; kj < kw; kj++, p++, iw += dw, dst += 32) {
            // Consecutive taps are consecutive 8-float rows of the sliver within a k block.
            if (p % KC == 0) dst = packed + (packedBOffset(p, jj, k, n) << 2);
            if (fast && rowInside && iw >= 0 && iw + 8 <= w) {
              const src = row + (<usize>iw << 2);
              v128.store(dst, v128.load(src));
              v128.store(dst, v128.load(src, 16), 16);
            } else {
              for (let r = 0; r < run; r++) {
                const at = iw + r * sw;
                const v: f32 = rowInside && <u32>at < <u32>w ? load<f32>(row + (<usize>at << 2)) : 0;
                store<f32>(dst + (<usize>r << 2), v);
              }
            }
          }
        }
      }
      j += run;
    }
  }
}
