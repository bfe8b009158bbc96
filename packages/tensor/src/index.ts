/**
 * `@mindts/tensor`: the Tensor, dtypes, creation, indexing, memory scopes and the backend
 * registry. Backend and op authors use the `@mindts/tensor/backend` entry point as well.
 * @module @mindts/tensor
 */
export { broadcastShapes } from './broadcast.js';
export { arange, eye, fill, fromValues, linspace, ones, tensor, zeros } from './creation.js';
export { type RandomOptions, rand, randn } from './randomCreation.js';
export type { NestedArray, TensorLike, TypedArray } from './data.js';
export {
  assertDType,
  bytesPerElement,
  DTYPES,
  type DataArray,
  type DType,
  dtypeDisplayName,
  type FloatDType,
  isDType,
  isFloat,
  isInt,
  promoteTypes,
  type Values,
  type ValuesOf,
} from './dtype.js';
export { type EngineEvent, onEngineEvent, setDebug } from './engine.js';
export { type AsyncContextClass, type AsyncContextStorage, keep, setAsyncContext, tidy } from './scope.js';
export { MAX_TENSOR_ELEMENTS } from './shape.js';
export { type MemoryInfo, memory } from './memory.js';
export { checkArity, checkOptions, describeType, type OptionKeys } from './options.js';
export { type Index, type IndexItem, Slice, slice } from './indexing.js';
export { getSeed, setSeed } from './random.js';
export { getBackend, getBackendName, listBackends, ready, registerBackend, removeBackend, setBackend } from './backendRegistry.js';
export { Tensor } from './tensor.js';
export type { ElementOf, Nested, NestedRank, Rank } from './nested.js';
