/**
 * ONNX translations of the compute primitives: MatMul, Conv2D, Pool2D, Reduce and Cumulative.
 */
import type { ReduceOp } from '@mindts/tensor/backend';
import { type ConvertContext, type Converter, unsupported } from './convertContext.js';
import { attr } from './onnxGraph.js';
import { ONNX_DTYPE } from './onnxProto.js';

/** The input with its last two axes swapped. */
function swapLast(c: ConvertContext, input: number): string {
  const rank = c.dims(input).length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return c.g.op('Transpose', [c.inputs[input] as string], { perm: attr.ints(perm) });
}

function matMul(c: ConvertContext): undefined {
  const { transposeA, transposeB } = c.node.attrs as { transposeA: boolean; transposeB: boolean };
  const a = transposeA ? swapLast(c, 0) : (c.inputs[0] as string);
  const b = transposeB ? swapLast(c, 1) : (c.inputs[1] as string);
  c.g.op('MatMul', [a, b], {}, c.out);
}

function conv2d(c: ConvertContext): undefined {
  const { strides, pads, dilations, groups } = c.node.attrs as {
    strides: [number, number];
    pads: [number, number, number, number];
    dilations: [number, number];
    groups: number;
  };
  const w = c.dims(1);
  c.g.op(
    'Conv',
    c.inputs,
    {
      kernel_shape: attr.ints([(w[2] as { c: number }).c, (w[3] as { c: number }).c]),
      strides: attr.ints(strides),
      // mindts: [top, bottom, left, right]; ONNX: [top, left, bottom, right].
      pads: attr.ints([pads[0], pads[2], pads[1], pads[3]]),
      dilations: attr.ints(dilations),
      group: attr.int(groups),
    },
    c.out,
  );
}

function pool2d(c: ConvertContext): undefined {
  const { mode, kernel, strides, pads } = c.node.attrs as {
    mode: 'max' | 'avg';
    kernel: [number, number];
    strides: [number, number];
    pads: [number, number, number, number];
  };
  const common = {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints([pads[0], pads[2], pads[1], pads[3]]),
  };
  // Averages leave padding out, as ONNX's count_include_pad = 0 does.
  if (mode === 'max') c.g.op('MaxPool', c.inputs, common, c.out);
  else c.g.op('AveragePool', c.inputs, { ...common, count_include_pad: attr.int(0) }, c.out);
}

function reduce(c: ConvertContext): undefined {
  const { op, axes } = c.node.attrs as { op: ReduceOp; axes: readonly number[] };
  const { g } = c;
  const dtype = c.dtype(0);
  const cast = (v: string, to: keyof typeof ONNX_DTYPE) => g.op('Cast', [v], { to: attr.int(ONNX_DTYPE[to]) });
  const x = c.inputs[0] as string;
  // ONNX's reductions take no bool (opset 17): logic goes through int32 0/1.
  const asInt = () => (dtype === 'bool' ? cast(x, 'int32') : x);
  const keep0 = { keepdims: attr.int(0) };
  switch (op) {
    case 'sum':
      g.op('ReduceSum', [asInt(), g.int64s(axes)], keep0, c.out);
      return;
    case 'prod':
      g.op('ReduceProd', [asInt()], { axes: attr.ints(axes), ...keep0 }, c.out);
      return;
    case 'max':
    case 'min': {
      const type = op === 'max' ? 'ReduceMax' : 'ReduceMin';
      if (dtype === 'bool')
        g.op('Cast', [g.op(type, [asInt()], { axes: attr.ints(axes), ...keep0 })], { to: attr.int(ONNX_DTYPE.bool) }, c.out);
      else g.op(type, [x], { axes: attr.ints(axes), ...keep0 }, c.out);
      return;
    }
    case 'any':
    case 'all': {
      const ints = dtype === 'bool' ? cast(x, 'int32') : cast(cast(x, 'bool'), 'int32');
      const r = g.op(op === 'any' ? 'ReduceMax' : 'ReduceMin', [ints], { axes: attr.ints(axes), ...keep0 });
      g.op('Cast', [r], { to: attr.int(ONNX_DTYPE.bool) }, c.out);
      return;
    }
    case 'argmax':
    case 'argmin': {
      const r = g.op(op === 'argmax' ? 'ArgMax' : 'ArgMin', [asInt()], { axis: attr.int(axes[0] as number), ...keep0 });
      g.op('Cast', [r], { to: attr.int(ONNX_DTYPE.int32) }, c.out);
      return;
    }
    default:
      throw unsupported(c.node);
  }
}

function cumulative(c: ConvertContext): undefined {
  const { op, axis, reverse } = c.node.attrs as { op: 'sum' | 'prod'; axis: number; reverse: boolean };
  if (op !== 'sum') throw unsupported(c.node, 'ONNX has no cumulative product');
  c.g.op('CumSum', [c.inputs[0] as string, c.g.constant([axis], 'int64', [])], { reverse: attr.int(reverse ? 1 : 0) }, c.out);
}

/**
 * The compute primitives' translations, by primitive name.
 * @example
 * NN_CONVERTERS.Conv2D?.(context); // one Conv with the node's strides, pads, dilations and groups
 */
export const NN_CONVERTERS: Readonly<Record<string, Converter>> = {
  MatMul: matMul,
  Conv2D: conv2d,
  Pool2D: pool2d,
  Reduce: reduce,
  Cumulative: cumulative,
};
