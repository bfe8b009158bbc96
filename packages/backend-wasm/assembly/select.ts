// Comparisons (float32 / int32 → bool bytes) and Where (bool ? a : b for 4-byte dtypes) over
// rows, with the same walks as binary.ts. An input repeated along the row is first splatted into
// a static 64-byte buffer and walked with step 0, so every inner loop is a straight run of
// vector loads and stores with no per-element branch and no read past any tensor.

const SPLAT_A: usize = memory.data(64, 16);
const SPLAT_B: usize = memory.data(64, 16);
const SPLAT_C: usize = memory.data(64, 16);

@final class EqF32 { @inline v(a: v128, b: v128): v128 { return f32x4.eq(a, b); } }
@final class NeF32 { @inline v(a: v128, b: v128): v128 { return f32x4.ne(a, b); } }
@final class LtF32 { @inline v(a: v128, b: v128): v128 { return f32x4.lt(a, b); } }
@final class LeF32 { @inline v(a: v128, b: v128): v128 { return f32x4.le(a, b); } }
@final class GtF32 { @inline v(a: v128, b: v128): v128 { return f32x4.gt(a, b); } }
@final class GeF32 { @inline v(a: v128, b: v128): v128 { return f32x4.ge(a, b); } }
@final class EqI32 { @inline v(a: v128, b: v128): v128 { return i32x4.eq(a, b); } }
@final class NeI32 { @inline v(a: v128, b: v128): v128 { return i32x4.ne(a, b); } }
@final class LtI32 { @inline v(a: v128, b: v128): v128 { return i32x4.lt_s(a, b); } }
@final class LeI32 { @inline v(a: v128, b: v128): v128 { return i32x4.le_s(a, b); } }
@final class GtI32 { @inline v(a: v128, b: v128): v128 { return i32x4.gt_s(a, b); } }
@final class GeI32 { @inline v(a: v128, b: v128): v128 { return i32x4.ge_s(a, b); } }

/** Fills a splat buffer with the 4-byte element at `src`. */
@inline
function splat32(buf: usize, src: usize): void {
  const s = v128.load32_splat(src);
  v128.store(buf, s);
  v128.store(buf, s, 16);
  v128.store(buf, s, 32);
  v128.store(buf, s, 48);
}

/** Where the row of an input starts, and how far its pointer moves per element (0 or size). */
@inline
function rowStart32(x: usize, row: i32, vec: i32, r: i32, buf: usize): usize {
  const p = x + (<usize>r * <usize>row << 2);
  if (vec != 0) return p;
  splat32(buf, p);
  return buf;
}

// @ts-ignore: decorator
@inline
function compareRow<Op>(a: usize, stepA: usize, b: usize, stepB: usize, o: usize, n: i32): void {
  const op = changetype<Op>(0);
  const one = i8x16.splat(1);
  const end = o + <usize>n;
  const vecEnd = o + <usize>(n & ~15);
  // Sixteen elements per iteration: 64 bytes of a vector input, 0 of a splatted one.
  const sa = stepA << 4;
  const sb = stepB << 4;
  for (; o < vecEnd; o += 16, a += sa, b += sb) {
    const m0 = op.v(v128.load(a), v128.load(b));
    const m1 = op.v(v128.load(a, 16), v128.load(b, 16));
    const m2 = op.v(v128.load(a, 32), v128.load(b, 32));
    const m3 = op.v(v128.load(a, 48), v128.load(b, 48));
    const m = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(o, v128.and(m, one));
  }
  for (; o < end; o++, a += stepA, b += stepB) {
    v128.store8_lane(o, v128.and(op.v(v128.load32_splat(a), v128.load32_splat(b)), one), 0);
  }
}

// @ts-ignore: decorator
@inline
function compareRows<Op>(a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  const stepA: usize = aVec != 0 ? 4 : 0;
  const stepB: usize = bVec != 0 ? 4 : 0;
  for (let r = 0; r < rows; r++) {
    const pa = rowStart32(a, aRow, aVec, r, SPLAT_A);
    const pb = rowStart32(b, bRow, bVec, r, SPLAT_B);
    compareRow<Op>(pa, stepA, pb, stepB, o + <usize>r * <usize>inner, inner);
  }
}

/** Op codes: 0 equal, 1 notEqual, 2 less, 3 lessEqual, 4 greater, 5 greaterEqual; `int` selects int32. */
export function compare32(int: i32, op: i32, a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  if (int == 0) {
    switch (op) {
      case 0: compareRows<EqF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 1: compareRows<NeF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 2: compareRows<LtF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 3: compareRows<LeF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 4: compareRows<GtF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 5: compareRows<GeF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      default: unreachable();
    }
  } else {
    switch (op) {
      case 0: compareRows<EqI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 1: compareRows<NeI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 2: compareRows<LtI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 3: compareRows<LeI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 4: compareRows<GtI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      case 5: compareRows<GeI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
      default: unreachable();
    }
  }
}

/**
 * out = cond ? a : b on 4-byte elements (float32, int32); cond is bool bytes. Each input walks
 * rows × inner as in {@link compare32}.
 */
export function where32(
  c: usize,
  cRow: i32,
  cVec: i32,
  a: usize,
  aRow: i32,
  aVec: i32,
  b: usize,
  bRow: i32,
  bVec: i32,
  o: usize,
  rows: i32,
  inner: i32,
): void {
  const zero = i32x4.splat(0);
  const stepC: usize = cVec != 0 ? 1 : 0;
  const stepA: usize = aVec != 0 ? 4 : 0;
  const stepB: usize = bVec != 0 ? 4 : 0;
  for (let r = 0; r < rows; r++) {
    let pc = c + <usize>r * <usize>cRow;
    if (cVec == 0) {
      v128.store(SPLAT_C, v128.load8_splat(pc));
      pc = SPLAT_C;
    }
    let pa = rowStart32(a, aRow, aVec, r, SPLAT_A);
    let pb = rowStart32(b, bRow, bVec, r, SPLAT_B);
    let po = o + (<usize>r * <usize>inner << 2);
    const end = po + (<usize>inner << 2);
    const vecEnd = po + (<usize>(inner & ~3) << 2);
    const sc = stepC << 2;
    const sa = stepA << 2;
    const sb = stepB << 2;
    for (; po < vecEnd; po += 16, pc += sc, pa += sa, pb += sb) {
      const bytes = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(pc)));
      v128.store(po, v128.bitselect(v128.load(pa), v128.load(pb), i32x4.ne(bytes, zero)));
    }
    for (; po < end; po += 4, pc += stepC, pa += stepA, pb += stepB) {
      const mask = i32x4.ne(i32x4.splat(<i32>load<u8>(pc)), zero);
      v128.store32_lane(po, v128.bitselect(v128.load32_splat(pa), v128.load32_splat(pb), mask), 0);
    }
  }
}
