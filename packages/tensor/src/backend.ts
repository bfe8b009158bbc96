/**
 * `@mindts/tensor/backend`: the SPI for backend, kernel and op authors.
 * @module @mindts/tensor/backend
 */
export { broadcastedAxes, broadcastShapes } from './broadcast.js';
export type { Backend, BackendFactory, BackendMemory, KernelConfig } from './backendTypes.js';
export { getKernel, registerKernel, unregisterKernel } from './backendRegistry.js';
export type { DataArrayMap } from './dtype.js';
export { makeArray, makeValues } from './dtype.js';
export { adoptData, emit, isDisposed, isKept, runKernel, type TensorInputs, tensorInfo, versionOf, wrapInfo } from './engine.js';
export { storageBytes } from './memory.js';
export { decodeFloat16, encodeFloat16, float16Bits, float16Value } from './float16.js';
export { formatTensor } from './format.js';
export { formatNumpy } from './numpyFormat.js';
export { type ResolvedIndex, resolveIndex } from './indexing.js';
export {
  BOOL_BINARY_OPS,
  BOOL_UNARY_OPS,
  type BinaryOp,
  type CorePrimitiveName,
  type CorePrimitives,
  type DataId,
  type KernelFunc,
  type KernelTable,
  type PrimitiveAttrs,
  type PrimitiveInputs,
  type PrimitiveName,
  type Primitives,
  type ReduceOp,
  type TensorInfo,
  type UnaryOp,
} from './primitives.js';
export { runElementwise } from './runElementwise.js';
export { nextRandomKey, randomBits, randomValue, uniform01 } from './random.js';
export { normalizeAxis, shapeString, shapesEqual, sizeOf, stridesOf, validateShape } from './shape.js';
export { type TensorInit, tensorInit } from './tensor.js';
export { isTracing, setTraceHooks, type TraceHooks, traceHooks, untraced } from './trace.js';
export {
  type ElementwiseCompileOptions,
  type ElementwiseKernel,
  type ElementwiseProgram,
  type ElementwiseRef,
  type ElementwiseStep,
  refString,
  stepOperands,
} from './elementwise.js';
export { endTape, isRecording, releaseTape, startTape, type Tape, type TapeNode, withoutTape } from './tape.js';
