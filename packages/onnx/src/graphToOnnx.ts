/**
 * Translates a traced graph into an ONNX model: graph inputs from the traced inputs, initializers
 * from the tensors it read (Parameters under their names) and the constants it built, one or a
 * few ONNX nodes per primitive, and graph outputs from what the function returned.
 */
import type { Graph, Node, OutputTemplate, Value } from '@mindts/jit';
import type { DType } from '@mindts/tensor';
import { type ConvertContext, type Converter, unsupported } from './convertContext.js';
import { ELEMENTWISE_CONVERTERS } from './convertElementwise.js';
import { NN_CONVERTERS } from './convertNn.js';
import { SHAPE_CONVERTERS } from './convertShape.js';
import { OnnxExportError } from './errors.js';
import { type Dim, OnnxGraphBuilder, rawBytes } from './onnxGraph.js';
import { encodeModel, type OnnxDim, type OnnxValueInfo } from './onnxProto.js';

const CONVERTERS: Readonly<Record<string, Converter>> = { ...ELEMENTWISE_CONVERTERS, ...SHAPE_CONVERTERS, ...NN_CONVERTERS };

/** The ONNX opset the export writes, and the IR version that goes with it. */
export const OPSET_VERSION = 17;
const IR_VERSION = 8;

/** The symbolic name of the batch dimension in the model's inputs and outputs. */
export const BATCH_DIM = 'batch';

/** What to translate and how to name it. */
export interface GraphSource {
  readonly graph: Graph;
  readonly dims: ReadonlyMap<number, readonly Dim[]>;
  /** Fill nodes (by output value) whose value follows the batch size. */
  readonly fillValues: ReadonlyMap<number, Dim>;
  /** The axis of the inputs that is the open batch size, or null when every size is fixed. */
  readonly batchAxis: number | null;
  readonly inputNames: readonly string[] | undefined;
  readonly outputNames: readonly string[] | undefined;
  readonly name: string;
}

