/**
 * The types of a tensor's values as nested JS arrays (`array()`, `arraySync()`), and the nesting
 * itself.
 */
import type { DType } from './dtype.js';

/**
 * A tensor rank that `array(rank)` and `arraySync(rank)` type precisely (up to 8 axes).
 * @example
 * const r: Rank = 2;
 */
export type Rank = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * The JS type of one element of a `D` tensor: boolean for bool, number otherwise (either, for a
 * tensor whose dtype the types do not know).
 * @example
 * const v: ElementOf<'float32'> = 1.5;
 */
export type ElementOf<D extends DType> = D extends 'bool' ? boolean : number;

/**
 * Values of type `T` nested to any depth: what `array()` returns when the rank is not given.
 * @example
 * const v: Nested<number> = [[1, 2], [3, 4]];
 */
export type Nested<T> = T | Nested<T>[];

type Shallower = [never, 0, 1, 2, 3, 4, 5, 6, 7];

/**
 * Values of type `T` nested `R` levels deep: `T` for a scalar, `T[][]` for a matrix.
 * @example
 * const m: NestedRank<number, 2> = [[1, 2], [3, 4]];
 */
export type NestedRank<T, R extends Rank> = R extends 0 ? T : NestedRank<T, Shallower[R]>[];

/** Nests flat `values` into arrays of `shape` (booleans for bool; the one value for a scalar). */
export function nest(values: ArrayLike<number>, shape: readonly number[], dtype: DType): unknown {
  const conv = dtype === 'bool' ? (x: number) => x !== 0 : (x: number) => x;
  if (shape.length === 0) return conv(values[0] as number);
  let pos = 0;
  const build = (axis: number): unknown[] => {
    const n = shape[axis] as number;
    const out = new Array<unknown>(n);
    if (axis === shape.length - 1) for (let i = 0; i < n; i++) out[i] = conv(values[pos++] as number);
    else for (let i = 0; i < n; i++) out[i] = build(axis + 1);
    return out;
  };
  return build(0);
}

/**
 * Throws unless `rank` (the rank a caller of `array(rank)` expects) is the tensor's.
 * @example
 * checkRank(2, [2, 3], 'array'); // ok
 */
export function checkRank(rank: unknown, shape: readonly number[], where: string): void {
  if (rank === undefined || rank === shape.length) return;
  const got = typeof rank === 'number' ? String(rank) : typeof rank;
  throw new RangeError(
    `For 'Tensor.${where}', rank must be the tensor's rank ${shape.length} (shape [${shape.join(', ')}]), but got ${got}.`,
  );
}
