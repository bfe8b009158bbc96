/**
 * Picking slices along an axis by index (the `Gather` primitive) and the checks it shares
 * with ScatterAdd.
 */
import type { DType, Values } from '@mindts/tensor';
import { type KernelFunc, makeValues, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import type { ShapedValues } from './binary.js';
import { checkAxis, checkDType, checkShaped } from './implArgs.js';

/**
 * Throws unless `axis` is valid for `shape` and `indexDType` is an integer dtype.
 * @example
 * checkGatherArgs('Gather', [3, 4], 1, 'int32');
 */
export function checkGatherArgs(kernel: string, shape: readonly number[], axis: number, indexDType: DType): void {
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
    throw new RangeError(
      `${kernel}: axis must be an integer in [0, ${shape.length}) for x of shape ${shapeString(shape)}, but got ${axis}.`,
    );
  }
  if (indexDType !== 'int32' && indexDType !== 'int64' && indexDType !== 'int16' && indexDType !== 'int8' && indexDType !== 'uint8') {
    throw new TypeError(`${kernel}: indices must have an integer dtype (int32), but got ${indexDType}.`);
  }
}

/**
 * Index `i` normalised into [0, size) (negative counts from the end); throws naming the index,
 * the axis and its size when out of range.
 * @example
 * normalizeIndex('Gather', -1, 0, 3); // 2
 */
export function normalizeIndex(kernel: string, index: number, axis: number, size: number): number {
  const i = index < 0 ? index + size : index;
  if (i < 0 || i >= size) throw new RangeError(`${kernel}: index ${index} is out of range for axis ${axis} with size ${size}.`);
  return i;
}

/**
 * Gathers slices of `x` along `axis`; the result has shape x[:axis] + indices + x[axis+1:].
 * @example
 * gatherImpl(new Float32Array([1, 2, 3]), [3], new Int32Array([2, -3]), [2], 0, 'float32');
 * // { shape: [2], values: Float32Array [3, 1] }
 */
export function gatherImpl(
  x: Values,
  shape: readonly number[],
  indices: Values,
  indicesShape: readonly number[],
  axis: number,
  dtype: DType,
): ShapedValues {
  checkShaped('gatherImpl', 'x', x, shape);
  checkShaped('gatherImpl', 'indices', indices, indicesShape, 'indicesShape');
  checkAxis('gatherImpl', axis, shape.length);
  checkDType('gatherImpl', dtype);
  const outShape = [...shape.slice(0, axis), ...indicesShape, ...shape.slice(axis + 1)];
  const out = makeValues(dtype, sizeOf(outShape));
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const axisSize = shape[axis]!;
  const idx = Array.from(indices, (v) => normalizeIndex('Gather', v, axis, axisSize));
  let o = 0;
  for (let b = 0; b < outer; b++) {
    for (const i of idx) {
      const start = (b * axisSize + i) * inner;
      out.set(x.subarray(start, start + inner), o);
      o += inner;
    }
  }
  return { shape: outShape, values: out };
}

/**
 * CPU kernel of `Gather`.
 * @example
 * runKernel('Gather', [x, indices], { axis: 0 });
 */
export const gather: KernelFunc<'Gather', CpuBackend> = (backend, [x, indices], { axis }) => {
  checkGatherArgs('Gather', x.shape, axis, indices.dtype);
  const r = gatherImpl(backend.values(x), x.shape, backend.values(indices), indices.shape, axis, x.dtype);
  return backend.output(r.values, r.shape, x.dtype);
};
