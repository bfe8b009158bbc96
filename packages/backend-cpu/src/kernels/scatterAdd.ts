/**
 * Adding slices into a copy at indices along an axis (the `ScatterAdd` primitive, the
 * adjoint of Gather: repeated indices accumulate).
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, shapesEqual, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { requireSameDType } from './dtypeRules.js';
import { checkGatherArgs, normalizeIndex } from './gather.js';
import { checkAxis, checkDType, checkShaped, checkValues } from './implArgs.js';

/**
 * A copy of `x` with `updates` (shape x[:axis] + indices + x[axis+1:]) added at `indices`.
 * Ints wrap at 32 bits; bool accumulates with OR.
 * @example
 * scatterAddImpl(new Float32Array(3), [3], new Int32Array([0, 0, 2]), new Float32Array([1, 2, 5]), 0, 'float32');
 * // Float32Array [3, 0, 5]
 */
export function scatterAddImpl(x: Values, shape: readonly number[], indices: Values, updates: Values, axis: number, dtype: DType): Values {
  checkShaped('scatterAddImpl', 'x', x, shape);
  checkValues('scatterAddImpl', 'indices', indices);
  checkValues('scatterAddImpl', 'updates', updates);
  checkAxis('scatterAddImpl', axis, shape.length);
  checkDType('scatterAddImpl', dtype);
  const out = makeValues(dtype, x.length);
  out.set(x);
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const axisSize = shape[axis]!;
  const idx = Array.from(indices, (v) => normalizeIndex('ScatterAdd', v, axis, axisSize));
  if (updates.length !== outer * idx.length * inner) {
    throw new RangeError(`ScatterAdd: updates must hold ${outer * idx.length * inner} elements, but has ${updates.length}.`);
  }
  const bool = dtype === 'bool';
  let u = 0;
  for (let b = 0; b < outer; b++) {
    for (const i of idx) {
      const start = (b * axisSize + i) * inner;
      for (let j = start; j < start + inner; j++) {
        const v = out[j]! + updates[u++]!;
        // Storing into the int typed arrays wraps the sum, as int32 arithmetic does.
        out[j] = bool ? (v !== 0 ? 1 : 0) : v;
      }
    }
  }
  return out;
}

/**
 * CPU kernel of `ScatterAdd`.
 * @example
 * runKernel('ScatterAdd', [x, indices, updates], { axis: 0 });
 */
export const scatterAdd: KernelFunc<'ScatterAdd', CpuBackend> = (backend, [x, indices, updates], { axis }) => {
  checkGatherArgs('ScatterAdd', x.shape, axis, indices.dtype);
  requireSameDType('ScatterAdd', x.dtype, updates.dtype, ['x', 'updates']);
  const expected = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  if (!shapesEqual(updates.shape, expected)) {
    throw new RangeError(
      `ScatterAdd: updates must have shape ${shapeString(expected)} (x[:axis] + indices + x[axis+1:]), but got ${shapeString(updates.shape)}.`,
    );
  }
  const out = scatterAddImpl(backend.values(x), x.shape, backend.values(indices), backend.values(updates), axis, x.dtype);
  return backend.output(out, x.shape, x.dtype);
};
