/**
 * `@mindts/backend-cpu`: every core primitive as a typed-array kernel — the numerical reference
 * the other backends are checked against, and their per-op fallback.
 * @module @mindts/backend-cpu
 */
export { type CpuOptions, cpu } from './cpu.js';
export { CpuBackend } from './cpuBackend.js';
export { compileHostElementwise, type HostElementwise } from './elementwise.js';
export { argsortImpl } from './kernels/argsort.js';
export { binaryImpl, type ShapedValues } from './kernels/binary.js';
export { binaryFunction } from './kernels/binaryOps.js';
export { broadcastToImpl } from './kernels/broadcastTo.js';
export { castImpl, castScalar } from './kernels/cast.js';
export { concatImpl } from './kernels/concat.js';
export { type Conv2DAttrs, conv2dImpl } from './kernels/conv2d.js';
export { cumulativeImpl } from './kernels/cumulative.js';
export { erf, erfc } from './kernels/erf.js';
export { fillImpl } from './kernels/fill.js';
export { gatherImpl } from './kernels/gather.js';
export { gemmFloat, gemmInt, type MatrixView } from './kernels/gemm.js';
export { cpuKernels } from './kernels/index.js';
export { matMulImpl } from './kernels/matMul.js';
export { type Pool2DAttrs, pool2dImpl } from './kernels/pool2d.js';
export { randomImpl } from './kernels/random.js';
export { reduceImpl, reduceOutputDType } from './kernels/reduce.js';
export { scatterAddImpl } from './kernels/scatterAdd.js';
export { sliceUpdateImpl } from './kernels/sliceUpdate.js';
export { stridedSliceImpl } from './kernels/stridedSlice.js';
export { transposeImpl } from './kernels/transpose.js';
export { unaryFunction, unaryImpl } from './kernels/unary.js';
export { whereImpl } from './kernels/where.js';
