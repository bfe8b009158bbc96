/**
 * What a primitive's ONNX translation sees of the traced node it translates.
 */
import type { Node } from '@mindts/jit';
import type { DType } from '@mindts/tensor';
import { OnnxExportError } from './errors.js';
import type { Dim, OnnxGraphBuilder } from './onnxGraph.js';

/**
 * One traced node to translate: its ONNX input names, the name its result must take, and the
 * dtypes and (batch-affine) dimensions of both.
 * @example
 * const relu: Converter = (c) => void c.g.op('Relu', c.inputs, {}, c.out);
 */
export interface ConvertContext {
  readonly g: OnnxGraphBuilder;
  readonly node: Node;
  readonly inputs: readonly string[];
  readonly out: string;
  readonly outDType: DType;
  readonly outDims: readonly Dim[];
  /** A Fill's value when it follows the batch size (a batch size used in index arithmetic). */
  readonly fillValue: Dim | undefined;
  dtype(input: number): DType;
  dims(input: number): readonly Dim[];
}

/**
 * Writes the ONNX nodes of one traced node, the last one's output named `out`; or returns the
 * name of an existing value (a shared constant) the node's result is.
 */
export type Converter = (c: ConvertContext) => string | undefined;

/** The node's label in errors: `Binary.atan2`, `Argsort`. */
export function opLabel(node: Node): string {
  const sub = (node.attrs as { op?: unknown } | null)?.op;
  return typeof sub === 'string' ? `${node.op}.${sub}` : node.op;
}

/** The error for a primitive (or a variant of one) ONNX export does not translate. */
export function unsupported(node: Node, why = ''): OnnxExportError {
  return new OnnxExportError(
    `ONNX export does not support the op '${opLabel(node)}'${why ? ` (${why})` : ''}. ` +
      'Supported: MatMul, Conv2D, Pool2D, Reshape, Transpose, StridedSlice, SliceUpdate (steps ±1), Concat, Gather, BroadcastTo, Fill, Cast, Where, ' +
      'Cumulative.sum, Reduce (sum, prod, max, min, argmax, argmin, any, all), and the Unary and Binary ops but atan2.',
  );
}

/** Whether `dtype` is a floating-point dtype. */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}
