/**
 * ONNX translations of the primitives that move or make data: Reshape, Transpose,
 * StridedSlice, Concat, Gather, BroadcastTo and Fill. A size that depends on the batch
 * (`[batch·seq, features]`) is computed at run time from the input's batch size.
 */
import type { DType } from '@mindts/tensor';
import { type ConvertContext, type Converter, unsupported } from './convertContext.js';
import { attr, type Dim, INT64_MAX, INT64_MIN, rawBytes } from './onnxGraph.js';
import { ONNX_DTYPE } from './onnxProto.js';

/** Fills of at most this many elements become an initializer; larger ones a ConstantOfShape. */
const SMALL_FILL = 64;

function stridedSlice(c: ConvertContext): undefined {
  const { begin, step } = c.node.attrs as { begin: readonly number[]; step: readonly number[] };
  const { g } = c;
  // Each axis's end: an int64 limit, or begin + size·step (a function of the batch size on the batch axis).
  const ends = begin.map((b, axis): bigint | Dim => {
    const s = step[axis] as number;
    const size = c.outDims[axis] as Dim;
    const input = c.dims(0)[axis] as Dim;
    if (size.k !== 0 && s < 0) throw unsupported(c.node, 'a negative step along the batch axis');
    const end: Dim = { k: size.k * s, c: b + size.c * s };
    if (s > 0 && end.k === input.k && end.c === input.c) return INT64_MAX; // to the end, whatever the batch size
    if (end.k === 0 && end.c < 0) return INT64_MIN; // down to index 0: ONNX reads a negative end from the back
    return end;
  });
  const isFixed = (e: bigint | Dim) => typeof e === 'bigint' || e.k === 0;
  const value = (e: bigint | Dim) => (typeof e === 'bigint' ? e : e.c);
  const endsName = ends.every(isFixed)
    ? g.int64s(ends.map(value))
    : g.op(
        'Concat',
        ends.map((e) => (isFixed(e) ? g.int64s([value(e)]) : g.vector([e as Dim]))),
        { axis: attr.int(0) },
      );
  g.op('Slice', [c.inputs[0] as string, g.int64s(begin), endsName, g.int64s(begin.map((_, i) => i)), g.int64s(step)], {}, c.out);
}

/**
 * `x` with a region replaced by `value`: `value` padded to x's shape, chosen by a constant mask.
 * Steps ±1 only; an axis whose size follows the batch must be covered whole (the mask then has
 * size 1 there and broadcasts).
 */
function sliceUpdate(c: ConvertContext): undefined {
  const { begin, step } = c.node.attrs as { begin: readonly number[]; step: readonly number[] };
  const { g } = c;
  const dims = c.dims(0);
  const size = c.dims(1);
  let value = c.inputs[1] as string;
  const maskShape: number[] = [];
  const before: number[] = [];
  const after: number[] = [];
  const flip: number[] = [];
  for (let axis = 0; axis < dims.length; axis++) {
    const s = step[axis] as number;
    const d = dims[axis] as Dim;
    const n = size[axis] as Dim;
    if (Math.abs(s) !== 1) throw unsupported(c.node, 'an update of a strided region (step other than ±1)');
    // The region's first index when walked forwards.
    const start = s > 0 ? (begin[axis] as number) : (begin[axis] as number) - n.c + 1;
    if (d.k !== 0) {
      if (start !== 0 || n.k !== d.k || n.c !== d.c) throw unsupported(c.node, 'an update of part of the batch axis');
      maskShape.push(1);
      before.push(0);
      after.push(0);
    } else {
      maskShape.push(d.c);
      before.push(start);
      after.push(d.c - start - n.c);
    }
    if (s < 0) flip.push(axis);
  }
  if (flip.length > 0) {
    value = g.op('Slice', [
      value,
      g.int64s(flip.map(() => -1)),
      g.int64s(flip.map(() => INT64_MIN)),
      g.int64s(flip),
      g.int64s(flip.map(() => -1)),
    ]);
  }
  const mask = new Array<number>(maskShape.reduce((a, b) => a * b, 1)).fill(0);
  mask.forEach((_, flat) => {
    let rest = flat;
    let inside = true;
    for (let axis = maskShape.length - 1; axis >= 0; axis--) {
      const m = maskShape[axis] as number;
      const i = rest % m;
      rest = Math.floor(rest / m);
      inside &&= i >= (before[axis] as number) && i < m - (after[axis] as number);
    }
    mask[flat] = inside ? 1 : 0;
  });
  const maskName = g.initializer('update_mask', 'bool', maskShape, rawBytes(mask, 'bool'));
  const padded = g.op('Pad', [value, g.int64s([...before, ...after])]);
  g.op('Where', [maskName, padded, c.inputs[0] as string], {}, c.out);
  return undefined;
}

function fill(c: ConvertContext): string | undefined {
  const { value, dtype } = c.node.attrs as { value: number; dtype: DType };
  const { g } = c;
  const dims = c.outDims;
  if (c.fillValue && c.fillValue.k !== 0) {
    // The batch size (times k, plus c) as a scalar of the dtype, broadcast to the shape.
    const scalar = g.op('Reshape', [g.vector([c.fillValue]), g.int64s([])]);
    const typed = g.op('Cast', [scalar], { to: attr.int(ONNX_DTYPE[dtype]) });
    g.op('Expand', [typed, g.vector(dims)], {}, c.out);
    return undefined;
  }
  if (dims.every((d) => d.k === 0)) {
    const shape = dims.map((d) => d.c);
    const size = shape.reduce((a, b) => a * b, 1);
    if (size <= SMALL_FILL) return g.constant(new Array<number>(size).fill(value), dtype, shape);
  }
  const one = { name: 'value', dtype, dims: [1], raw: rawBytes([value], dtype) };
  g.op('ConstantOfShape', [g.vector(dims)], { value: attr.tensor(one) }, c.out);
  return undefined;
}

/**
 * The data-movement primitives' translations, by primitive name. A translation that returns a
 * name makes the node's result that value (a shared constant) instead of writing a node.
 * @example
 * SHAPE_CONVERTERS.Reshape?.(context); // a Reshape with the target shape, computed where it depends on the batch
 */
export const SHAPE_CONVERTERS: Readonly<Record<string, Converter>> = {
  Reshape: (c) => void c.g.op('Reshape', [c.inputs[0] as string, c.g.vector(c.outDims)], { allowzero: attr.int(1) }, c.out),
  Transpose: (c) => void c.g.op('Transpose', c.inputs, { perm: attr.ints((c.node.attrs as { perm: number[] }).perm) }, c.out),
  StridedSlice: (c) => void stridedSlice(c),
  Concat: (c) => void c.g.op('Concat', c.inputs, { axis: attr.int((c.node.attrs as { axis: number }).axis) }, c.out),
  Gather: (c) => void c.g.op('Gather', c.inputs, { axis: attr.int((c.node.attrs as { axis: number }).axis) }, c.out),
  BroadcastTo: (c) => void c.g.op('Expand', [c.inputs[0] as string, c.g.vector(c.outDims)], {}, c.out),
  Fill: fill,
  SliceUpdate: sliceUpdate,
};
