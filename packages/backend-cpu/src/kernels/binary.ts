/**
 * Elementwise functions of two tensors with NumPy broadcasting (the `Binary` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { BOOL_BINARY_OPS, type BinaryOp, broadcastShapes, type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { broadcastStrides } from './broadcastIndex.js';
import { binaryFunction } from './binaryOps.js';
import { fastBinary } from './fastLoops.js';
import { requireSameDType } from './dtypeRules.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkName, checkShaped } from './implArgs.js';

/**
 * A computed tensor: its shape and values in compute form.
 * @example
 * const { shape, values }: ShapedValues = binaryImpl('mul', [2], a, [], b, 'float32');
 */
export interface ShapedValues {
  shape: number[];
  values: Values;
}

/**
 * `op(a, b)` elementwise with broadcasting, on compute-form values of one `dtype`. The result
 * is bool for comparisons and logical ops, else `dtype`; `into` may supply the output buffer.
 * @example
 * binaryImpl('add', [2, 1], new Int32Array([1, 2]), [3], new Int32Array([10, 20, 30]), 'int32');
 * // { shape: [2, 3], values: Int32Array [11, 21, 31, 12, 22, 32] }
 */
export function binaryImpl(
  op: BinaryOp,
  aShape: readonly number[],
  a: Values,
  bShape: readonly number[],
  b: Values,
  dtype: DType,
  into?: (size: number) => Values | undefined,
): ShapedValues {
  checkName('binaryImpl', 'op', op);
  checkShaped('binaryImpl', 'a', a, aShape, 'aShape');
  checkShaped('binaryImpl', 'b', b, bShape, 'bShape');
  checkDType('binaryImpl', dtype);
  if (into !== undefined && typeof into !== 'function') checkName('binaryImpl', 'into', into);
  const fn = binaryFunction(op, dtype);
  const shape = broadcastShapes(aShape, bShape);
  const outDType = BOOL_BINARY_OPS.has(op) ? 'bool' : dtype;
  const out = into?.(sizeOf(shape)) ?? makeValues(outDType, sizeOf(shape));
  if (fastBinary(op, dtype, a, b, out)) return { shape, values: out };
  if (a.length === out.length && b.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = fn(a[i]!, b[i]!);
    return { shape, values: out };
  }
  const plan = planStrided(shape, [broadcastStrides(aShape, shape, 'a'), broadcastStrides(bShape, shape, 'b')]);
  const n = plan.shape[plan.shape.length - 1]!;
  const sa = plan.strides[0]!.at(-1)!;
  const sb = plan.strides[1]!.at(-1)!;
  let o = 0;
  forEachRow(plan, [0, 0], ([ia0, ib0]) => {
    let ia = ia0!;
    let ib = ib0!;
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o++] = fn(a[ia]!, b[ib]!);
  });
  return { shape, values: out };
}

/**
 * CPU kernel of `Binary`.
 * @example
 * runKernel('Binary', [a, b], { op: 'add' });
 */
export const binary: KernelFunc<'Binary', CpuBackend> = (backend, [a, b], { op }) => {
  requireSameDType(`Binary '${op}'`, a.dtype, b.dtype);
  const outDType = BOOL_BINARY_OPS.has(op) ? 'bool' : a.dtype;
  const r = binaryImpl(op, a.shape, backend.values(a), b.shape, backend.values(b), a.dtype, (n) => backend.reuse(outDType, n));
  return backend.output(r.values, r.shape, BOOL_BINARY_OPS.has(op) ? 'bool' : a.dtype);
};
