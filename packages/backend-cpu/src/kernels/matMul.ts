/**
 * Batched matrix products with broadcast batch dims (the `MatMul` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { broadcastShapes, type KernelFunc, makeValues, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { broadcastStrides } from './broadcastIndex.js';
import { isFloatDType, requireSameDType } from './dtypeRules.js';
import { gemmFloatInto, gemmIntInto, type MatrixView } from './gemm.js';
import { forEachRow, planStrided } from './stridedLoop.js';
import { checkBoolean, checkDType, checkShaped } from './implArgs.js';

/** Rows and columns of the matrix a rank ≥ 2 shape holds, after an optional transpose. */
function matrixDims(shape: readonly number[], transpose: boolean, name: string): [number, number] {
  if (shape.length < 2) throw new RangeError(`MatMul: ${name} must have rank ≥ 2, but got shape ${shapeString(shape)}.`);
  const r = shape[shape.length - 2]!;
  const c = shape[shape.length - 1]!;
  return transpose ? [c, r] : [r, c];
}

/** A view of the stored matrix at `offset`, read transposed when asked. */
function view(data: Values, offset: number, storedCols: number, transpose: boolean): MatrixView {
  return transpose ? { data, offset, rowStride: 1, colStride: storedCols } : { data, offset, rowStride: storedCols, colStride: 1 };
}

/**
 * `op(a) · op(b)` over broadcast batch dims, where `op` transposes the last two axes when asked.
 * Floats accumulate in float64; ints wrap at 32 bits (int64 does not); bool is OR of ANDs.
 * @example
 * matMulImpl(new Float32Array([1, 2, 3, 4]), [2, 2], new Float32Array([1, 0, 0, 1]), [2, 2], false, false, 'float32');
 * // { shape: [2, 2], values: Float32Array [1, 2, 3, 4] }
 */
export function matMulImpl(
  a: Values,
  aShape: readonly number[],
  b: Values,
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
  dtype: DType,
): ShapedValues {
  checkShaped('matMulImpl', 'a', a, aShape, 'aShape');
  checkShaped('matMulImpl', 'b', b, bShape, 'bShape');
  checkBoolean('matMulImpl', 'transposeA', transposeA);
  checkBoolean('matMulImpl', 'transposeB', transposeB);
  checkDType('matMulImpl', dtype);
  const [m, k] = matrixDims(aShape, transposeA, 'a');
  const [k2, n] = matrixDims(bShape, transposeB, 'b');
  if (k !== k2) {
    throw new RangeError(
      `MatMul: inner dimensions differ: a ${shapeString(aShape)} (transposeA=${transposeA}) has ${k} columns but b ${shapeString(bShape)} (transposeB=${transposeB}) has ${k2} rows.`,
    );
  }
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB);
  const shape = [...batch, m, n];
  const out = makeValues(dtype, sizeOf(shape));
  if (out.length === 0) return { shape, values: out };

  const aSize = m * k;
  const bSize = k * n;
  const plan = planStrided(batch, [
    broadcastStrides(batchA, batch, 'a batch').map((s) => s * aSize),
    broadcastStrides(batchB, batch, 'b batch').map((s) => s * bSize),
  ]);
  const rows = plan.shape.at(-1)!;
  const [sa, sb] = [plan.strides[0]!.at(-1)!, plan.strides[1]!.at(-1)!];
  const aCols = aShape[aShape.length - 1]!;
  const bCols = bShape[bShape.length - 1]!;
  const c = new Float64Array(m * n);
  const float = isFloatDType(dtype);
  let o = 0;
  forEachRow(plan, [0, 0], ([a0, b0]) => {
    for (let r = 0; r < rows; r++, o += m * n) {
      const av = view(a, a0! + r * sa, aCols, transposeA);
      const bv = view(b, b0! + r * sb, bCols, transposeB);
      if (float) gemmFloatInto(m, n, k, av, bv, c, 0);
      else gemmIntInto(m, n, k, av, bv, c, 0, dtype !== 'int64');
      if (dtype === 'bool') for (let i = 0; i < c.length; i++) out[o + i] = c[i] !== 0 ? 1 : 0;
      else out.set(c, o);
    }
  });
  return { shape, values: out };
}

/**
 * CPU kernel of `MatMul`.
 * @example
 * runKernel('MatMul', [a, b], { transposeA: false, transposeB: true });
 */
export const matMul: KernelFunc<'MatMul', CpuBackend> = (backend, [a, b], { transposeA, transposeB }) => {
  requireSameDType('MatMul', a.dtype, b.dtype);
  const r = matMulImpl(backend.values(a), a.shape, backend.values(b), b.shape, transposeA, transposeB, a.dtype);
  return backend.output(r.values, r.shape, a.dtype);
};
