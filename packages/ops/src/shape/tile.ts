/**
 * Repeating a tensor whole along each axis, composed as Reshape + BroadcastTo + Reshape.
 */
import { checkArity, type DType, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, copy, describe } from '../operand.js';

/**
 * `input` repeated `multiples[i]` times along axis `i` (MindSpore `ops.tile`). When `multiples`
 * is longer than the rank, `input` gains leading size-1 axes; when shorter, it is padded with 1s
 * at the front.
 * @example
 * ops.tile(tensor([[1, 2]]), [2, 2]); // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function tile<D extends DType>(input: Tensor<D>, multiples: readonly number[]): Tensor<D> {
  checkArity(arguments.length, 2, 'tile');
  checkTensor(input, 'tile', 'input');
  if (!Array.isArray(multiples)) throw new TypeError(`tile: multiples must be an array of integers, but got ${describe(multiples)}.`);
  const bad = multiples.find((m) => typeof m !== 'number' || !Number.isInteger(m) || m < 0);
  if (bad !== undefined)
    throw new RangeError(`tile: multiples ${shapeString(multiples)} must hold integers >= 0, but got ${describe(bad)}.`);
  const rank = Math.max(input.rank, multiples.length);
  const dims = [...Array<number>(rank - input.rank).fill(1), ...input.shape];
  const reps = [...Array<number>(rank - multiples.length).fill(1), ...multiples];
  const outShape = dims.map((d, i) => d * (reps[i] as number));
  if (reps.every((m) => m === 1)) return copy(input, outShape);
  // [d0, d1] → [1, d0, 1, d1] → broadcast to [m0, d0, m1, d1] → [m0·d0, m1·d1].
  return tidy(() => {
    const interleaved = copy(
      input,
      dims.flatMap((d) => [1, d]),
    );
    const repeated = runKernel('BroadcastTo', [interleaved], { shape: dims.flatMap((d, i) => [reps[i] as number, d]) });
    return copy(repeated, outShape);
  }) as Tensor<D>;
}
