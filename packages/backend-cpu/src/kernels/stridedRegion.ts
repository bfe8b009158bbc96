/**
 * The strided region `begin + i·step` (i < size, per axis) that StridedSlice reads and
 * SliceUpdate writes, validated against the tensor's shape.
 */
import { shapeString, stridesOf } from '@mindts/tensor/backend';

/** Where a validated region starts and how far each of its axes steps, in elements. */
export interface Region {
  /** Flat offset of the region's first element. */
  readonly base: number;
  /** Element stride of each region axis (step × the tensor's stride). */
  readonly strides: number[];
}

/**
 * Validates `begin`/`size`/`step` against `shape` and returns the region's flat layout.
 * Every selected index must lie inside the tensor; steps may be negative, not zero.
 * @example
 * stridedRegion('StridedSlice', [4], [3], [2], [-2]); // { base: 3, strides: [-2] }
 */
export function stridedRegion(
  kernel: string,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  step: readonly number[],
): Region {
  const rank = shape.length;
  for (const [name, arr] of [
    ['begin', begin],
    ['size', size],
    ['step', step],
  ] as const) {
    if (arr.length !== rank || !arr.every(Number.isInteger)) {
      throw new RangeError(`${kernel}: ${name} must be ${rank} integers for shape ${shapeString(shape)}, but got [${arr.join(', ')}].`);
    }
  }
  const tensorStrides = stridesOf(shape);
  let base = 0;
  const strides = new Array<number>(rank);
  for (let d = 0; d < rank; d++) {
    const n = shape[d]!;
    const [b, s, st] = [begin[d]!, size[d]!, step[d]!];
    if (st === 0) throw new RangeError(`${kernel}: step on axis ${d} must not be zero.`);
    if (s < 0) throw new RangeError(`${kernel}: size on axis ${d} must be non-negative, but got ${s}.`);
    const last = b + (s - 1) * st;
    if (s > 0 && (b < 0 || b >= n || last < 0 || last >= n)) {
      throw new RangeError(
        `${kernel}: axis ${d} selects indices ${b} to ${last} (begin ${b}, size ${s}, step ${st}), outside [0, ${n}) of shape ${shapeString(shape)}.`,
      );
    }
    if (s > 0) base += b * tensorStrides[d]!;
    strides[d] = st * tensorStrides[d]!;
  }
  return { base, strides };
}
