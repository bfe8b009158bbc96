/**
 * Sliding-window geometry shared by Conv2D and Pool2D: attribute checks and output sizes.
 */
import { shapeString } from '@mindts/tensor/backend';

/**
 * Throws unless `values` is `count` integers of at least `min`.
 * @example
 * checkInts('Conv2D', 'strides', [1, 1], 2, 1);
 */
export function checkInts(kernel: string, name: string, values: readonly number[], count: number, min: number): void {
  if (!Array.isArray(values) || values.length !== count || !values.every((v) => Number.isInteger(v) && v >= min)) {
    throw new RangeError(`${kernel}: ${name} must be ${count} integers ≥ ${min}, but got ${JSON.stringify(values)}.`);
  }
}

/**
 * Throws unless `shape` is rank 4.
 * @example
 * checkRank4('Pool2D', 'x', [1, 3, 8, 8]);
 */
export function checkRank4(kernel: string, name: string, shape: readonly number[]): void {
  if (shape.length !== 4) throw new RangeError(`${kernel}: ${name} must have rank 4 (NCHW), but got shape ${shapeString(shape)}.`);
}

/**
 * Output length of a window of `kernel` cells (`dilation` apart) sliding with `stride` over
 * `size` cells padded by `padBefore`/`padAfter`; throws when the window does not fit once.
 * @example
 * windowOutputSize('Conv2D', 'height', 5, 3, 1, 1, 1, 1); // 5
 */
export function windowOutputSize(
  kernel: string,
  axis: string,
  size: number,
  window: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
): number {
  const span = dilation * (window - 1) + 1;
  const padded = size + padBefore + padAfter;
  if (padded < span) {
    throw new RangeError(
      `${kernel}: the padded input ${axis} ${padded} (${size} + pads ${padBefore}, ${padAfter}) is smaller than the window's extent ${span}.`,
    );
  }
  return Math.floor((padded - span) / stride) + 1;
}
