/**
 * Joining tensors along an axis (the `Concat` primitive).
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { checkDType, checkInt, checkParallel, checkShaped } from './implArgs.js';

/**
 * The shape of `shapes` joined along `axis`; throws unless they agree on every other axis.
 * @example
 * concatShape([[2, 3], [4, 3]], 0); // [6, 3]
 */
export function concatShape(shapes: readonly (readonly number[])[], axis: number): number[] {
  const first = shapes[0];
  if (!first) throw new RangeError('Concat: needs at least one input, but got none.');
  const rank = first.length;
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
    throw new RangeError(`Concat: axis must be an integer in [0, ${rank}) for inputs of rank ${rank}, but got ${axis}.`);
  }
  const out = [...first];
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i]!;
    if (s.length !== rank || s.some((d, j) => j !== axis && d !== first[j])) {
      throw new RangeError(
        `Concat: input ${i} has shape ${shapeString(s)}, which does not match input 0's ${shapeString(first)} on every axis but ${axis}.`,
      );
    }
    out[axis]! += s[axis]!;
  }
  return out;
}

/**
 * Concatenates row-major `values` of `shapes` along `axis`.
 * @example
 * concatImpl([new Int32Array([1, 2]), new Int32Array([3])], [[2], [1]], 0, 'int32'); // Int32Array [1, 2, 3]
 */
export function concatImpl(values: readonly Values[], shapes: readonly (readonly number[])[], axis: number, dtype: DType): Values {
  checkParallel('concatImpl', values, shapes);
  for (let i = 0; i < values.length; i++)
    checkShaped('concatImpl', `values[${i}]`, values[i], shapes[i] as readonly number[], `shapes[${i}]`);
  checkInt('concatImpl', 'axis', axis, 0);
  const shape = concatShape(shapes, axis);
  checkDType('concatImpl', dtype);
  const out = makeValues(dtype, sizeOf(shape));
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const rowLen = shape[axis]! * inner;
  let col = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const len = shapes[i]![axis]! * inner;
    for (let o = 0; o < outer; o++) out.set(v.subarray(o * len, (o + 1) * len), o * rowLen + col);
    col += len;
  }
  return out;
}

/**
 * CPU kernel of `Concat`.
 * @example
 * runKernel('Concat', [a, b, c], { axis: 0 });
 */
export const concat: KernelFunc<'Concat', CpuBackend> = (backend, inputs, { axis }) => {
  const dtype = inputs[0]?.dtype as DType;
  inputs.forEach((t, i) => {
    if (t.dtype !== dtype) throw new TypeError(`Concat: every input must have input 0's dtype ${dtype}, but input ${i} is ${t.dtype}.`);
  });
  const shapes = inputs.map((t) => t.shape);
  const out = concatImpl(
    inputs.map((t) => backend.values(t)),
    shapes,
    axis,
    dtype,
  );
  return backend.output(out, concatShape(shapes, axis), dtype);
};
