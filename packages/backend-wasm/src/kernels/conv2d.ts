/**
 * `Conv2D` on the wasm backend, float32. A convolution at horizontal stride 1 with rows of at
 * least 8 outputs and a shallow window (unpadded, on several threads) runs as a direct
 * convolution (conv2dDirect.ts: no column matrix at all; images split over the threads). Otherwise, per group and chunk of images, im2col
 * in wasm puts the chunk's column matrices side by side, already in the GEMM's packed-panel form
 * (no separate packing pass), one SIMD GEMM (split by rows over the threads) multiplies them all
 * (small images such as LeNet's give per-image GEMMs too narrow to amortise packing), and each
 * image's [og, oh·ow] block is copied into the NCHW output (straight there for one image).
 * A 1×1, stride-1, unpadded convolution skips im2col: the image already is the column matrix.
 * Other dtypes, and geometry this kernel does not check (the CPU kernel then raises its own
 * error), fall back.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { conv2dDirect, directApplies } from './conv2dDirect.js';
import { gemm } from './gemm.js';

/**
 * Columns one GEMM should get at least: below a few hundred, packing the weights and the call
 * overhead per image outweigh the multiply (a profile of LeNet's 8×8-output layer had im2col
 * and packing above 60% of the time); a thousand keeps the column panel within L2.
 */
const CHUNK_COLUMNS = 1024;

const isInt = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/** Output length along one axis, or undefined when the window does not fit. */
function outSize(size: number, k: number, stride: number, dilation: number, before: number, after: number): number | undefined {
  const span = dilation * (k - 1) + 1;
  const padded = size + before + after;
  return padded >= span ? Math.floor((padded - span) / stride) + 1 : undefined;
}

/**
 * Wasm kernel of `Conv2D`.
 * @example
 * runKernel('Conv2D', [x, w], { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 });
 */
export const conv2d: KernelFunc<'Conv2D', WasmBackend> = (backend, inputs, attrs) => {
  const [x, w] = inputs;
  const { strides, pads, dilations, groups } = attrs;
  if (x.dtype !== 'float32' || w.dtype !== 'float32') {
    return backend.fallback('Conv2D', inputs, attrs, `Conv2D of ${x.dtype} has no wasm kernel yet`);
  }
  const geometryOk =
    x.shape.length === 4 &&
    w.shape.length === 4 &&
    strides.length === 2 &&
    dilations.length === 2 &&
    pads.length === 4 &&
    strides.every((s) => isInt(s, 1)) &&
    dilations.every((d) => isInt(d, 1)) &&
    pads.every((p) => isInt(p, 0)) &&
    isInt(groups, 1);
  const [n, c, h, wd] = x.shape as [number, number, number, number];
  const [o, cg, kh, kw] = w.shape as [number, number, number, number];
  const oh = geometryOk ? outSize(h, kh, strides[0], dilations[0], pads[0], pads[1]) : undefined;
  const ow = geometryOk ? outSize(wd, kw, strides[1], dilations[1], pads[2], pads[3]) : undefined;
  if (oh === undefined || ow === undefined || kh < 1 || kw < 1 || c % groups !== 0 || o % groups !== 0 || cg * groups !== c) {
    return backend.fallback('Conv2D', inputs, attrs, 'Conv2D geometry the wasm kernel does not check');
  }
  const out = backend.output([n, o, oh, ow], 'float32');
  const og = o / groups;
  const depth = cg * kh * kw;
  const cols = oh * ow;
  if (n * o * cols === 0) return out.info;
  const k = backend.kernels;
  const pointwise = kh === 1 && kw === 1 && strides[0] === 1 && strides[1] === 1 && pads.every((p) => p === 0);
  const geometry = { n, c, h, w: wd, o, groups, kh, kw, oh, ow, strides, pads, dilations };
  // The direct kernel splits unpadded batches over the threads; padded ones on several threads
  // go through the GEMM, which splits by rows.
  if (!pointwise && directApplies(geometry, backend.threads)) {
    conv2dDirect(backend, backend.ptr(x), backend.ptr(w), out.ptr, geometry);
    return out.info;
  }
  // Images per GEMM: one when the image already is the column matrix (pointwise) or is wide enough.
  const chunk = pointwise ? 1 : Math.min(n, Math.max(1, Math.ceil(CHUNK_COLUMNS / cols)));
  const width = chunk * cols;
  // im2col writes the GEMM's packed form directly: depth rows × width rounded up to 8 columns.
  const col = pointwise ? 0 : backend.scratch(depth * Math.ceil(width / 8) * 8 * 4);
  const tmp = chunk > 1 ? backend.scratch(og * width * 4) : 0;
  const [sh, sw] = strides;
  try {
    const px = backend.ptr(x);
    const pw = backend.ptr(w);
    for (let g = 0; g < groups; g++) {
      const weights = pw + g * og * depth * 4;
      for (let b0 = 0; b0 < n; b0 += chunk) {
        const images = Math.min(chunk, n - b0);
        const wide = images * cols;
        const dst = out.ptr + (b0 * o + g * og) * cols * 4;
        if (pointwise) {
          const image = px + (b0 * c + g * cg) * h * wd * 4;
          gemm(backend, og, cols, depth, weights, depth, 1, image, cols, 1, dst, false);
          continue;
        }
        for (let i = 0; i < images; i++) {
          const image = px + ((b0 + i) * c + g * cg) * h * wd * 4;
          k.im2colPackedF32(image, cg, h, wd, kh, kw, oh, ow, sh, sw, pads[0], pads[2], dilations[0], dilations[1], col, i * cols, wide);
        }
        gemm(backend, og, wide, depth, weights, depth, 1, col, 0, 0, images > 1 ? tmp : dst, true);
        // [og, images·cols] → each image's [og, cols] block of the NCHW output.
        if (images > 1) {
          for (let i = 0; i < images; i++) k.copyRows(tmp + i * cols * 4, wide * 4, dst + i * o * cols * 4, cols * 4, og, cols * 4);
        }
      }
    }
  } finally {
    if (col) backend.free(col);
    if (tmp) backend.free(tmp);
  }
  return out.info;
};
