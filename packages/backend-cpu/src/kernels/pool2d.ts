/**
 * Max and average pooling over NCHW windows (the `Pool2D` primitive). Padding never
 * contributes: max ignores it and averages divide by the number of real cells.
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { requireFloat } from './dtypeRules.js';
import { checkInts, checkRank4, windowOutputSize } from './windowGeometry.js';
import { checkDType, checkObject, checkShaped } from './implArgs.js';

/**
 * Pool2D's attributes.
 * @example
 * const halve: Pool2DAttrs = { mode: 'max', kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] };
 */
export interface Pool2DAttrs {
  mode: 'max' | 'avg';
  kernel: readonly [number, number];
  strides: readonly [number, number];
  /** [top, bottom, left, right]; each smaller than the kernel, so no window is all padding. */
  pads: readonly [number, number, number, number];
}

/**
 * Pools `x` [N, C, H, W] to [N, C, OH, OW]. Max propagates NaN; avg needs a float dtype.
 * @example
 * pool2dImpl(new Float32Array([1, 2, 3, 4]), [1, 1, 2, 2], { mode: 'max', kernel: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0] }, 'float32');
 * // { shape: [1, 1, 1, 1], values: Float32Array [4] }
 */
export function pool2dImpl(x: Values, shape: readonly number[], attrs: Pool2DAttrs, dtype: DType): ShapedValues {
  checkShaped('pool2dImpl', 'x', x, shape);
  checkObject('pool2dImpl', 'attrs', attrs, 'an object { mode, kernel, strides, pads }');
  checkDType('pool2dImpl', dtype);
  const { mode, kernel, strides, pads } = attrs;
  if (mode !== 'max' && mode !== 'avg') throw new TypeError(`Pool2D: mode must be 'max' or 'avg', but got ${JSON.stringify(mode)}.`);
  if (mode === 'avg') requireFloat('Pool2D avg', 'x', dtype);
  checkRank4('Pool2D', 'x', shape);
  checkInts('Pool2D', 'kernel', kernel, 2, 1);
  checkInts('Pool2D', 'strides', strides, 2, 1);
  checkInts('Pool2D', 'pads', pads, 4, 0);
  const [kh, kw] = kernel;
  const [pt, pb, pl, pr] = pads;
  if (pt >= kh || pb >= kh || pl >= kw || pr >= kw) {
    throw new RangeError(
      `Pool2D: each pad must be smaller than the kernel ${JSON.stringify(kernel)}, but got pads ${JSON.stringify(pads)}.`,
    );
  }
  const [n, c, h, w] = shape as [number, number, number, number];
  const oh = windowOutputSize('Pool2D', 'height', h, kh, strides[0], 1, pt, pb);
  const ow = windowOutputSize('Pool2D', 'width', w, kw, strides[1], 1, pl, pr);
  const outShape = [n, c, oh, ow];
  const out = makeValues(dtype, sizeOf(outShape));
  let o = 0;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let i = 0; i < oh; i++) {
      const h0 = Math.max(i * strides[0] - pt, 0);
      const h1 = Math.min(i * strides[0] - pt + kh, h);
      for (let j = 0; j < ow; j++) {
        const w0 = Math.max(j * strides[1] - pl, 0);
        const w1 = Math.min(j * strides[1] - pl + kw, w);
        let acc = mode === 'max' ? Number.NEGATIVE_INFINITY : 0;
        for (let y = h0; y < h1; y++) {
          const row = base + y * w;
          for (let xx = w0; xx < w1; xx++) {
            const v = x[row + xx]!;
            if (mode === 'avg') acc += v;
            else if (v > acc || Number.isNaN(v)) acc = v;
          }
          if (Number.isNaN(acc)) break;
        }
        out[o++] = mode === 'avg' ? acc / ((h1 - h0) * (w1 - w0)) : acc;
      }
    }
  }
  return { shape: outShape, values: out };
}

/**
 * CPU kernel of `Pool2D`.
 * @example
 * runKernel('Pool2D', [x], { mode: 'avg', kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
 */
export const pool2d: KernelFunc<'Pool2D', CpuBackend> = (backend, [x], attrs) => {
  const r = pool2dImpl(backend.values(x), x.shape, attrs, x.dtype);
  return backend.output(r.values, r.shape, x.dtype);
};
