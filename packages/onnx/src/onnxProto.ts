/**
 * The ONNX messages an export writes (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto), as plain objects and their protobuf encoding. Field numbers are
 * those of `onnx/onnx.proto`.
 */
import type { DType } from '@mindts/tensor';
import { ProtoWriter } from './protoWriter.js';

/** TensorProto.DataType of each mindts dtype. */
export const ONNX_DTYPE: Readonly<Record<DType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int16: 5,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

/** A tensor with its bytes (little-endian, fixed width; bool one byte an element). */
export interface OnnxTensor {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly raw: Uint8Array;
}

/** An attribute value: an int, a float, a string, ints, floats or a tensor. */
export type OnnxAttr =
  | { readonly kind: 'int'; readonly value: number | bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly (number | bigint)[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'tensor'; readonly value: OnnxTensor };

/** One node of the graph. */
export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  readonly attrs: Readonly<Record<string, OnnxAttr>>;
}

/**
 * A dimension of a graph input or output: a size, a named symbol (`'batch'`), or unknown (null).
 * @example
 * const dims: OnnxDim[] = ['batch', 784];
 */
export type OnnxDim = number | string | null;

/**
 * A graph input or output: name, element type and shape.
 * @example
 * const info: OnnxValueInfo = { name: 'input', dtype: 'float32', dims: ['batch', 784] };
 */
export interface OnnxValueInfo {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly OnnxDim[];
}

/** A whole model: one graph in the default domain at `opset`. */
export interface OnnxModelSpec {
  readonly irVersion: number;
  readonly opset: number;
  readonly producerVersion: string;
  readonly graphName: string;
  readonly docString: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

const ATTR_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

function tensorProto(t: OnnxTensor): Uint8Array {
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedInt64(1, t.dims);
  w.int64(2, ONNX_DTYPE[t.dtype]);
  w.string(8, t.name);
  w.bytes(9, t.raw);
  return w.finish();
}

function attributeProto(name: string, a: OnnxAttr): Uint8Array {
  const w = new ProtoWriter();
  w.string(1, name);
  w.int64(20, ATTR_TYPE[a.kind]);
  switch (a.kind) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.int64(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'tensor':
      w.bytes(5, tensorProto(a.value));
      break;
    case 'floats':
      w.packedFloat(7, a.value);
      break;
    default:
      w.packedInt64(8, a.value);
  }
  return w.finish();
}

function nodeProto(n: OnnxNode): Uint8Array {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.op);
  for (const [name, a] of Object.entries(n.attrs)) w.bytes(5, attributeProto(name, a));
  return w.finish();
}

function valueInfoProto(v: OnnxValueInfo): Uint8Array {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int64(1, d);
    else if (typeof d === 'string') dim.string(2, d);
    shape.bytes(1, dim.finish());
  }
  const tensorType = new ProtoWriter().int64(1, ONNX_DTYPE[v.dtype]).bytes(2, shape.finish()).finish();
  const type = new ProtoWriter().bytes(1, tensorType).finish();
  return new ProtoWriter().string(1, v.name).bytes(2, type).finish();
}

/**
 * The ModelProto bytes of `spec`.
 * @example
 * const bytes = encodeModel({ irVersion: 8, opset: 17, producerVersion: '0.0.0', graphName: 'g', docString: '', nodes, initializers, inputs, outputs });
 */
export function encodeModel(spec: OnnxModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of spec.nodes) graph.bytes(1, nodeProto(n));
  graph.string(2, spec.graphName);
  for (const t of spec.initializers) graph.bytes(5, tensorProto(t));
  if (spec.docString) graph.string(10, spec.docString);
  for (const i of spec.inputs) graph.bytes(11, valueInfoProto(i));
  for (const o of spec.outputs) graph.bytes(12, valueInfoProto(o));
  const model = new ProtoWriter();
  model.int64(1, spec.irVersion);
  model.string(2, 'mindts');
  model.string(3, spec.producerVersion);
  model.bytes(7, graph.finish());
  model.bytes(8, new ProtoWriter().string(1, '').int64(2, spec.opset).finish());
  return model.finish();
}
