/**
 * Matrix products (the `MatMul` primitive) with NumPy `matmul` semantics for 1-D operands and
 * broadcast batch dimensions.
 */
import { checkArity, checkOptions, type OptionKeys, promoteTypes, type Tensor, tidy } from '@mindts/tensor';
import { broadcastShapes, runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, copy, describe, toDType } from './operand.js';

/**
 * Options of {@link matmul}.
 * @example
 * ops.matmul(x, w, { transposeB: true }); // x · wᵀ
 */
export interface MatMulOptions {
  /** Use the transpose of the last two dims of `input` (ignored for a 1-D `input`). */
  transposeA?: boolean;
  /** Use the transpose of the last two dims of `other` (ignored for a 1-D `other`). */
  transposeB?: boolean;
}
const MATMUL_KEYS: OptionKeys<MatMulOptions> = { transposeA: true, transposeB: true };

/**
 * The matrix product of `input` and `other` (MindSpore `ops.matmul`, NumPy `matmul`): 2-D
 * operands multiply as matrices; leading dims are batch dims that broadcast; a 1-D `input` is
 * a row vector and a 1-D `other` a column vector, and that dim is removed from the result.
 * Dtypes promote (two bool matrices multiply as OR of ANDs).
 * @example
 * ops.matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])); // int32 [[17], [39]]
 * ops.matmul(x, w, { transposeB: true });
 */
export function matmul(input: Tensor, other: Tensor, options?: MatMulOptions): Tensor {
  checkArity(arguments.length, 3, 'matmul');
  checkTensor(input, 'matmul', 'input');
  checkTensor(other, 'matmul', 'other');
  const { transposeA = false, transposeB = false } = checkOptions<MatMulOptions>(options, 'matmul', MATMUL_KEYS);
  if (typeof transposeA !== 'boolean' || typeof transposeB !== 'boolean') {
    throw new TypeError(`matmul: transposeA and transposeB must be booleans, but got ${describe(transposeA)} and ${describe(transposeB)}.`);
  }
  for (const [name, t] of [
    ['input', input],
    ['other', other],
  ] as const) {
    if (t.rank === 0) throw new RangeError(`matmul: ${name} must have at least 1 dimension, but got a scalar (shape []).`);
  }
  const dtype = promoteTypes(input.dtype, other.dtype);

  const a = input.rank === 1 ? [1, input.shape[0] as number] : input.shape;
  const b = other.rank === 1 ? [other.shape[0] as number, 1] : other.shape;
  const ta = transposeA && input.rank > 1;
  const tb = transposeB && other.rank > 1;
  const [m, kA] = matrixDims(a, ta);
  const [kB, n] = matrixDims(b, tb);
  if (kA !== kB) {
    const flags = [ta ? 'transposeA' : '', tb ? 'transposeB' : ''].filter(Boolean).join(', ');
    throw new RangeError(
      `matmul: the inner dimensions of input ${shapeString(input.shape)} and other ${shapeString(other.shape)} do not match: ${kA} vs ${kB}${flags ? ` (with ${flags})` : ''}.`,
    );
  }
  let batch: number[];
  try {
    batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
  } catch (err) {
    throw new RangeError(
      `matmul: the batch dimensions of input ${shapeString(input.shape)} and other ${shapeString(other.shape)} cannot be broadcast together.`,
      { cause: err },
    );
  }
  const outShape = [...batch, ...(input.rank > 1 ? [m] : []), ...(other.rank > 1 ? [n] : [])];
  return tidy(() => {
    let x = toDType(input, dtype);
    let y = toDType(other, dtype);
    if (input.rank === 1) x = copy(x, a);
    if (other.rank === 1) y = copy(y, b);
    const out = runKernel('MatMul', [x, y], { transposeA: ta, transposeB: tb });
    return input.rank === 1 || other.rank === 1 ? copy(out, outShape) : out;
  });
}

/**
 * Batched matrix product of `input` `[*B, N, C]` and `mat2` `[*B, C, M]`: both of rank at least 3
 * with the same batch dims `*B` (MindSpore `ops.bmm`; use {@link matmul} to broadcast them).
 * @example
 * ops.bmm(ones([4, 2, 3]), ones([4, 3, 5])).shape; // [4, 2, 5]
 */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  checkArity(arguments.length, 2, 'bmm');
  checkTensor(input, 'bmm', 'input');
  checkTensor(mat2, 'bmm', 'mat2');
  if (input.rank < 3 || mat2.rank !== input.rank) {
    throw new RangeError(
      `bmm: input and mat2 must have the same rank, at least 3, but got input ${shapeString(input.shape)} and mat2 ${shapeString(mat2.shape)}.`,
    );
  }
  const batch = input.rank - 2;
  if (input.shape.slice(0, batch).some((d, i) => d !== mat2.shape[i])) {
    throw new RangeError(`bmm: the batch dims of input ${shapeString(input.shape)} and mat2 ${shapeString(mat2.shape)} must be equal.`);
  }
  return matmul(input, mat2);
}

/** Rows and columns of the matrix in the last two dims of `shape`, after an optional transpose. */
function matrixDims(shape: readonly number[], transpose: boolean): [number, number] {
  const r = shape[shape.length - 2] as number;
  const c = shape[shape.length - 1] as number;
  return transpose ? [c, r] : [r, c];
}
