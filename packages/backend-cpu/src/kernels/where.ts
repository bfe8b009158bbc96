/**
 * Elementwise choice with broadcasting (the `Where` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { broadcastShapes, type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { broadcastStrides } from './broadcastIndex.js';
import { requireSameDType } from './dtypeRules.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkShaped } from './implArgs.js';

/**
 * `cond ? a : b` elementwise; the three shapes broadcast together.
 * @example
 * whereImpl([2], new Uint8Array([1, 0]), [2], new Int32Array([1, 2]), [], new Int32Array([9]), 'int32');
 * // { shape: [2], values: Int32Array [1, 9] }
 */
export function whereImpl(
  condShape: readonly number[],
  cond: Values,
  aShape: readonly number[],
  a: Values,
  bShape: readonly number[],
  b: Values,
  dtype: DType,
): ShapedValues {
  checkShaped('whereImpl', 'cond', cond, condShape, 'condShape');
  checkShaped('whereImpl', 'a', a, aShape, 'aShape');
  checkShaped('whereImpl', 'b', b, bShape, 'bShape');
  checkDType('whereImpl', dtype);
  const shape = broadcastShapes(broadcastShapes(condShape, aShape), bShape);
  const out = makeValues(dtype, sizeOf(shape));
  const plan = planStrided(shape, [
    broadcastStrides(condShape, shape, 'cond'),
    broadcastStrides(aShape, shape, 'a'),
    broadcastStrides(bShape, shape, 'b'),
  ]);
  const n = plan.shape.at(-1)!;
  const [sc, sa, sb] = plan.strides.map((s) => s.at(-1)!) as [number, number, number];
  let o = 0;
  if ((dtype === 'float32' || dtype === 'int32') && cond instanceof Uint8Array) {
    // Branch-free on the 32-bit patterns (a data-dependent branch costs ~20 ns per element on a
    // random mask): cond is 0 or 1, so −cond is a mask of no bits or all; values copy exactly.
    const bits = (v: Values) => new Int32Array(v.buffer, v.byteOffset, v.length);
    const [ai, bi, oi] = [bits(a), bits(b), bits(out)];
    forEachRow(plan, [0, 0, 0], ([c0, a0, b0]) => {
      for (let i = 0, ic = c0!, ia = a0!, ib = b0!; i < n; i++, ic += sc, ia += sa, ib += sb) {
        const m = -cond[ic]!;
        oi[o++] = (ai[ia]! & m) | (bi[ib]! & ~m);
      }
    });
    return { shape, values: out };
  }
  forEachRow(plan, [0, 0, 0], ([c0, a0, b0]) => {
    for (let i = 0, ic = c0!, ia = a0!, ib = b0!; i < n; i++, ic += sc, ia += sa, ib += sb) {
      out[o++] = cond[ic] !== 0 ? a[ia]! : b[ib]!;
    }
  });
  return { shape, values: out };
}

/**
 * CPU kernel of `Where`.
 * @example
 * runKernel('Where', [cond, a, b], {});
 */
export const where: KernelFunc<'Where', CpuBackend> = (backend, [cond, a, b]) => {
  if (cond.dtype !== 'bool') throw new TypeError(`Where: cond must be bool, but got ${cond.dtype}; compare or cast it first.`);
  requireSameDType('Where', a.dtype, b.dtype);
  const r = whereImpl(cond.shape, backend.values(cond), a.shape, backend.values(a), b.shape, backend.values(b), a.dtype);
  return backend.output(r.values, r.shape, a.dtype);
};
