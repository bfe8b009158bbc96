/**
 * `mindts`: every mindts package in one import, MindSpore style (`import * as ms from 'mindts'`),
 * with the default backend chain (`useDefaultBackends`). Importing it registers nothing, and a
 * bundler keeps only what is used (`sideEffects: false`), so `import { tensor, ops } from 'mindts'`
 * costs what `@mindts/tensor` and `@mindts/ops` cost.
 *
 * Names and how clashes are resolved:
 * - `@mindts/tensor`, `@mindts/initializer`, `@mindts/parameter`, `@mindts/checkpoint`: every export,
 *   at the top level (`ms.tensor`, `ms.Tensor`, `ms.initializer`, `ms.Normal`, `ms.Parameter`,
 *   `ms.saveCheckpoint`, …). `ms.slice` is the index helper of `getItem`/`setItem`; the slicing op
 *   is `ms.ops.slice`.
 * - `@mindts/ops` as the namespace `ms.ops` (MindSpore's `ops`), plus `ms.valueAndGrad` and
 *   `ms.grad` at the top level as MindSpore has them.
 * - `@mindts/cell`: `ms.Cell` and the namespaces `ms.nn` and `ms.amp` (MindSpore's `mindspore.amp`).
 * - `@mindts/train`: the namespace `ms.train` (MindSpore's `mindspore.train`: `ms.train.Model`,
 *   `ms.train.LossMonitor`, `ms.train.Accuracy`, …), as its names (`Loss`, `Metric`, `History`)
 *   would be ambiguous at the top level.
 * - Not `@mindts/dataset` (MindSpore's `mindspore.dataset`): it depends on `@mindts/datasets`,
 *   which ships 41 MB of MNIST digits and reads them with `node:fs`; import it on its own
 *   (`import * as dataset from '@mindts/dataset'`), so that the umbrella stays a light install
 *   and bundles for the browser.
 * - `@mindts/jit`: `ms.jit`, `ms.JitError`, `ms.graphText`, `ms.graphDot`; its IR types take a `Jit`
 *   prefix (`JitGraph`, `JitNode`, `JitConstant`, …) because `Constant` is also the initializer.
 * - `@mindts/onnx`: every export at the top level, and `ms.export` (MindSpore's `mindspore.export`)
 *   as another name of `exportOnnx`: `await ms.export(net, x, { fileName: 'net', fileFormat: 'ONNX' })`.
 * - Backends: the factories (`ms.cpu`, `ms.wasm`, `ms.gpujs`), backend classes and option types; their
 *   kernel tables and helpers stay in their packages. The wasm backend's `FallbackRecord` is
 *   `WasmFallback`, beside `GpujsFallback`.
 * - MindSpore's dtype names: `ms.float32`, `ms.int32`, … (each the dtype's string).
 * @module mindts
 */
export * from '@mindts/tensor';
export type { Backend, BackendFactory } from '@mindts/tensor/backend';
export * as ops from '@mindts/ops';
export { type GradOptions, type GradPosition, type Grads, type GradsOf, grad, valueAndGrad, type Weights } from '@mindts/ops';
export * from '@mindts/initializer';
export * from '@mindts/parameter';
export { amp, Cell, type CellOptions, nn } from '@mindts/cell';
export * as train from '@mindts/train';
export {
  type Capture as JitCapture,
  type Constant as JitConstant,
  type Effect as JitEffect,
  type EffectTarget as JitEffectTarget,
  type Graph as JitGraph,
  graphDot,
  graphText,
  JitError,
  type JitOptions,
  type JitStats,
  type Jitted,
  jit,
  type Lowered,
  type Node as JitNode,
  type OutputTemplate as JitOutputTemplate,
  type PassOptions as JitPassOptions,
  type Plan as JitPlan,
  type RecompileRecord,
  type Step as JitStep,
  type Value as JitValue,
  type ValueKind as JitValueKind,
} from '@mindts/jit';
export * from '@mindts/checkpoint';
export {
  type Exportable,
  type ExportedOnnx,
  type ExportOptions,
  exportOnnx,
  exportOnnx as export,
  type OnnxDim,
  OnnxExportError,
  type OnnxModel,
  type OnnxOptions,
  type OnnxValueInfo,
  toOnnx,
} from '@mindts/onnx';
export { type CpuOptions, CpuBackend, cpu } from '@mindts/backend-cpu';
export { type FallbackRecord as WasmFallback, WasmBackend, type WasmExplanation, type WasmOptions, wasm } from '@mindts/backend-wasm';
export {
  type GpujsExplanation,
  type GpujsFallback,
  type GpujsMemory,
  type GpujsMode,
  type GpujsOptions,
  GpujsBackend,
  gpujs,
} from '@mindts/backend-gpujs';
export {
  type DefaultBackendFactory,
  type DefaultBackendsOptions,
  type DefaultEngine,
  defaultBackends,
  type SkippedBackend,
  useDefaultBackends,
} from './defaultBackends.js';
export { bool, float16, float32, float64, int8, int16, int32, int64, uint8 } from './dtypes.js';