/** The translated model and its interface. */
export interface Translated {
  readonly bytes: Uint8Array;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** The values the function returned, depth first (a returned input or captured tensor as its value). */
function outputValues(graph: Graph, t: OutputTemplate, out: number[]): void {
  if (t.kind === 'value') out.push(t.value);
  else if (t.kind === 'same') out.push('capture' in t.target ? t.target.capture.value : (graph.inputs[t.target.input]?.value as number));
  else if (t.kind === 'array') for (const i of t.items) outputValues(graph, i, out);
  else if (t.kind === 'object') for (const [, v] of t.entries) outputValues(graph, v, out);
}

function names(given: readonly string[] | undefined, count: number, base: string, what: string): string[] {
  if (given) {
    if (given.length !== count) {
      throw new RangeError(`For 'toOnnx', the '${what}' must name each of the ${count} ${base}s, but got ${given.length} names.`);
    }
    if (new Set(given).size !== given.length)
      throw new RangeError(`For 'toOnnx', the '${what}' must be distinct, but got ${given.join(', ')}.`);
    return [...given];
  }
  return count === 1 ? [base] : Array.from({ length: count }, (_, i) => `${base}_${i}`);
}

function onnxDims(dims: readonly Dim[]): OnnxDim[] {
  return dims.map((d) => (d.k === 0 ? d.c : d.k === 1 && d.c === 0 ? BATCH_DIM : null));
}

/**
 * Translates `source` into ONNX ModelProto bytes.
 * @example
 * const { bytes } = await graphToOnnx({ graph, dims, batchAxis: 0, inputNames: undefined, outputNames: undefined, name: 'Net' });
 */
export async function graphToOnnx(source: GraphSource): Promise<Translated> {
  const { graph, dims } = source;
  const valueAt = (id: number) => graph.values[id] as Value;
  const dimsOf = (id: number) => dims.get(id) ?? valueAt(id).shape.map((c) => ({ k: 0, c }));
  const uniqueInputs = [...new Set(graph.inputs.map((i) => i.value))];
  const inputNames = names(source.inputNames, uniqueInputs.length, 'input', 'inputNames');
  const outs: number[] = [];
  outputValues(graph, graph.output, outs);
  if (outs.length === 0) throw new OnnxExportError('ONNX export needs a network that returns at least one tensor.');
  const outputNames = names(source.outputNames, outs.length, 'output', 'outputNames');
  const clash = outputNames.find((n) => inputNames.includes(n));
  if (clash !== undefined) throw new RangeError(`For 'toOnnx', the name '${clash}' is both an input's and an output's.`);

  const batchInput = source.batchAxis === null ? -1 : uniqueInputs.findIndex((v) => (dimsOf(v)[source.batchAxis as number]?.k ?? 0) === 1);
  const g = new OnnxGraphBuilder(batchInput < 0 ? null : { name: inputNames[batchInput] as string, axis: source.batchAxis as number });
  const nameOf = new Map<number, string>();
  uniqueInputs.forEach((v, i) => {
    nameOf.set(v, g.fresh(inputNames[i] as string));
  });
  for (const n of outputNames) g.fresh(n);
  // A node value returned once is named as the output directly; anything else goes through Identity.
  const outputOf = new Map<number, string>();
  outs.forEach((v, i) => {
    if (valueAt(v).kind === 'node' && !outputOf.has(v)) outputOf.set(v, outputNames[i] as string);
  });

  const used = new Set<number>();
  for (const n of graph.nodes) for (const v of n.inputs) used.add(v);
  for (const v of outs) used.add(v);
  const stored = [...graph.captures.map((c) => ({ value: c.value, tensor: c.tensor, name: c.name }))];
  for (const [i, c] of graph.constants.entries()) stored.push({ value: c.value, tensor: c.tensor, name: `constant_${i}` });
  for (const s of stored) {
    if (!used.has(s.value)) continue;
    const v = valueAt(s.value);
    nameOf.set(s.value, g.initializer(s.name, v.dtype, v.shape, rawBytes(await s.tensor.data(), v.dtype)));
  }

  for (const node of graph.nodes) convertNode(g, node, graph, nameOf, outputOf, dimsOf, source.fillValues.get(node.output));

  outs.forEach((value, i) => {
    const name = outputNames[i] as string;
    const have = nameOf.get(value) as string;
    if (have !== name) g.op('Identity', [have], {}, name);
  });
  const info = (name: string, v: number): OnnxValueInfo => ({ name, dtype: valueAt(v).dtype, dims: onnxDims(dimsOf(v)) });
  const inputs = uniqueInputs.map((v, i) => info(inputNames[i] as string, v));
  const outputs = outs.map((v, i) => info(outputNames[i] as string, v));
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    opset: OPSET_VERSION,
    producerVersion: '',
    graphName: source.name,
    docString: `${source.name}, exported by mindts`,
    nodes: g.nodes,
    initializers: g.initializers,
    inputs,
    outputs,
  });
  return { bytes, inputs, outputs };
}

function convertNode(
  g: OnnxGraphBuilder,
  node: Node,
  graph: Graph,
  nameOf: Map<number, string>,
  outputOf: ReadonlyMap<number, string>,
  dimsOf: (id: number) => readonly Dim[],
  fillValue: Dim | undefined,
): void {
  const converter = Object.hasOwn(CONVERTERS, node.op) ? CONVERTERS[node.op] : undefined;
  if (!converter) {
    if (node.op === 'Random') {
      throw unsupported(node, 'the network draws random numbers while traced; export it in inference mode, with dropout off');
    }
    throw unsupported(node);
  }
  const out = outputOf.get(node.output) ?? g.fresh(`t${node.output}`);
  const value = (id: number) => graph.values[id] as Value;
  const context: ConvertContext = {
    g,
    node,
    inputs: node.inputs.map((v) => nameOf.get(v) as string),
    out,
    outDType: value(node.output).dtype as DType,
    outDims: dimsOf(node.output),
    fillValue,
    dtype: (i) => value(node.inputs[i] as number).dtype,
    dims: (i) => dimsOf(node.inputs[i] as number),
  };
  const alias = converter(context);
  if (typeof alias === 'string') {
    if (outputOf.has(node.output)) g.op('Identity', [alias], {}, out);
    else {
      nameOf.set(node.output, alias);
      return;
    }
  }
  nameOf.set(node.output, out);
}
