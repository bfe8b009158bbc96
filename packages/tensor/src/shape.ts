/**
 * Shape validation and arithmetic.
 */

/**
 * Number of elements of a shape (1 for a scalar).
 * @example
 * sizeOf([2, 3]); // 6
 */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major strides of a shape.
 * @example
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

/**
 * Checks that `shape` is an array of non-negative integers; returns a copy.
 * @example
 * validateShape([2, 3], 'shape'); // [2, 3]
 */
export function validateShape(shape: unknown, argName: string): number[] {
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape)) {
    throw new TypeError(`${argName} must be an array of non-negative integers, but got ${String(shape)}.`);
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new RangeError(`${argName} must contain non-negative integers, but got [${shape.join(', ')}].`);
    }
  }
  return [...(shape as number[])];
}

/**
 * Normalises a possibly negative axis against `rank`, with a clear error when out of range.
 * @example
 * normalizeAxis(-1, 3, 'axis'); // 2
 */
export function normalizeAxis(axis: number, rank: number, argName = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1)) {
    throw new RangeError(`${argName} must be an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1)}), but got ${axis}.`);
  }
  return axis < 0 ? axis + Math.max(rank, 1) : axis;
}

/**
 * Formats a shape as `[2, 3]` for messages.
 * @example
 * shapeString([2, 3]); // '[2, 3]'
 */
export function shapeString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Whether two shapes are equal.
 * @example
 * shapesEqual([2, 3], [2, 3]); // true
 * shapesEqual([2, 3], [3, 2]); // false
 */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
