/**
 * A copy with a strided region replaced (the `SliceUpdate` primitive, behind `setItem`).
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, shapesEqual, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { requireSameDType } from './dtypeRules.js';
import { stridedRegion } from './stridedRegion.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkIntList, checkShaped } from './implArgs.js';

/**
 * A copy of `x` whose region `begin + i·step` (i < size) holds `value` (row-major, `size` elements).
 * @example
 * sliceUpdateImpl(new Int32Array([0, 1, 2, 3]), [4], new Int32Array([9, 8]), [3], [2], [-2], 'int32');
 * // Int32Array [0, 8, 2, 9]
 */
export function sliceUpdateImpl(
  x: Values,
  shape: readonly number[],
  value: Values,
  begin: readonly number[],
  size: readonly number[],
  step: readonly number[],
  dtype: DType,
): Values {
  checkShaped('sliceUpdateImpl', 'x', x, shape);
  checkShaped('sliceUpdateImpl', 'value', value, size, 'size');
  checkIntList('sliceUpdateImpl', 'begin', begin);
  checkIntList('sliceUpdateImpl', 'step', step);
  checkDType('sliceUpdateImpl', dtype);
  const region = stridedRegion('SliceUpdate', shape, begin, size, step);
  if (value.length !== sizeOf(size)) {
    throw new RangeError(
      `SliceUpdate: value must hold ${sizeOf(size)} elements for a region of shape ${shapeString(size)}, but has ${value.length}.`,
    );
  }
  const out = makeValues(dtype, x.length);
  out.set(x);
  if (value.length === 0) return out;
  const plan = planStrided(size, [region.strides]);
  const n = plan.shape.at(-1)!;
  const s = plan.strides[0]!.at(-1)!;
  let v = 0;
  forEachRow(plan, [region.base], ([o0]) => {
    for (let i = 0, o = o0!; i < n; i++, o += s) out[o] = value[v++]!;
  });
  return out;
}

/**
 * CPU kernel of `SliceUpdate`.
 * @example
 * runKernel('SliceUpdate', [x, v], { begin: [0], size: [2], step: [1] });
 */
export const sliceUpdate: KernelFunc<'SliceUpdate', CpuBackend> = (backend, [x, value], { begin, size, step }) => {
  requireSameDType('SliceUpdate', x.dtype, value.dtype, ['x', 'value']);
  if (!shapesEqual(value.shape, size)) {
    throw new RangeError(`SliceUpdate: value must have the region's shape ${shapeString(size)}, but got ${shapeString(value.shape)}.`);
  }
  const out = sliceUpdateImpl(backend.values(x), x.shape, backend.values(value), begin, size, step, x.dtype);
  return backend.output(out, x.shape, x.dtype);
};
