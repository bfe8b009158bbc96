/**
 * Gradient rules of `Conv2D` and `Pool2D`, composed from the core primitives (so every backend
 * gets them without extra kernels): the input gradient of a convolution is a stride-1
 * convolution of the stride-dilated dy with the flipped, channel-swapped kernel; the kernel
 * gradient is a convolution of the input with dy, batch and channels swapped.
 */
import { fill, isFloat, type Tensor } from '@mindts/tensor';
import { type PrimitiveAttrs, runKernel } from '@mindts/tensor/backend';
import { add } from '../binary.js';
import { equal } from '../compare.js';
import { logicalAnd, logicalNot, logicalOr } from '../logical.js';
import { where } from '../where.js';
import { type GradFunc, wants } from './gradFunc.js';

const slice = (x: Tensor, begin: number[], size: number[], step = begin.map(() => 1)) =>
  runKernel('StridedSlice', [x], { begin, size, step });

/** `x` placed into a tensor of `value`s with `pads` [top, bottom, left, right] around its last two axes. */
function pad2d(x: Tensor, pads: readonly number[], value: number): Tensor {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [pt, pb, pl, pr] = pads as [number, number, number, number];
  if (pt + pb + pl + pr === 0) return x;
  const base = fill([n, c, h + pt + pb, w + pl + pr], value, x.dtype);
  return runKernel('SliceUpdate', [base, x], { begin: [0, 0, pt, pl], size: [n, c, h, w], step: [1, 1, 1, 1] });
}

/** Gradient of `Conv2D` for the input and the kernel. */
export const conv2dGrad: GradFunc<'Conv2D'> = (dy, node) => {
  const {
    inputs: [x, w],
    attrs,
  } = node;
  if (!x || !w || !isFloat(x.dtype)) return [undefined, undefined];
  return [wants(node, 0) ? conv2dInputGrad(dy, x, w, attrs) : undefined, wants(node, 1) ? conv2dFilterGrad(dy, x, w, attrs) : undefined];
};

/** dx of `Conv2D`: dilate dy by the stride, convolve with the flipped kernel whose in/out channels swap. */
function conv2dInputGrad(dy: Tensor, x: Tensor, w: Tensor, attrs: PrimitiveAttrs<'Conv2D'>): Tensor {
  const { strides, pads, dilations, groups } = attrs;
  const [n, c, h, wd] = x.shape as [number, number, number, number];
  const [o, cg, kh, kw] = w.shape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const [sh, sw] = strides;
  const [dh, dw] = dilations;
  const og = o / groups;
  const hd = (oh - 1) * sh + 1;
  const wdd = (ow - 1) * sw + 1;
  const dyd =
    sh === 1 && sw === 1
      ? dy
      : runKernel('SliceUpdate', [fill([n, o, hd, wdd], 0, dy.dtype), dy], {
          begin: [0, 0, 0, 0],
          size: [n, o, oh, ow],
          step: [1, 1, sh, sw],
        });
  const wt = runKernel(
    'Reshape',
    [runKernel('Transpose', [runKernel('Reshape', [w], { shape: [groups, og, cg, kh, kw] })], { perm: [0, 2, 1, 3, 4] })],
    {
      shape: [c, og, kh, kw],
    },
  );
  const flipped = slice(wt, [0, 0, kh - 1, kw - 1], [c, og, kh, kw], [1, 1, -1, -1]);
  const want = [dh * (kh - 1) - pads[0], h - hd + pads[0], dw * (kw - 1) - pads[2], wd - wdd + pads[2]];
  const use = want.map((p) => Math.max(p, 0)) as [number, number, number, number];
  const full = runKernel('Conv2D', [dyd, flipped], { strides: [1, 1], pads: use, dilations: [dh, dw], groups });
  return slice(full, [0, 0, use[0] - (want[0] as number), use[2] - (want[2] as number)], [n, c, h, wd]);
}

/** dw of `Conv2D`: per group, convolve xᵀ [cg, n, h, w] with dyᵀ [og, n, oh, ow] (stride ↔ dilation). */
function conv2dFilterGrad(dy: Tensor, x: Tensor, w: Tensor, attrs: PrimitiveAttrs<'Conv2D'>): Tensor {
  const { strides, pads, dilations, groups } = attrs;
  const [n, , h, wd] = x.shape as [number, number, number, number];
  const [o, cg, kh, kw] = w.shape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const [sh, sw] = strides;
  const [dh, dw] = dilations;
  const og = o / groups;
  const parts: Tensor[] = [];
  for (let g = 0; g < groups; g++) {
    const xg = runKernel('Transpose', [slice(x, [0, g * cg, 0, 0], [n, cg, h, wd])], { perm: [1, 0, 2, 3] });
    const dyg = runKernel('Transpose', [slice(dy, [0, g * og, 0, 0], [n, og, oh, ow])], { perm: [1, 0, 2, 3] });
    const r = runKernel('Conv2D', [xg, dyg], { strides: [dh, dw], pads, dilations: [sh, sw], groups: 1 });
    parts.push(runKernel('Transpose', [slice(r, [0, 0, 0, 0], [cg, og, kh, kw])], { perm: [1, 0, 2, 3] }));
  }
  return parts.length === 1 ? (parts[0] as Tensor) : runKernel('Concat', parts, { axis: 0 });
}

/**
 * Gradient of `Pool2D`: max pooling routes dy to the first maximum of each window (as argmax);
 * average pooling spreads dy / (number of real cells) over each window.
 */
export const pool2dGrad: GradFunc<'Pool2D'> = (dy, { inputs: [x], output, attrs }) => {
  if (!x || !isFloat(x.dtype)) return [undefined];
  const { mode, kernel, strides, pads } = attrs;
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const region = (i: number, j: number) => ({ begin: [0, 0, i, j], size: [n, c, oh, ow], step: [1, 1, strides[0], strides[1]] });
  let dxp = fill([n, c, h + pads[0] + pads[1], w + pads[2] + pads[3]], 0, x.dtype);
  const scatter = (i: number, j: number, g: Tensor) => {
    const r = region(i, j);
    dxp = runKernel('SliceUpdate', [dxp, add(runKernel('StridedSlice', [dxp], r), g)], r);
  };
  if (mode === 'max') {
    const xp = pad2d(x, pads, Number.NEGATIVE_INFINITY);
    let taken = fill(dy.shape, false, 'bool');
    for (let i = 0; i < kernel[0]; i++) {
      for (let j = 0; j < kernel[1]; j++) {
        const hit = logicalAnd(equal(runKernel('StridedSlice', [xp], region(i, j)), output), logicalNot(taken));
        taken = logicalOr(taken, hit);
        scatter(i, j, where(hit, dy, 0));
      }
    }
  } else {
    const ones = pad2d(fill([1, 1, h, w], 1, x.dtype), pads, 0);
    let count: Tensor | undefined;
    for (let i = 0; i < kernel[0]; i++) {
      for (let j = 0; j < kernel[1]; j++) {
        const cell = slice(ones, [0, 0, i, j], [1, 1, oh, ow], [1, 1, strides[0], strides[1]]);
        count = count ? add(count, cell) : cell;
      }
    }
    const g = runKernel('Binary', [dy, runKernel('BroadcastTo', [count as Tensor], { shape: dy.shape })], { op: 'div' });
    for (let i = 0; i < kernel[0]; i++) for (let j = 0; j < kernel[1]; j++) scatter(i, j, g);
  }
  return [slice(dxp, [0, 0, pads[0], pads[2]], [n, c, h, w])];
};
