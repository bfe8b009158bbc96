// The kernels of @mindts/backend-wasm. They work on raw pointers into this module's memory;
// the TypeScript side (src/) owns allocation and passes every buffer in.

export { binaryF32, binaryI32, binaryU8 } from './binary';
export { gemm, gemmPackAFloats, gemmPackBFloats } from './gemm';
export { f16ToF32, f32ToF16, roundF16 } from './half';
export { im2colPackedF32 } from './im2col';
export { conv2dDirectF32, conv2dPackWeightsF32, conv2dPadF32, conv2dTapsF32 } from './conv2d';
export { argReduceF32 } from './argReduce';
export { pool2dF32 } from './pool';
export { reduceF32 } from './reduce';
export { reduceI32, reduceU8 } from './reduceInt';
export { compare32, where32 } from './select';
export { maskOf32, notU8 } from './mask';
export { copyRows, gatherRows, gatherStrided, scatterAdd32, scatterStrided } from './copy';
export { unaryF32, unaryI32 } from './unary';
export { erfF32 } from './erf';
export { broadcastBlocks } from './broadcast';

/** First byte after the module's static data: the TypeScript allocator starts here. */
export function heapBase(): usize {
  return __heap_base;
}
