/**
 * `Pool2D` on the wasm backend, float32 max and avg: windows clipped to the image (padding never
 * counts), averages in float64, so results equal the reference's. Other dtypes, and attributes
 * the checks here reject (the CPU kernel then raises its error), fall back.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

const isInt = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/**
 * Wasm kernel of `Pool2D`.
 * @example
 * runKernel('Pool2D', [x], { mode: 'max', kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
 */
export const pool2d: KernelFunc<'Pool2D', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { mode, kernel, strides, pads } = attrs;
  if (x.dtype !== 'float32') return backend.fallback('Pool2D', inputs, attrs, `Pool2D of ${x.dtype} has no wasm kernel yet`);
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [kh, kw] = kernel;
  const [pt, pb, pl, pr] = pads;
  const valid =
    (mode === 'max' || mode === 'avg') &&
    x.shape.length === 4 &&
    kernel.length === 2 &&
    strides.length === 2 &&
    pads.length === 4 &&
    kernel.every((k) => isInt(k, 1)) &&
    strides.every((s) => isInt(s, 1)) &&
    pads.every((p) => isInt(p, 0)) &&
    pt < kh &&
    pb < kh &&
    pl < kw &&
    pr < kw &&
    h + pt + pb >= kh &&
    w + pl + pr >= kw;
  if (!valid) return backend.fallback('Pool2D', inputs, attrs, 'Pool2D attributes the wasm kernel does not check');
  const oh = Math.floor((h + pt + pb - kh) / strides[0]) + 1;
  const ow = Math.floor((w + pl + pr - kw) / strides[1]) + 1;
  const out = backend.output([n, c, oh, ow], 'float32');
  if (n * c * oh * ow === 0) return out.info;
  backend.kernels.pool2dF32(mode === 'max' ? 1 : 0, backend.ptr(x), n * c, h, w, kh, kw, strides[0], strides[1], pt, pl, oh, ow, out.ptr);
  return out.info;
};
