/**
 * Helpers gradient rules share: summing a gradient back to a broadcast input's shape.
 */
import { fill, type Tensor } from '@mindts/tensor';
import { broadcastedAxes, runKernel, shapesEqual } from '@mindts/tensor/backend';

/**
 * Sums `g` (of a broadcast output's shape) over the broadcast axes back to `shape`.
 * @example
 * unbroadcast(dy, [3]); // dy of shape [2, 3] → [3]
 */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const axes = broadcastedAxes(shape, g.shape);
  const summed = axes.length ? runKernel('Reduce', [g], { op: 'sum', axes }) : g;
  return summed.shape.length === shape.length && shapesEqual(summed.shape, shape) ? summed : runKernel('Reshape', [summed], { shape });
}

/**
 * Zeros shaped and typed like `t`.
 * @example
 * zerosLike(x);
 */
export function zerosLike(t: Tensor): Tensor {
  return fill(t.shape, 0, t.dtype);
}
