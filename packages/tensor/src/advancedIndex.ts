/**
 * NumPy's advanced indexing (`t[intTensor]`, `t[boolMask]`, `t[[1, 0]]`, mixed with slices and
 * integers), resolved on the host to the flat source position of every result element. The
 * result is then one Gather of the flattened tensor (and, for setItem, one Where), so gradients
 * come from those primitives' rules. Index tensors are read on the host, as MindSpore's eager
 * mode does; inside `jit` that read is refused like any other.
 */
import { broadcastShapes } from './broadcast.js';
import { type Index, resolveIndex, Slice } from './indexing.js';
import { shapeString, sizeOf, stridesOf } from './shape.js';

/** What an advanced index element looks like to this module: a Tensor's host view. */
export interface HostIndexTensor {
  readonly shape: readonly number[];
  readonly dtype: string;
  dataSync(): ArrayLike<number>;
}

/** An index array: flat values and its shape. */
interface IndexArray {
  values: Int32Array;
  shape: number[];
}

/** Whether `item` is an advanced index element (a tensor or an array of ints or booleans). */
export function isAdvancedItem(item: unknown): boolean {
  return Array.isArray(item) || (typeof item === 'object' && item !== null && !(item instanceof Slice) && 'dataSync' in item);
}

function isBoolList(index: readonly unknown[]): boolean {
  return index.length > 0 && index.every((x) => typeof x === 'boolean');
}

/** Whether `index` uses advanced indexing anywhere. */
export function hasAdvanced(index: Index | readonly unknown[]): boolean {
  if (!Array.isArray(index)) return isAdvancedItem(index);
  return index.some(isAdvancedItem) || isBoolList(index);
}

function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

/** The host view of one advanced element: its values (ints, or 1/0 for booleans), shape and kind. */
function hostArray(item: unknown, what: string): { values: ArrayLike<number>; shape: number[]; bool: boolean } {
  if (Array.isArray(item)) {
    const shape = nestedShape(item);
    const flat = (item as unknown[]).flat(Number.POSITIVE_INFINITY) as unknown[];
    if (flat.length !== sizeOf(shape))
      throw new RangeError(`${what}: a nested index list must be rectangular, but got ${JSON.stringify(item)}.`);
    const bool = flat.length > 0 && flat.every((x) => typeof x === 'boolean');
    if (!bool && !flat.every((x) => typeof x === 'number' && Number.isInteger(x))) {
      throw new TypeError(`${what}: an index list must hold integers or booleans, but got ${JSON.stringify(item)}.`);
    }
    return { values: flat.map(Number), shape, bool };
  }
  const t = item as HostIndexTensor;
  if (t.dtype === 'bool') return { values: t.dataSync(), shape: [...t.shape], bool: true };
  if (!['int32', 'int64', 'int16', 'int8', 'uint8'].includes(t.dtype)) {
    throw new TypeError(`${what}: an index tensor must be of an integer or bool dtype, but got ${t.dtype}.`);
  }
  return { values: t.dataSync(), shape: [...t.shape], bool: false };
}

/** One entry per result-producing index element, in order. */
type Entry =
  | { kind: 'basic'; axis: number; positions: number[] } // a slice over a source axis
  | { kind: 'new' } // null: a new axis of size 1
  | { kind: 'adv'; axis: number; array: IndexArray }; // an index array over one source axis

function checkedIndices(values: ArrayLike<number>, shape: number[], n: number, axis: number): IndexArray {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < -n || v >= n) throw new RangeError(`Index ${v} is out of bounds for axis ${axis} with size ${n}.`);
    out[i] = v < 0 ? v + n : v;
  }
  return { values: out, shape };
}

