/**
 * `@mindts/ops`: the functional API. `import * as ops from '@mindts/ops'`.
 * @example
 * import * as ops from '@mindts/ops';
 * ops.softmax(ops.add(tensor([[1, 2, 3]], 'float32'), 1)); // [[0.09, 0.24, 0.67]]
 * @module @mindts/ops
 */
// Installs the Tensor methods (x.reshape, x.sum, x.T, …) and their types: see methods.ts.
import './methods.js';
export { gelu, type GeluOptions, relu, sigmoid, softplus } from './activation.js';
export { adaptiveAvgPool2d } from './adaptivePool.js';
export { applyGradientDescent } from './applyGradientDescent.js';
export { argmax, argmin } from './argmax.js';
export { arange, type DTypeOptions, fill, full, fullLike, ones, onesLike, zeros, zerosLike } from './creation.js';
export { assign, assignAdd, assignSub } from './assign.js';
export type { Axis } from './axes.js';
export { type GradFunc, type GradNode, registerGradient, wants } from './autograd/gradFunc.js';
export {
  type GradOptions,
  type GradPosition,
  type Grads,
  type GradsOf,
  grad,
  stopGradient,
  valueAndGrad,
  type Weights,
} from './autograd/valueAndGrad.js';
export { jvp, type VjpOptions, vjp } from './autograd/vjp.js';
export { vmap } from './autograd/vmap.js';
export { add, atan2, div, floorDiv, maximum, minimum, mod, mul, pow, sub } from './binary.js';
export { cast } from './cast.js';
export { clip, clip as clamp } from './clip.js';
export { equal, greater, greaterEqual, less, lessEqual, notEqual } from './compare.js';
export { type Conv2dOptions, conv2d } from './conv.js';
export { type Conv1dOptions, conv1d } from './conv1d.js';
export { type Conv2dTransposeOptions, conv2dTranspose } from './convTranspose.js';
export { type DropoutOptions, dropout } from './dropout.js';
export { logicalAnd, logicalNot, logicalOr, logicalXor } from './logical.js';
export { logsumexp } from './logsumexp.js';
export { cos, erf, exp, expm1, log, log1p, reciprocal, rsqrt, sin, sqrt, tan, tanh } from './math.js';
export { type BinaryCrossEntropyWithLogitsOptions, binaryCrossEntropyWithLogits } from './loss/binaryCrossEntropyWithLogits.js';
export { crossEntropy, type NllLossOptions, nllLoss } from './loss/nllLoss.js';
export type { LossReduction } from './loss/reduction.js';
export { l1Loss, mseLoss, type RegressionLossOptions, type SmoothL1LossOptions, smoothL1Loss } from './loss/regressionLosses.js';
export { bmm, type MatMulOptions, matmul } from './matmul.js';
export { norm, type NormOptions, type NormOrd } from './norm.js';
export { oneHot } from './oneHot.js';
export type { TensorOrNumber } from './operand.js';
export type { Padding2d } from './padding.js';
export { avgPool2d, maxPool2d, type Pool2dOptions } from './pool.js';
export { all, amax, amin, any, max, mean, min, prod, sum } from './reduce.js';
export { broadcastTo } from './shape/broadcastTo.js';
export { concat as cat, concat, stack } from './shape/concat.js';
export { expandDims, squeeze, unsqueeze } from './shape/expandDims.js';
export { type FlattenOptions, flatten } from './shape/flatten.js';
export { gather } from './shape/gather.js';
export { permute, swapaxes } from './shape/permute.js';
export { reshape } from './shape/reshape.js';
export { slice } from './shape/slice.js';
export { split } from './shape/split.js';
export { tile } from './shape/tile.js';
export { transpose } from './shape/transpose.js';
export { logSoftmax, softmax } from './softmax.js';
export { std, variance as var, variance } from './statistics.js';
export { abs, ceil, floor, isFinite, isNaN, neg, round, sign, square } from './unary.js';
export { where } from './where.js';
export { type CumulativeOptions, cumprod, cumsum } from './sequence/cumsum.js';
export { einsum } from './sequence/einsum.js';
export { gatherElements, scatter, type TensorScatterElementsOptions, tensorScatterElements } from './sequence/gatherElements.js';
export { type InterpolateOptions, interpolate } from './sequence/interpolate.js';
export { layerNorm } from './sequence/layerNorm.js';
export { maskedFill } from './sequence/maskedFill.js';
export { type MultinomialOptions, multinomial } from './sequence/multinomial.js';
export { type PadOptions, pad } from './sequence/pad.js';
export { repeatInterleave } from './sequence/repeatInterleave.js';
export { argsort, type SortOptions, sort, type TopkOptions, topk } from './sequence/sort.js';
export { tril, triu } from './sequence/tril.js';
