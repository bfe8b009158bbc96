/**
 * `Conv2D` and `Pool2D` as gpu.js kernels: each output element loops over its window, with
 * padding skipped by bounds tests. Attributes the CPU kernel would reject go to it, so its
 * errors are the ones users see.
 */
import type { KernelFunc } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { coords, isNaNFlag, kernelSource, lit, shapeKey } from './source.js';

const ints = (v: readonly number[], count: number, min: number) =>
  Array.isArray(v) && v.length === count && v.every((x) => Number.isInteger(x) && x >= min);

/** Output length of a window over `size` padded cells, or undefined when it does not fit once. */
function outLength(size: number, window: number, stride: number, dilation: number, before: number, after: number): number | undefined {
  const span = dilation * (window - 1) + 1;
  const padded = size + before + after;
  return padded < span ? undefined : Math.floor((padded - span) / stride) + 1;
}

/** Statements reading x at row `ih`, column `iw` of plane `plane` into `v` when inside, setting `inside`. */
const readCell = (h: number, w: number, plane: string) =>
  [
    'let inside = 0.0;',
    `if (ih >= 0.0 && ih < ${lit(h)} && iw >= 0.0 && iw < ${lit(w)}) { inside = 1.0; }`,
    'let v = 0.0;',
    `if (inside > 0.0) { v = a[(${plane} * ${lit(h)} + ih) * ${lit(w)} + iw]; }`,
  ].join('\n    ');

/**
 * gpu.js kernel of `Conv2D` (float32, NCHW × OIHW, groups, dilations), accumulating in float32.
 * @example
 * runKernel('Conv2D', [x, w], { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 });
 */
export const conv2d: KernelFunc<'Conv2D', GpujsBackend> = (backend, inputs, attrs) => {
  const [x, w] = inputs;
  const { strides, pads, dilations, groups } = attrs;
  const reject = () =>
    backend.fallback('Conv2D', inputs, attrs, 'the shapes or attributes are not ones gpu.js takes (the CPU kernel checks them)');
  if (x.shape.length !== 4 || w.shape.length !== 4 || !ints(strides, 2, 1) || !ints(dilations, 2, 1) || !ints(pads, 4, 0)) return reject();
  const [n, c, h, wd] = x.shape as [number, number, number, number];
  const [o, cg, kh, kw] = w.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || o % groups !== 0 || cg * groups !== c || kh < 1 || kw < 1)
    return reject();
  const oh = outLength(h, kh, strides[0], dilations[0], pads[0], pads[1]);
  const ow = outLength(wd, kw, strides[1], dilations[1], pads[2], pads[3]);
  if (oh === undefined || ow === undefined || x.dtype !== w.dtype) return reject();
  if (x.dtype !== 'float32') return backend.launch('Conv2D', inputs, attrs, `Conv2D of ${x.dtype} keeps the CPU backend's semantics`);
  const shape = [n, o, oh, ow];
  const depth = cg * kh * kw;
  return backend.launch('Conv2D', inputs, attrs, {
    key: `${shapeKey(x.shape, w.shape, strides, pads, dilations)}|${groups}`,
    shape,
    dtype: 'float32',
    loops: [depth],
    source: () =>
      kernelSource(
        ['a', 'b'],
        [
          coords(shape, 'c', 'this.thread.x'),
          `let g = Math.floor((c1 + 0.5) / ${lit(o / groups)});`,
          'let acc = 0.0;',
          `for (let j = 0.0; j < ${lit(depth)}; j += 1.0) {`,
          `  ${coords([cg, kh, kw], 'k', 'j').replaceAll('\n  ', '\n    ')}`,
          `  let ih = c2 * ${lit(strides[0])} - ${lit(pads[0])} + k1 * ${lit(dilations[0])};`,
          `  let iw = c3 * ${lit(strides[1])} - ${lit(pads[2])} + k2 * ${lit(dilations[1])};`,
          `  ${readCell(h, wd, `(c0 * ${lit(c)} + g * ${lit(cg)} + k0)`)}`,
          `  acc = acc + v * b[c1 * ${lit(depth)} + j];`,
          '}',
          'return acc;',
        ].join('\n  '),
      ),
  });
};

/**
 * gpu.js kernel of `Pool2D`: max (float32 or bool; NaN propagates) and avg (float32) over the
 * real cells of each window.
 * @example
 * runKernel('Pool2D', [x], { mode: 'max', kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
 */
export const pool2d: KernelFunc<'Pool2D', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { mode, kernel, strides, pads } = attrs;
  const reject = () =>
    backend.fallback('Pool2D', inputs, attrs, 'the shape or attributes are not ones gpu.js takes (the CPU kernel checks them)');
  if ((mode !== 'max' && mode !== 'avg') || x.shape.length !== 4 || !ints(kernel, 2, 1) || !ints(strides, 2, 1) || !ints(pads, 4, 0)) {
    return reject();
  }
  const [kh, kw] = kernel;
  if (pads[0] >= kh || pads[1] >= kh || pads[2] >= kw || pads[3] >= kw || (mode === 'avg' && x.dtype === 'bool')) return reject();
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const oh = outLength(h, kh, strides[0], 1, pads[0], pads[1]);
  const ow = outLength(w, kw, strides[1], 1, pads[2], pads[3]);
  if (oh === undefined || ow === undefined) return reject();
  const shape = [n, c, oh, ow];
  const step =
    mode === 'avg'
      ? 'acc = acc + v;'
      : `${isNaNFlag('v', 'nan')}\n      if (nan > 0.0 || v > acc || count == 0.0) { acc = v; }\n      if (nan > 0.0) { seenNaN = 1.0; }`;
  return backend.launch('Pool2D', inputs, attrs, {
    key: `${mode}|${x.dtype}|${shapeKey(x.shape, kernel, strides, pads)}`,
    shape,
    dtype: x.dtype,
    loops: [kh * kw],
    source: () =>
      kernelSource(
        ['a'],
        [
          coords(shape, 'c', 'this.thread.x'),
          'let acc = 0.0;',
          'let count = 0.0;',
          'let seenNaN = 0.0;',
          `for (let j = 0.0; j < ${lit(kh * kw)}; j += 1.0) {`,
          `  ${coords([kh, kw], 'k', 'j').replaceAll('\n  ', '\n    ')}`,
          `  let ih = c2 * ${lit(strides[0])} - ${lit(pads[0])} + k0;`,
          `  let iw = c3 * ${lit(strides[1])} - ${lit(pads[2])} + k1;`,
          `  ${readCell(h, w, `(c0 * ${lit(c)} + c1)`)}`,
          '  if (inside > 0.0 && seenNaN == 0.0) {',
          `    ${step.replaceAll('\n      ', '\n    ')}`,
          '    count = count + 1.0;',
          '  }',
          '}',
          mode === 'avg' ? 'return acc / count;' : 'return acc;',
        ].join('\n  '),
      ),
  });
};
