/**
 * Strided slices, steps possibly negative (the `StridedSlice` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { stridedRegion } from './stridedRegion.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkIntList, checkShaped } from './implArgs.js';

/**
 * `out[i…] = x[begin + i·step …]` for an output of shape `size`.
 * @example
 * stridedSliceImpl(new Int32Array([0, 1, 2, 3]), [4], [3], [2], [-2], 'int32'); // Int32Array [3, 1]
 */
export function stridedSliceImpl(
  values: Values,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  step: readonly number[],
  dtype: DType,
): Values {
  checkShaped('stridedSliceImpl', 'values', values, shape);
  checkIntList('stridedSliceImpl', 'begin', begin);
  checkIntList('stridedSliceImpl', 'size', size);
  checkIntList('stridedSliceImpl', 'step', step);
  checkDType('stridedSliceImpl', dtype);
  const region = stridedRegion('StridedSlice', shape, begin, size, step);
  const out = makeValues(dtype, sizeOf(size));
  if (out.length === 0) return out;
  const plan = planStrided(size, [region.strides]);
  const n = plan.shape.at(-1)!;
  const s = plan.strides[0]!.at(-1)!;
  let o = 0;
  forEachRow(plan, [region.base], ([i0]) => {
    if (s === 1) {
      out.set(values.subarray(i0!, i0! + n), o);
      o += n;
    } else {
      for (let i = 0, j = i0!; i < n; i++, j += s) out[o++] = values[j]!;
    }
  });
  return out;
}

/**
 * CPU kernel of `StridedSlice`.
 * @example
 * runKernel('StridedSlice', [x], { begin: [0], size: [2], step: [1] });
 */
export const stridedSlice: KernelFunc<'StridedSlice', CpuBackend> = (backend, [x], { begin, size, step }) =>
  backend.output(stridedSliceImpl(backend.values(x), x.shape, begin, size, step, x.dtype), [...size], x.dtype);
