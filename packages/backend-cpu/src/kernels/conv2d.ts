/**
 * 2-D convolution, NCHW input and OIHW weight, with strides, pads, dilations and groups
 * (the `Conv2D` primitive). Each (image, group) is unfolded into columns (im2col) and
 * multiplied by the group's weights with the blocked GEMM, so it runs at matmul speed.
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { isFloatDType, requireSameDType } from './dtypeRules.js';
import { gemmFloatInto, gemmIntInto } from './gemm.js';
import { checkInts, checkRank4, windowOutputSize } from './windowGeometry.js';
import { checkDType, checkObject, checkShaped } from './implArgs.js';

/**
 * Conv2D's attributes.
 * @example
 * const same: Conv2DAttrs = { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 };
 */
export interface Conv2DAttrs {
  strides: readonly [number, number];
  /** [top, bottom, left, right]. */
  pads: readonly [number, number, number, number];
  dilations: readonly [number, number];
  groups: number;
}

/** Fills `col` ([cg·kh·kw, oh·ow]) with the windows of channels [c0, c0+cg) of image `x0`. */
function im2col(
  x: Values,
  x0: number,
  [cg, h, w]: [number, number, number],
  [kh, kw]: [number, number],
  [oh, ow]: [number, number],
  { strides: [sh, sw], pads: [pt, , pl], dilations: [dh, dw] }: Conv2DAttrs,
  col: Float64Array,
): void {
  let r = 0;
  for (let c = 0; c < cg; c++) {
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++, r++) {
        let o = r * oh * ow;
        for (let i = 0; i < oh; i++) {
          const ih = i * sh - pt + ki * dh;
          if (ih < 0 || ih >= h) {
            col.fill(0, o, o + ow);
            o += ow;
            continue;
          }
          const rowBase = x0 + (c * h + ih) * w;
          for (let j = 0; j < ow; j++) {
            const iw = j * sw - pl + kj * dw;
            col[o++] = iw >= 0 && iw < w ? x[rowBase + iw]! : 0;
          }
        }
      }
    }
  }
}

/**
 * Convolves `x` [N, C, H, W] with `w` [O, C/groups, kH, kW]; returns [N, O, OH, OW].
 * @example
 * conv2dImpl(x, [1, 1, 3, 3], w, [1, 1, 2, 2], { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 }, 'float32');
 */
export function conv2dImpl(
  x: Values,
  xShape: readonly number[],
  w: Values,
  wShape: readonly number[],
  attrs: Conv2DAttrs,
  dtype: DType,
): ShapedValues {
  checkShaped('conv2dImpl', 'x', x, xShape, 'xShape');
  checkShaped('conv2dImpl', 'w', w, wShape, 'wShape');
  checkObject('conv2dImpl', 'attrs', attrs, 'an object { strides, pads, dilations, groups }');
  checkDType('conv2dImpl', dtype);
  const { strides, pads, dilations, groups } = attrs;
  checkRank4('Conv2D', 'x', xShape);
  checkRank4('Conv2D', 'w', wShape);
  checkInts('Conv2D', 'strides', strides, 2, 1);
  checkInts('Conv2D', 'dilations', dilations, 2, 1);
  checkInts('Conv2D', 'pads', pads, 4, 0);
  const [n, c, h, wd] = xShape as [number, number, number, number];
  const [o, cg, kh, kw] = wShape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || o % groups !== 0) {
    throw new RangeError(`Conv2D: groups must be a positive integer dividing the ${c} input and ${o} output channels, but got ${groups}.`);
  }
  if (cg * groups !== c) {
    throw new RangeError(
      `Conv2D: w ${shapeString(wShape)} must have C/groups = ${c / groups} input channels for x ${shapeString(xShape)} with groups ${groups}, but has ${cg}.`,
    );
  }
  if (kh < 1 || kw < 1) throw new RangeError(`Conv2D: the kernel must be at least 1×1, but w has shape ${shapeString(wShape)}.`);
  const oh = windowOutputSize('Conv2D', 'height', h, kh, strides[0], dilations[0], pads[0], pads[1]);
  const ow = windowOutputSize('Conv2D', 'width', wd, kw, strides[1], dilations[1], pads[2], pads[3]);
  const shape = [n, o, oh, ow];
  const out = makeValues(dtype, sizeOf(shape));
  const og = o / groups;
  const depth = cg * kh * kw;
  const cols = oh * ow;
  if (out.length === 0) return { shape, values: out };
  const col = new Float64Array(depth * cols);
  const acc = new Float64Array(og * cols);
  const float = isFloatDType(dtype);
  for (let b = 0; b < n; b++) {
    for (let g = 0; g < groups; g++) {
      im2col(x, (b * c + g * cg) * h * wd, [cg, h, wd], [kh, kw], [oh, ow], attrs, col);
      const wv = { data: w, offset: g * og * depth, rowStride: depth, colStride: 1 };
      const cv = { data: col, offset: 0, rowStride: cols, colStride: 1 };
      if (float) gemmFloatInto(og, cols, depth, wv, cv, acc, 0);
      else gemmIntInto(og, cols, depth, wv, cv, acc, 0, dtype !== 'int64');
      if (dtype === 'bool') for (let i = 0; i < acc.length; i++) acc[i] = acc[i] !== 0 ? 1 : 0;
      out.set(acc, (b * o + g * og) * cols);
    }
  }
  return { shape, values: out };
}

/**
 * CPU kernel of `Conv2D`.
 * @example
 * runKernel('Conv2D', [x, w], { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 });
 */
export const conv2d: KernelFunc<'Conv2D', CpuBackend> = (backend, [x, w], attrs) => {
  requireSameDType('Conv2D', x.dtype, w.dtype, ['x', 'w']);
  const r = conv2dImpl(backend.values(x), x.shape, backend.values(w), w.shape, attrs, x.dtype);
  return backend.output(r.values, r.shape, x.dtype);
};
