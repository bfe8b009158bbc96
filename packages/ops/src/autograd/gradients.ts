/**
 * The gradient table: one rule per core primitive (JAX/tinygrad style), checked for
 * completeness by the compiler.
 */
import type { CorePrimitiveName } from '@mindts/tensor/backend';
import { conv2dGrad, pool2dGrad } from './convGrads.js';
import { binaryGrad, castGrad, unaryGrad, whereGrad } from './elementwiseGrads.js';
import { type GradFunc, pluginGradient } from './gradFunc.js';
import { matMulGrad, reduceGrad } from './reduceGrads.js';
import { argsortGrad, cumulativeGrad } from './scanGrads.js';
import {
  broadcastToGrad,
  concatGrad,
  gatherGrad,
  noInputsGrad,
  reshapeGrad,
  scatterAddGrad,
  sliceUpdateGrad,
  stridedSliceGrad,
  transposeGrad,
} from './shapeGrads.js';

const CORE = {
  Unary: unaryGrad,
  Binary: binaryGrad,
  Reduce: reduceGrad,
  MatMul: matMulGrad,
  Reshape: reshapeGrad,
  Transpose: transposeGrad,
  StridedSlice: stridedSliceGrad,
  SliceUpdate: sliceUpdateGrad,
  Concat: concatGrad,
  Gather: gatherGrad,
  ScatterAdd: scatterAddGrad,
  Cast: castGrad,
  Fill: noInputsGrad,
  Random: noInputsGrad,
  Where: whereGrad,
  BroadcastTo: broadcastToGrad,
  Conv2D: conv2dGrad,
  Pool2D: pool2dGrad,
  Cumulative: cumulativeGrad,
  Argsort: argsortGrad,
} satisfies { [N in CorePrimitiveName]: GradFunc<N> };

/** The rule for primitive `name`: a core one, else one registered with `registerGradient`. */
export function gradientOf(name: string): GradFunc | undefined {
  return (CORE as Record<string, GradFunc>)[name] ?? pluginGradient(name);
}
