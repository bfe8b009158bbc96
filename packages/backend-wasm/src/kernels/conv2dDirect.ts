/**
 * The direct path of the wasm `Conv2D` kernel (assembly/conv2d.ts), for small windows at
 * horizontal stride 1: each tile of 3 or 4 output channels × 8 output pixels sums its taps from
 * the image in place, so there is no im2col matrix to write and read back, no packing of it and
 * no copy of a chunk's GEMM result into the NCHW output. LeNet's layers at batch 64 took 0.35 and
 * 0.52 ms this way on one thread, against 0.97 and 0.88 ms through im2col and the GEMM (whose
 * 4-row tile also left 2 of 8 rows empty for 6 output channels).
 */
import type { WasmBackend } from '../wasmBackend.js';

/** Multiply-adds below which the images stay on one thread (as for the GEMM: a hand-off costs tens of µs). */
const PARALLEL_MIN_MADDS = 1 << 20;

/** Output pixels of a tile (assembly/conv2d.ts PIXELS): narrower rows go through im2col. */
const TILE_PIXELS = 8;

/**
 * Taps per output (cg·kh·kw) up to which the direct path runs. Measured on one thread against
 * im2col + GEMM: 30–45% faster for 27–576 taps (3×3 and 5×5 windows, 12² to 224² images), level
 * at 1152, 10% slower at 4608, where a tile's weights (4 × taps floats) no longer stay in L1.
 */
const MAX_DEPTH = 1152;

/** Where a convolution's numbers come from: NCHW input, [O, C/groups, kH, kW] weights. */
export interface ConvGeometry {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly o: number;
  readonly groups: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number;
  readonly ow: number;
  readonly strides: readonly number[];
  readonly pads: readonly number[];
  readonly dilations: readonly number[];
}

/**
 * Whether {@link conv2dDirect} computes this convolution: horizontal stride 1, rows of at least
 * one tile and a shallow window; on several threads also no padding (padded images go through a
 * per-call scratch copy, so they stay on one thread and the GEMM path splits them instead).
 * @example
 * directApplies({ n: 64, c: 6, h: 12, w: 12, o: 16, groups: 1, kh: 5, kw: 5, oh: 8, ow: 8, strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1] }); // true
 */
export function directApplies(g: ConvGeometry, threads = 1): boolean {
  const padded = g.pads.some((p) => p !== 0);
  return g.strides[1] === 1 && g.ow >= TILE_PIXELS && (g.c / g.groups) * g.kh * g.kw <= MAX_DEPTH && (threads === 1 || !padded);
}

/**
 * Output channels per tile: 3 where that pads fewer channels than blocks of 4 (LeNet's 6 as
 * 3 + 3 instead of a half-empty second 4), else 4, about 6% faster per multiply-add.
 */
function channelsPerTile(og: number): 3 | 4 {
  return Math.ceil(og / 3) * 3 < Math.ceil(og / 4) * 4 ? 3 : 4;
}

/**
 * out (NCHW, at byte `out`) = the convolution of the input at `x` with the weights at `w`, for a
 * geometry {@link directApplies} accepts. Padding copies each image into zero-bordered scratch.
 * @example
 * conv2dDirect(backend, backend.ptr(x), backend.ptr(w), out.ptr, geometry);
 */
export function conv2dDirect(backend: WasmBackend, x: number, w: number, out: number, g: ConvGeometry): void {
  const k = backend.kernels;
  const { n, c, h, o, groups, kh, kw, oh, ow } = g;
  const [pt, pb, pl, pr] = g.pads as [number, number, number, number];
  const cg = c / groups;
  const og = o / groups;
  const depth = cg * kh * kw;
  const hp = pt + h + pb;
  const wp = pl + g.w + pr;
  const padded = pt + pb + pl + pr > 0;
  const r = channelsPerTile(og);
  const xImage = c * h * g.w * 4;
  const outImage = o * oh * ow * 4;
  const taps = backend.scratch(depth * 4);
  const packed = backend.scratch(Math.ceil(og / r) * r * depth * 4);
  const pad = padded ? backend.scratch(cg * hp * wp * 4) : 0;
  try {
    k.conv2dTapsF32(taps, cg, hp, wp, kh, kw, g.dilations[0] as number, g.dilations[1] as number);
    const sh = g.strides[0] as number;
    for (let group = 0; group < groups; group++) {
      k.conv2dPackWeightsF32(w + group * og * depth * 4, og, depth, r, packed);
      const xg = x + group * cg * h * g.w * 4;
      const outg = out + group * og * oh * ow * 4;
      if (!padded) {
        // Images split over the threads when the work repays waking them (taps and packed
        // weights are read-only, shared by every part).
        const threads = n * o * oh * ow * depth >= PARALLEL_MIN_MADDS ? Math.min(backend.threads, n) : 1;
        const parts = Array.from({ length: threads }, (_, t) => {
          const b0 = Math.floor((t * n) / threads);
          const b1 = Math.floor(((t + 1) * n) / threads);
          return [xg + b0 * xImage, b1 - b0, xImage, wp, sh, taps, depth, packed, r, og, outg + b0 * outImage, outImage, oh, ow];
        });
        if (parts.length > 1) backend.parallel('conv2dDirectF32', parts);
        else k.conv2dDirectF32(...(parts[0] as Parameters<typeof k.conv2dDirectF32>));
        continue;
      }
      for (let b = 0; b < n; b++) {
        k.conv2dPadF32(xg + b * xImage, cg, h, g.w, pt, pb, pl, pr, pad);
        k.conv2dDirectF32(pad, 1, 0, wp, sh, taps, depth, packed, r, og, outg + b * outImage, 0, oh, ow);
      }
    }
  } finally {
    backend.free(taps);
    backend.free(packed);
    if (pad) backend.free(pad);
  }
}
