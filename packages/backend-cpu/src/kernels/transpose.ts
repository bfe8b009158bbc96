/**
 * Axis permutation (the `Transpose` primitive): output axis i is input axis perm[i].
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkDType, checkIntList, checkShaped } from './implArgs.js';

/**
 * Throws unless `perm` is a permutation of 0…rank−1.
 * @example
 * checkPerm([1, 0], 2); // ok
 */
export function checkPerm(perm: readonly number[], rank: number): void {
  const seen = new Set<number>();
  const ok = perm.length === rank && perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank && !seen.has(p) && seen.add(p));
  if (!ok) {
    throw new RangeError(`Transpose: perm must be a permutation of 0…${rank - 1} (rank ${rank}), but got [${perm.join(', ')}].`);
  }
}

/**
 * Permutes the axes of row-major `values` of `shape`.
 * @example
 * transposeImpl(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0], 'float32');
 * // Float32Array [1, 4, 2, 5, 3, 6]
 */
export function transposeImpl(values: Values, shape: readonly number[], perm: readonly number[], dtype: DType): Values {
  checkShaped('transposeImpl', 'values', values, shape);
  checkIntList('transposeImpl', 'perm', perm);
  checkDType('transposeImpl', dtype);
  checkPerm(perm, shape.length);
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]!);
  const out = makeValues(dtype, sizeOf(shape));
  const plan = planStrided(outShape, [perm.map((p) => inStrides[p]!)]);
  const n = plan.shape.at(-1)!;
  const s = plan.strides[0]!.at(-1)!;
  let o = 0;
  forEachRow(plan, [0], ([i0]) => {
    if (s === 1) {
      out.set(values.subarray(i0!, i0! + n), o);
      o += n;
      return;
    }
    for (let i = 0, j = i0!; i < n; i++, j += s) out[o++] = values[j]!;
  });
  return out;
}

/**
 * CPU kernel of `Transpose`.
 * @example
 * runKernel('Transpose', [x], { perm: [1, 0] });
 */
export const transpose: KernelFunc<'Transpose', CpuBackend> = (backend, [x], { perm }) =>
  backend.output(
    transposeImpl(backend.values(x), x.shape, perm, x.dtype),
    perm.map((p) => x.shape[p]!),
    x.dtype,
  );
