/**
 * Repeating a tensor to a larger shape by NumPy broadcasting (the `BroadcastTo` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { broadcastStrides } from './broadcastIndex.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkShape, checkShaped } from './implArgs.js';

/**
 * `values` of `shape` repeated to `target`; throws unless `shape` broadcasts to it.
 * @example
 * broadcastToImpl(new Int32Array([1, 2]), [2], [2, 2], 'int32'); // Int32Array [1, 2, 1, 2]
 */
export function broadcastToImpl(values: Values, shape: readonly number[], target: readonly number[], dtype: DType): Values {
  checkShaped('broadcastToImpl', 'values', values, shape);
  checkShape('broadcastToImpl', 'target', target);
  checkDType('broadcastToImpl', dtype);
  const out = makeValues(dtype, sizeOf(target));
  const plan = planStrided(target, [broadcastStrides(shape, target, 'BroadcastTo: x')]);
  const n = plan.shape.at(-1)!;
  const s = plan.strides[0]!.at(-1)!;
  let o = 0;
  forEachRow(plan, [0], ([i0]) => {
    if (s === 0) out.fill(values[i0!]!, o, o + n);
    else out.set(values.subarray(i0!, i0! + n), o);
    o += n;
  });
  return out;
}

/**
 * CPU kernel of `BroadcastTo`.
 * @example
 * runKernel('BroadcastTo', [x], { shape: [4, 3] });
 */
export const broadcastTo: KernelFunc<'BroadcastTo', CpuBackend> = (backend, [x], { shape }) => {
  const target = validateShape(shape, 'BroadcastTo: shape');
  return backend.output(broadcastToImpl(backend.values(x), x.shape, target, x.dtype), target, x.dtype);
};
