// im2col for float32 NCHW convolution: the windows of cg channels of one image become the
// columns of a [cg·kh·kw, oh·ow] matrix, which the GEMM multiplies by the [og, cg·kh·kw]
// weights. Each output row splits into a zero-padded head, a run of in-bounds taps (copied
// with memory.copy when the stride is 1) and a zero tail, so no element test runs per tap.

/** First j ≥ 0 with j·s + off ≥ 0, i.e. ceil(−off / s) clamped to [0, n]. */
@inline
function firstInside(off: i32, s: i32, n: i32): i32 {
  if (off >= 0) return 0;
  return min(n, (-off + s - 1) / s);
}

/** One past the last j with j·s + off < limit, clamped to [lo, n]. */
@inline
function endInside(off: i32, s: i32, limit: i32, lo: i32, n: i32): i32 {
  if (off >= limit) return lo;
  return max(lo, min(n, (limit - off + s - 1) / s));
}

export function im2colF32(
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
  col: usize,
): void {
  let o = col;
  const rowBytes = <usize>ow << 2;
  for (let c = 0; c < cg; c++) {
    const plane = x + (<usize>c * <usize>h * <usize>w << 2);
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        const offW = kj * dw - pl;
        const j0 = firstInside(offW, sw, ow);
        const j1 = endInside(offW, sw, w, j0, ow);
        for (let i = 0; i < oh; i++) {
          const ih = i * sh - pt + ki * dh;
          if (ih < 0 || ih >= h) {
            memory.fill(o, 0, rowBytes);
          } else {
            memory.fill(o, 0, <usize>j0 << 2);
            const src = plane + ((<usize>ih * <usize>w + <usize>(j0 * sw + offW)) << 2);
            if (sw == 1) {
              memory.copy(o + (<usize>j0 << 2), src, <usize>(j1 - j0) << 2);
            } else {
              const step = <usize>sw << 2;
              let s = src;
              for (let j = j0; j < j1; j++, s += step) store<f32>(o + (<usize>j << 2), load<f32>(s));
            }
            memory.fill(o + (<usize>j1 << 2), 0, <usize>(ow - j1) << 2);
          }
          o += rowBytes;
        }
      }
    }
  }
}
