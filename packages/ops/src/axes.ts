/**
 * Normalising the `axis` arguments of reductions, softmax and squeeze.
 */
import { describe } from './operand.js';

/**
 * An axis argument: one axis, several, or `null`/`undefined` for every axis. Negative axes
 * count from the end.
 * @example
 * ops.sum(x, [0, -1]);
 */
export type Axis = number | readonly number[] | null | undefined;

/** Normalises one axis against `rank` (negatives count from the end); the error names `op` and `arg`. */
export function normalizeAxisOf(axis: unknown, rank: number, op: string, arg = 'axis'): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) {
    if (rank === 0) throw new RangeError(`${op}: ${arg} ${describe(axis)} is out of range: the tensor is a scalar (shape []).`);
    throw new RangeError(
      `${op}: ${arg} ${typeof axis === 'number' ? axis : describe(axis)} is out of range for rank ${rank}; it must be an integer in [${-rank}, ${rank - 1}].`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Sorted, non-negative, distinct axes. `null`/`undefined` and `[]` (MindSpore's default `()`)
 * mean every axis. A rank-0 tensor accepts axis 0 or -1 and has no axes to reduce.
 */
export function normalizeAxes(axis: Axis, rank: number, op: string, arg = 'axis'): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list)) throw new TypeError(`${op}: ${arg} must be a number, an array of numbers or null, but got ${describe(axis)}.`);
  if (list.length === 0) return Array.from({ length: rank }, (_, i) => i);
  if (rank === 0) {
    const bad = list.find((a) => a !== 0 && a !== -1);
    if (bad !== undefined)
      throw new RangeError(
        `${op}: ${arg} ${typeof bad === 'number' ? bad : describe(bad)} is out of range for a scalar (shape []); only 0 or -1 may be given.`,
      );
    return [];
  }
  const seen = new Set<number>();
  for (const a of list) {
    const n = normalizeAxisOf(a, rank, op, arg);
    if (seen.has(n)) throw new RangeError(`${op}: ${arg} [${list.join(', ')}] names axis ${n} more than once.`);
    seen.add(n);
  }
  return [...seen].sort((x, y) => x - y);
}

/** `shape` without `axes`, or with them set to 1 when `keepDims`. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (!axes.includes(i)) out.push(shape[i] as number);
    else if (keepDims) out.push(1);
  }
  return out;
}