function entriesOf(shape: readonly number[], index: Index | readonly unknown[]): Entry[] {
  // An array is the index tuple (`getItem([1, 0])` is `t[1, 0]`; `getItem([[1, 0]])` is `t[[1, 0]]`),
  // except a list of booleans, which can only be a mask (`t[[True, False]]`).
  const items: unknown[] = Array.isArray(index) ? (isBoolList(index) ? [index] : [...index]) : [index];
  const arrays = items.map((it, i) => (isAdvancedItem(it) ? hostArray(it, `index ${i}`) : undefined));
  const consumes = items.map((it, i) =>
    arrays[i] ? (arrays[i]?.bool ? (arrays[i]?.shape.length ?? 0) : 1) : typeof it === 'number' || it instanceof Slice ? 1 : 0,
  );
  const used = consumes.reduce((a, b) => a + b, 0);
  if (items.filter((x) => x === '...').length > 1) throw new Error("An index can only have a single ellipsis ('...').");
  if (used > shape.length) {
    throw new RangeError(
      `Too many indices for a tensor of shape ${shapeString(shape)}: ${used} were indexed but it has ${shape.length} dimension(s).`,
    );
  }
  const ell = items.indexOf('...');
  const fillCount = shape.length - used;
  const entries: Entry[] = [];
  let axis = 0;
  const pushSlice = (s: Slice) => {
    const r = resolveIndex([shape[axis] as number], [s]);
    const [begin, size, step] = [r.begin[0] as number, r.size[0] as number, r.step[0] as number];
    entries.push({ kind: 'basic', axis, positions: Array.from({ length: size }, (_, k) => begin + k * step) });
    axis++;
  };
  items.forEach((it, i) => {
    if (i === ell) {
      for (let k = 0; k < fillCount; k++) pushSlice(new Slice());
      return;
    }
    const arr = arrays[i];
    if (arr?.bool) {
      // A mask over the next `rank` axes becomes one index array per axis (its nonzero coordinates).
      const dims = arr.shape;
      dims.forEach((d, k) => {
        if (d !== shape[axis + k]) {
          throw new RangeError(
            `index ${i}: a boolean mask of shape ${shapeString(dims)} does not match the indexed shape ${shapeString(shape.slice(axis, axis + dims.length))}.`,
          );
        }
      });
      const strides = stridesOf(dims);
      const hits: number[] = [];
      for (let f = 0; f < arr.values.length; f++) if (arr.values[f]) hits.push(f);
      dims.forEach((_, k) => {
        const values = Int32Array.from(hits, (f) => Math.floor(f / (strides[k] as number)) % (dims[k] as number));
        entries.push({ kind: 'adv', axis: axis + k, array: { values, shape: [hits.length] } });
      });
      axis += dims.length;
    } else if (arr) {
      entries.push({ kind: 'adv', axis, array: checkedIndices(arr.values, arr.shape, shape[axis] as number, axis) });
      axis++;
    } else if (typeof it === 'number') {
      if (!Number.isInteger(it)) throw new TypeError(`Index ${it} on axis ${axis} must be an integer.`);
      // With advanced indices present an integer is a 0-d index array (NumPy's rule).
      entries.push({ kind: 'adv', axis, array: checkedIndices([it], [], shape[axis] as number, axis) });
      axis++;
    } else if (it instanceof Slice) pushSlice(it);
    else if (it === null) entries.push({ kind: 'new' });
    else throw new TypeError(`Invalid index element ${String(it)}: use integers, slice(...), '...', null, index lists or tensors.`);
  });
  if (ell < 0) while (axis < shape.length) pushSlice(new Slice());
  return entries;
}

/**
 * The result shape of `index` on `shape` and, for each result element in row-major order, the
 * flat position of its source element (NumPy's rules: index arrays broadcast together; their
 * dimensions replace them in place when they are adjacent, and go first otherwise).
 * @example
 * advancedPlan([3, 2], [[2, 0]]); // { shape: [2, 2], flat: Int32Array [4, 5, 0, 1] }: t[[2, 0]]
 */
export function advancedPlan(shape: readonly number[], index: Index | readonly unknown[]): { shape: number[]; flat: Int32Array } {
  const entries = entriesOf(shape, index);
  const adv = entries.flatMap((e, i) => (e.kind === 'adv' ? [i] : []));
  const bshape = adv.reduce<number[]>((acc, i) => broadcastShapes(acc, (entries[i] as Extract<Entry, { kind: 'adv' }>).array.shape), []);
  const adjacent = adv.every((i, k) => k === 0 || i === (adv[k - 1] as number) + 1);
  // Output dims: each is a basic entry, a new axis, or the broadcast block ('B').
  const dims: (Entry | 'B')[] = [];
  entries.forEach((e, i) => {
    if (e.kind !== 'adv') dims.push(e);
    else if (adjacent && i === adv[0]) dims.push('B');
  });
  if (!adjacent) dims.unshift('B');
  const outShape = dims.flatMap((d) => (d === 'B' ? bshape : d.kind === 'new' ? [1] : [(d as { positions: number[] }).positions.length]));
  const srcStrides = stridesOf(shape);
  const advArrays = adv.map((i) => {
    const e = entries[i] as Extract<Entry, { kind: 'adv' }>;
    // Strides of this array broadcast into bshape (0 on broadcast axes).
    const offset = bshape.length - e.array.shape.length;
    const own = stridesOf(e.array.shape);
    const strides = bshape.map((_, k) => (k < offset || e.array.shape[k - offset] === 1 ? 0 : (own[k - offset] as number)));
    return { axis: e.axis, values: e.array.values, strides };
  });
  const total = sizeOf(outShape);
  const flat = new Int32Array(total);
  const counter = new Array<number>(outShape.length).fill(0);
  for (let o = 0; o < total; o++) {
    let src = 0;
    let d = 0;
    for (const dim of dims) {
      if (dim === 'B') {
        for (const a of advArrays) {
          let pos = 0;
          for (let k = 0; k < bshape.length; k++) pos += (counter[d + k] as number) * (a.strides[k] as number);
          src += (a.values[pos] as number) * (srcStrides[a.axis] as number);
        }
        d += bshape.length;
      } else if (dim.kind === 'new') d++;
      else {
        const basic = dim as Extract<Entry, { kind: 'basic' }>;
        src += (basic.positions[counter[d] as number] as number) * (srcStrides[basic.axis] as number);
        d++;
      }
    }
    flat[o] = src;
    for (let k = outShape.length - 1; k >= 0; k--) {
      counter[k] = (counter[k] as number) + 1;
      if ((counter[k] as number) < (outShape[k] as number)) break;
      counter[k] = 0;
    }
  }
  return { shape: outShape, flat };
}
