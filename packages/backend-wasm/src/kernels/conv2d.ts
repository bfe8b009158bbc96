/**
 * `Conv2D` on the wasm backend, float32: per (image, group), im2col in wasm then the packed
 * SIMD GEMM writes the [og, oh·ow] block straight into the NCHW output. A 1×1, stride-1,
 * unpadded convolution skips im2col: the image already is the column matrix. Other dtypes,
 * and geometry this kernel does not check (the CPU kernel then raises its own error), fall back.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

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
  const direct = kh === 1 && kw === 1 && strides[0] === 1 && strides[1] === 1 && pads.every((p) => p === 0);
  const col = direct ? 0 : backend.scratch(depth * cols * 4);
  const packA = backend.scratch(k.gemmPackAFloats() * 4);
  const packB = backend.scratch(k.gemmPackBFloats(cols) * 4);
  try {
    const px = backend.ptr(x);
    const pw = backend.ptr(w);
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < groups; g++) {
        const image = px + (b * c + g * cg) * h * wd * 4;
        if (!direct) {
          k.im2colF32(image, cg, h, wd, kh, kw, oh, ow, strides[0], strides[1], pads[0], pads[2], dilations[0], dilations[1], col);
        }
        const dst = out.ptr + (b * o + g * og) * cols * 4;
        k.gemm(og, cols, depth, pw + g * og * depth * 4, depth, 1, direct ? image : col, cols, 1, dst, packA, packB);
      }
    }
  } finally {
    if (col) backend.free(col);
    backend.free(packA);
    backend.free(packB);
  }
  return out.info;
};
