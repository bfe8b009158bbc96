/**
 * `Cast`, `Fill` and `Where` as gpu.js kernels (float32, float16 and bool; others on the CPU backend).
 */
import { assertDType } from '@mindts/tensor';
import { broadcastShapes, type KernelFunc, validateShape } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { roundFloat16Source, roundHalf } from './float16.js';
import { broadcastIndex, coords, kernelSource, shapeKey } from './source.js';

/**
 * gpu.js kernel of `Cast` between float32, float16 and bool (nonzero, NaN included, is true).
 * float32 → float16 rounds to nearest even ({@link roundFloat16Source}); float16 is stored as
 * float32 values, so the other float16 casts copy.
 * @example
 * runKernel('Cast', [x], { dtype: 'bool' });
 */
export const cast: KernelFunc<'Cast', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { dtype } = attrs;
  assertDType(dtype, 'Cast: dtype');
  const toBool = dtype === 'bool' && x.dtype !== 'bool';
  const toHalf = dtype === 'float16' && x.dtype !== 'float16' && x.dtype !== 'bool';
  const body = toBool
    ? 'let v = a[this.thread.x];\n  let y = 1.0;\n  if (v == 0.0) { y = 0.0; }\n  return y;'
    : toHalf
      ? `let v = a[this.thread.x];\n  ${roundFloat16Source()}\n  return y;`
      : 'return a[this.thread.x];';
  return backend.launch('Cast', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}>${dtype}|${shapeKey(x.shape)}`,
    shape: x.shape,
    dtype,
    source: () => kernelSource(['a'], body),
  });
};

/**
 * gpu.js kernel of `Fill`; the value is an argument, so one kernel serves every value of a shape.
 * @example
 * runKernel('Fill', [], { shape: [2, 2], dtype: 'float32', value: 1 });
 */
export const fill: KernelFunc<'Fill', GpujsBackend> = (backend, inputs, attrs) => {
  const shape = validateShape(attrs.shape, 'Fill: shape');
  const { dtype, value } = attrs;
  assertDType(dtype, 'Fill: dtype');
  if (typeof value !== 'number') throw new TypeError(`Fill: value must be a number, but got ${typeof value} ${String(value)}.`);
  return backend.launch('Fill', inputs, attrs, {
    float16: 'exact',
    key: `${dtype}|${shapeKey(shape)}`,
    shape,
    dtype,
    scalars: [dtype === 'bool' ? (value !== 0 ? 1 : 0) : dtype === 'float16' ? roundHalf(value) : value],
    source: () => kernelSource(['v'], 'return v;'),
  });
};

/**
 * gpu.js kernel of `Where` with broadcasting.
 * @example
 * runKernel('Where', [cond, a, b], {});
 */
export const where: KernelFunc<'Where', GpujsBackend> = (backend, inputs, attrs) => {
  const [cond, a, b] = inputs;
  if (cond.dtype !== 'bool') throw new TypeError(`Where: cond must be bool, but got ${cond.dtype}; compare or cast it first.`);
  if (a.dtype !== b.dtype) {
    throw new TypeError(`Where: a and b must have the same dtype, but got ${a.dtype} and ${b.dtype}; cast them first.`);
  }
  const shape = broadcastShapes(broadcastShapes(cond.shape, a.shape), b.shape);
  return backend.launch('Where', inputs, attrs, {
    float16: 'exact',
    key: `${a.dtype}|${shapeKey(cond.shape, a.shape, b.shape)}`,
    shape,
    dtype: a.dtype,
    source: () =>
      kernelSource(
        ['c', 'a', 'b'],
        [
          coords(shape, 'o', 'this.thread.x'),
          `let y = b[${broadcastIndex(b.shape, shape, 'o')}];`,
          `if (c[${broadcastIndex(cond.shape, shape, 'o')}] != 0.0) { y = a[${broadcastIndex(a.shape, shape, 'o')}]; }`,
          'return y;',
        ].join('\n  '),
      ),
  });
};
