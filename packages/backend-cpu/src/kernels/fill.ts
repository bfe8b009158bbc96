/**
 * Constant tensors (the `Fill` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { assertDType } from '@mindts/tensor';
import { type KernelFunc, makeValues, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { castScalar } from './cast.js';
import { checkDType, checkInt } from './implArgs.js';

/**
 * `size` copies of `value` converted to `dtype` as Cast converts.
 * @example
 * fillImpl(3, 2.5, 'int32'); // Int32Array [2, 2, 2]
 */
export function fillImpl(size: number, value: number, dtype: DType): Values {
  checkInt('fillImpl', 'size', size, 0);
  checkDType('fillImpl', dtype);
  if (typeof value !== 'number') throw new TypeError(`Fill: value must be a number, but got ${typeof value} ${String(value)}.`);
  const out = makeValues(dtype, size);
  // Storing one element first applies the typed array's own conversion, then fill copies it.
  out[0] = castScalar(value, dtype);
  if (size > 0) out.fill(out[0]!);
  return out;
}

/**
 * CPU kernel of `Fill`.
 * @example
 * runKernel('Fill', [], { shape: [2, 2], dtype: 'float32', value: 1 });
 */
export const fill: KernelFunc<'Fill', CpuBackend> = (backend, _inputs, { shape, dtype, value }) => {
  const s = validateShape(shape, 'Fill: shape');
  assertDType(dtype, 'Fill: dtype');
  return backend.output(fillImpl(sizeOf(s), value, dtype), s, dtype);
};
