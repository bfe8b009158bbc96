/**
 * Gradient rules of the data-movement primitives.
 */
import { fill, isFloat } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import type { GradFunc } from './gradFunc.js';
import { unbroadcast, zerosLike } from './unbroadcast.js';

const none = (n: number) => new Array<undefined>(n).fill(undefined);

/** Gradient of `Reshape`. */
export const reshapeGrad: GradFunc<'Reshape'> = (dy, { inputs: [x] }) => [x ? runKernel('Reshape', [dy], { shape: x.shape }) : undefined];

/** Gradient of `Transpose`: the inverse permutation. */
export const transposeGrad: GradFunc<'Transpose'> = (dy, { attrs: { perm } }) => {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return [runKernel('Transpose', [dy], { perm: inverse })];
};

/** Gradient of `StridedSlice`: dy written into zeros at the sliced region. */
export const stridedSliceGrad: GradFunc<'StridedSlice'> = (dy, { inputs: [x], attrs }) => {
  if (!x || !isFloat(x.dtype)) return [undefined];
  return [runKernel('SliceUpdate', [zerosLike(x), dy], attrs)];
};

/** Gradient of `SliceUpdate`: dy outside the region to x, the region to the value. */
export const sliceUpdateGrad: GradFunc<'SliceUpdate'> = (dy, { inputs: [x], attrs }) => {
  if (!x || !isFloat(x.dtype)) return none(2);
  return [runKernel('SliceUpdate', [dy, fill(attrs.size, 0, dy.dtype)], attrs), runKernel('StridedSlice', [dy], attrs)];
};

/** Gradient of `Concat`: dy split back along the axis. */
export const concatGrad: GradFunc<'Concat'> = (dy, { inputs, attrs: { axis } }) => {
  let offset = 0;
  return inputs.map((x) => {
    const begin = dy.shape.map((_, i) => (i === axis ? offset : 0));
    const size = [...x.shape];
    offset += x.shape[axis] as number;
    return isFloat(x.dtype) ? runKernel('StridedSlice', [dy], { begin, size, step: size.map(() => 1) }) : undefined;
  });
};

/** Gradient of `Gather`: dy scatter-added back into zeros. */
export const gatherGrad: GradFunc<'Gather'> = (dy, { inputs: [x, indices], attrs: { axis } }) => {
  if (!x || !indices || !isFloat(x.dtype)) return none(2);
  return [runKernel('ScatterAdd', [zerosLike(x), indices, dy], { axis }), undefined];
};

/** Gradient of `ScatterAdd`: dy to x, dy gathered at the indices to the updates. */
export const scatterAddGrad: GradFunc<'ScatterAdd'> = (dy, { inputs: [x, indices], attrs: { axis } }) => {
  if (!x || !indices || !isFloat(x.dtype)) return none(3);
  return [dy, undefined, runKernel('Gather', [dy, indices], { axis })];
};

/** Gradient of `BroadcastTo`: summed back over the broadcast axes. */
export const broadcastToGrad: GradFunc<'BroadcastTo'> = (dy, { inputs: [x] }) => [
  x && isFloat(x.dtype) ? unbroadcast(dy, x.shape) : undefined,
];

/** `Fill` and `Random` have no inputs. */
export const noInputsGrad: GradFunc<'Fill' | 'Random'> = () => [];
