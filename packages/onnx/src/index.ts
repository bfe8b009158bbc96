/**
 * `@mindts/onnx`: export a network to ONNX (MindSpore's `mindspore.export(..., file_format='ONNX')`),
 * for ONNX Runtime (Node, the web, and servers such as Triton). The network is traced with `jit`
 * in inference mode and written as an opset-17 model with its weights inside, the batch size
 * left open where the network allows it. `toOnnx` gives the bytes (anywhere); `exportOnnx`
 * writes the file (Node).
 * @module @mindts/onnx
 */
export { OnnxExportError } from './errors.js';
export { type ExportedOnnx, type ExportOptions, exportOnnx } from './exportOnnx.js';
export type { OnnxDim, OnnxValueInfo } from './onnxProto.js';
export { type OnnxModel, type OnnxOptions, toOnnx } from './toOnnx.js';
export type { Exportable } from './traceNetwork.js';
