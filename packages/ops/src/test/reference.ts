/**
 * Naive references for property tests: plain loops over row-major arrays.
 */
import { sizeOf, stridesOf } from '@mindts/tensor/backend';
import fc from 'fast-check';

/** The multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    idx[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return idx;
}

/** The flat position of `idx` in `shape`. */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  return idx.reduce((acc, v, i) => acc + v * (strides[i] as number), 0);
}

/** NumPy broadcasting of two shapes, or undefined. */
export function broadcast(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** `fn` applied elementwise to `a` (shape `as`) and `b` (shape `bs`) with broadcasting. */
export function naiveBinary(
  a: readonly number[],
  as: readonly number[],
  b: readonly number[],
  bs: readonly number[],
  fn: (x: number, y: number) => number,
) {
  const shape = broadcast(as, bs) as number[];
  const out: number[] = [];
  for (let f = 0; f < sizeOf(shape); f++) {
    const idx = unravel(f, shape);
    const pick = (s: readonly number[]) => idx.slice(idx.length - s.length).map((v, i) => (s[i] === 1 ? 0 : v));
    out.push(fn(a[ravel(pick(as), as)] as number, b[ravel(pick(bs), bs)] as number));
  }
  return { shape, values: out };
}

/** `combine` folded over `axes` of `x` (shape `xs`) from `init`, axes kept as size 1 when `keepDims`. */
export function naiveReduce(
  x: readonly number[],
  xs: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
  init: number,
  combine: (acc: number, v: number) => number,
) {
  const kept = xs.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Array<number>(sizeOf(kept)).fill(init);
  for (let f = 0; f < x.length; f++) {
    const idx = unravel(f, xs).map((v, i) => (axes.includes(i) ? 0 : v));
    const o = ravel(idx, kept);
    out[o] = combine(out[o] as number, x[f] as number);
  }
  return { shape: keepDims ? kept : xs.filter((_, i) => !axes.includes(i)), values: out };
}

/** Elements of `x` (shape `xs`) at `begin + i·step` for an output of `size`. */
export function naiveStridedSlice(
  x: readonly number[],
  xs: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  step: readonly number[],
) {
  const out: number[] = [];
  for (let f = 0; f < sizeOf(size); f++) {
    const idx = unravel(f, size).map((v, i) => (begin[i] as number) + v * (step[i] as number));
    out.push(x[ravel(idx, xs)] as number);
  }
  return out;
}

/** A shape of rank 0–`maxRank` with dims in [minDim, maxDim]. */
export function shapeArb(maxRank = 4, minDim = 1, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), { minLength: 0, maxLength: maxRank });
}

/** Two shapes that broadcast together: an output shape, each operand drops leading dims or sets some to 1. */
export function broadcastPairArb(): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(4, 0, 3).chain((out) => {
    const operand = fc
      .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
      .map(([drop, ones]) => out.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
    return fc.tuple(operand, operand);
  });
}

/** Integer-valued data (exact in every dtype) for a shape. */
export function dataArb(shape: readonly number[], min = -9, max = 9): fc.Arbitrary<number[]> {
  const n = sizeOf(shape);
  return fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n });
}
