/**
 * Resolving NumPy/MindSpore-style indices (`t[0, 1:3, ..., None]`) to a strided region.
 */
import { checkArray } from './argChecks.js';
import { shapeString } from './shape.js';
import { showValue } from './options.js';

/**
 * A Python-style slice `start:stop:step`; `null`/`undefined` take the defaults.
 * @example
 * const everyOther = new Slice(1, null, 2);
 * everyOther.toString(); // '1::2'
 * t.getItem(everyOther); // t[1::2]
 */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}

  /** Python's notation: `1:3`, `::-1`. */
  toString(): string {
    return `${this.start ?? ''}:${this.stop ?? ''}${this.step === null ? '' : `:${this.step}`}`;
  }
}

/**
 * A slice for `getItem`/`setItem`: `slice(1, 3)` is `1:3`, `slice(null, null, -1)` is `::-1`.
 * @example
 * t.getItem(slice(0, 2)); // t[0:2]
 */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const) {
    if (v !== null && !Number.isInteger(v)) throw new TypeError(`slice ${name} must be an integer or null, but got ${showValue(v)}.`);
  }
  if (step === 0) throw new RangeError('slice step cannot be zero.');
  return new Slice(start, stop, step);
}

/**
 * An advanced index element (NumPy's integer and boolean array indexing): an integer or bool
 * Tensor, or a (nested) list of integers or of booleans.
 * @example
 * const rows: AdvancedIndexItem = [2, 0]; // t[[2, 0]]
 */
export type AdvancedIndexItem = { readonly shape: readonly number[]; readonly dtype: string } | readonly NestedIndexList[];
type NestedIndexList = number | boolean | readonly NestedIndexList[];

/**
 * One index element: an integer, a slice, `'...'` (the remaining axes), `null` (new axis), or an
 * advanced element (an int/bool Tensor or a list of ints or booleans).
 * @example
 * const items: IndexItem[] = [0, slice(1, 3), '...', null]; // t[0, 1:3, ..., None]
 */
export type IndexItem = number | Slice | '...' | null | AdvancedIndexItem;

/**
 * An index: one element or an array of them.
 * @example
 * const block: Index = [slice(0, 2), -1];
 * t.getItem(block); // t[0:2, -1]
 */
export type Index = IndexItem | readonly IndexItem[] | readonly boolean[];

/**
 * The strided region an index selects and the shape of the result.
 * @example
 * const r: ResolvedIndex = resolveIndex([4, 5], [1, slice(null, null, 2)]);
 * r.shape; // [3]
 */
export interface ResolvedIndex {
  begin: number[];
  size: number[];
  step: number[];
  /** Result shape: integer axes dropped, `null` axes inserted. */
  shape: number[];
}

/**
 * Resolves `index` against `shape`.
 * @example
 * resolveIndex([4, 5], [1, slice(null, null, 2)]); // begin [1, 0], size [1, 3], step [1, 2], shape [3]
 */
export function resolveIndex(shape: readonly number[], index: Index): ResolvedIndex {
  checkArray(shape, 'resolveIndex', 'shape', 'an array of numbers');
  const items: IndexItem[] = Array.isArray(index) ? [...(index as readonly IndexItem[])] : [index as IndexItem];
  const ellipses = items.filter((x) => x === '...').length;
  if (ellipses > 1) throw new Error("An index can only have a single ellipsis ('...').");
  const consuming = items.filter((x) => typeof x === 'number' || x instanceof Slice).length;
  if (consuming > shape.length) {
    throw new RangeError(
      `Too many indices for a tensor of shape ${shapeString(shape)}: ${consuming} were indexed but it has ${shape.length} dimension(s).`,
    );
  }
  const ell = items.indexOf('...');
  const fill: IndexItem[] = Array.from({ length: shape.length - consuming }, () => new Slice());
  if (ell >= 0) items.splice(ell, 1, ...fill);
  else items.push(...fill);

  const out: ResolvedIndex = { begin: [], size: [], step: [], shape: [] };
  let axis = 0;
  for (const item of items) {
    if (item === null) {
      out.shape.push(1);
      continue;
    }
    const n = shape[axis] as number;
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new TypeError(`Index ${item} on axis ${axis} must be an integer.`);
      if (item < -n || item >= n) throw new RangeError(`Index ${item} is out of bounds for axis ${axis} with size ${n}.`);
      out.begin.push(item < 0 ? item + n : item);
      out.size.push(1);
      out.step.push(1);
    } else if (item instanceof Slice) {
      const [start, len, step] = sliceIndices(item, n);
      out.begin.push(start);
      out.size.push(len);
      out.step.push(step);
      out.shape.push(len);
    } else {
      throw new TypeError(`Invalid index element ${String(item)}: use integers, slice(...), '...' or null.`);
    }
    axis++;
  }
  return out;
}

/** Python's `slice.indices(n)`: normalised start, length and step. */
function sliceIndices(s: Slice, n: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new RangeError('slice step cannot be zero.');
  const lo = step > 0 ? 0 : -1;
  const hi = step > 0 ? n : n - 1;
  const norm = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    const x = v < 0 ? v + n : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const start = norm(s.start, step > 0 ? 0 : n - 1);
  const stop = norm(s.stop, step > 0 ? n : -1);
  const len = Math.max(0, Math.ceil((stop - start) / step));
  return [len === 0 ? 0 : start, len, step];
}
