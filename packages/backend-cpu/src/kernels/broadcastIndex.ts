/**
 * NumPy broadcasting as strides: a broadcast input is read with stride 0 along the axes it is
 * repeated on.
 */
import { shapeString } from '@mindts/tensor/backend';

/**
 * Element strides of a row-major `inShape` read as `outShape` (right-aligned; stride 0 on
 * broadcast axes). Throws if `inShape` does not broadcast to `outShape`.
 * @example
 * broadcastStrides([3], [2, 3]); // [0, 1]
 */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[], argName = 'input'): number[] {
  const offset = outShape.length - inShape.length;
  if (offset < 0) {
    throw new Error(`${argName} of shape ${shapeString(inShape)} has more dimensions than the target shape ${shapeString(outShape)}.`);
  }
  const strides = new Array<number>(outShape.length).fill(0);
  let s = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    const d = inShape[i]!;
    const target = outShape[i + offset]!;
    if (d !== target && d !== 1) {
      throw new Error(
        `${argName} of shape ${shapeString(inShape)} cannot be broadcast to ${shapeString(outShape)} (dimension ${i + offset}: ${d} vs ${target}).`,
      );
    }
    strides[i + offset] = d === 1 ? 0 : s;
    s *= d;
  }
  return strides;
}
