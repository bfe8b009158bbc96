/**
 * Gradient rules of `Reduce` and `MatMul`.
 */
import { isFloat, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { div, mul } from '../binary.js';
import { equal } from '../compare.js';
import { cast } from '../cast.js';
import { type GradFunc, wants } from './gradFunc.js';
import { unbroadcast } from './unbroadcast.js';

/** `t` (reduced over `axes`) reshaped with size-1 axes and broadcast back to `shape`. */
function expandBack(t: Tensor, axes: readonly number[], shape: readonly number[]): Tensor {
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return runKernel('BroadcastTo', [runKernel('Reshape', [t], { shape: kept })], { shape });
}

/**
 * Gradient of `Reduce`: sum spreads dy; prod is dy·y/x; max/min split dy equally among ties
 * (as TensorFlow); arg and logical reductions have none.
 */
export const reduceGrad: GradFunc<'Reduce'> = (dy, { inputs: [x], output, attrs: { op, axes } }) => {
  if (!x || !isFloat(x.dtype)) return [undefined];
  const dyB = expandBack(dy, axes, x.shape);
  switch (op) {
    case 'sum':
      return [dyB];
    case 'prod':
      return [div(mul(dyB, expandBack(output, axes, x.shape)), x)];
    case 'max':
    case 'min': {
      const mask = cast(equal(x, expandBack(output, axes, x.shape)), x.dtype);
      const count = expandBack(runKernel('Reduce', [mask], { op: 'sum', axes }), axes, x.shape);
      return [div(mul(dyB, mask), count)];
    }
    default:
      return [undefined];
  }
};

/** Gradient of `MatMul` for every combination of transposes, summed over broadcast batch dims. */
export const matMulGrad: GradFunc<'MatMul'> = (dy, node) => {
  const {
    inputs: [a, b],
    attrs: { transposeA: tA, transposeB: tB },
  } = node;
  if (!a || !b || !isFloat(a.dtype)) return [undefined, undefined];
  const mm = (x: Tensor, y: Tensor, transposeA: boolean, transposeB: boolean) => runKernel('MatMul', [x, y], { transposeA, transposeB });
  const da = wants(node, 0) ? unbroadcast(!tA ? mm(dy, b, false, !tB) : mm(b, dy, tB, true), a.shape) : undefined;
  if (wants(node, 1) && !tA && a.shape.length > 2 && b.shape.length === 2 && a.size > 0 && dy.size > 0) {
    // A batch of rows by one matrix (x·W over [..., m, k]): b's gradient is one product of the
    // rows stacked, [B·m, k]ᵀ × [B·m, n], instead of B products summed after (B× the memory, and a
    // batched product where a matrix one is fastest).
    const rows = (t: Tensor) => {
      const last = t.shape[t.shape.length - 1] as number;
      return runKernel('Reshape', [t], { shape: [t.size / last, last] });
    };
    const [a2, dy2] = [rows(a), rows(dy)];
    return [da, !tB ? mm(a2, dy2, true, false) : mm(dy2, a2, true, false)];
  }
  const db = wants(node, 1) ? unbroadcast(!tB ? mm(a, dy, !tA, false) : mm(dy, a, true, tA), b.shape) : undefined;
  return [da, db];
};
