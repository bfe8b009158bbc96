// Elementwise binary ops over rows: out is rows×inner, contiguous. Each input is read at
// x + (r·xRow + i·xVec)·size, so xVec = 1 walks a row and xVec = 0 repeats one element: same
// shape, scalar, row (bias) and column broadcasts are all one loop with the splat hoisted out.
// Inner loops are branch-free: one SIMD op per vector, the tail reuses the same op on lane 0.

@final class AddF32 { @inline v(a: v128, b: v128): v128 { return f32x4.add(a, b); } }
@final class SubF32 { @inline v(a: v128, b: v128): v128 { return f32x4.sub(a, b); } }
@final class MulF32 { @inline v(a: v128, b: v128): v128 { return f32x4.mul(a, b); } }
@final class DivF32 { @inline v(a: v128, b: v128): v128 { return f32x4.div(a, b); } }
@final class MaxF32 { @inline v(a: v128, b: v128): v128 { return f32x4.max(a, b); } }
@final class MinF32 { @inline v(a: v128, b: v128): v128 { return f32x4.min(a, b); } }
@final class AddI32 { @inline v(a: v128, b: v128): v128 { return i32x4.add(a, b); } }
@final class SubI32 { @inline v(a: v128, b: v128): v128 { return i32x4.sub(a, b); } }
@final class MulI32 { @inline v(a: v128, b: v128): v128 { return i32x4.mul(a, b); } }
@final class MaxI32 { @inline v(a: v128, b: v128): v128 { return i32x4.max_s(a, b); } }
@final class MinI32 { @inline v(a: v128, b: v128): v128 { return i32x4.min_s(a, b); } }
@final class AndU8 { @inline v(a: v128, b: v128): v128 { return v128.and(a, b); } }
@final class OrU8 { @inline v(a: v128, b: v128): v128 { return v128.or(a, b); } }
@final class XorU8 { @inline v(a: v128, b: v128): v128 { return v128.xor(a, b); } }

// @ts-expect-error: decorator
@inline
function row32<Op>(a: usize, av: bool, b: usize, bv: bool, o: usize, n: i32): void {
  const op = changetype<Op>(0);
  const end = o + (<usize>n << 2);
  const vecEnd = o + (<usize>(n & ~3) << 2);
  if (av && bv) {
    for (; o < vecEnd; o += 16, a += 16, b += 16) v128.store(o, op.v(v128.load(a), v128.load(b)));
    for (; o < end; o += 4, a += 4, b += 4) v128.store32_lane(o, op.v(v128.load32_zero(a), v128.load32_zero(b)), 0);
  } else if (av) {
    const s = v128.load32_splat(b);
    for (; o < vecEnd; o += 16, a += 16) v128.store(o, op.v(v128.load(a), s));
    for (; o < end; o += 4, a += 4) v128.store32_lane(o, op.v(v128.load32_zero(a), s), 0);
  } else {
    const s = v128.load32_splat(a);
    const r = bv ? s : op.v(s, v128.load32_splat(b));
    if (bv) {
      for (; o < vecEnd; o += 16, b += 16) v128.store(o, op.v(r, v128.load(b)));
      for (; o < end; o += 4, b += 4) v128.store32_lane(o, op.v(r, v128.load32_zero(b)), 0);
    } else {
      for (; o < vecEnd; o += 16) v128.store(o, r);
      for (; o < end; o += 4) v128.store32_lane(o, r, 0);
    }
  }
}

// @ts-expect-error: decorator
@inline
function row8<Op>(a: usize, av: bool, b: usize, bv: bool, o: usize, n: i32): void {
  // A repeated input is a splat selected by a lane mask and a zero step, so the loop body
  // has no branch; its 16-byte load stays inside the allocation (blocks are ≥ 64 bytes).
  const op = changetype<Op>(0);
  const end = o + <usize>n;
  const vecEnd = o + <usize>(n & ~15);
  const sa = v128.load8_splat(a);
  const sb = v128.load8_splat(b);
  const ma = i8x16.splat(av ? -1 : 0);
  const mb = i8x16.splat(bv ? -1 : 0);
  const stepA: usize = av ? 16 : 0;
  const stepB: usize = bv ? 16 : 0;
  for (; o < vecEnd; o += 16, a += stepA, b += stepB) {
    v128.store(o, op.v(v128.bitselect(v128.load(a), sa, ma), v128.bitselect(v128.load(b), sb, mb)));
  }
  const stepA1: usize = av ? 1 : 0;
  const stepB1: usize = bv ? 1 : 0;
  for (; o < end; o++, a += stepA1, b += stepB1) v128.store8_lane(o, op.v(v128.load8_splat(a), v128.load8_splat(b)), 0);
}

// @ts-expect-error: decorator
@inline
function rows32<Op>(a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  for (let r = 0; r < rows; r++) {
    row32<Op>(a + (<usize>r * <usize>aRow << 2), aVec != 0, b + (<usize>r * <usize>bRow << 2), bVec != 0, o + (<usize>r * <usize>inner << 2), inner);
  }
}

// @ts-expect-error: decorator
@inline
function rows8<Op>(a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  for (let r = 0; r < rows; r++) {
    row8<Op>(a + <usize>r * <usize>aRow, aVec != 0, b + <usize>r * <usize>bRow, bVec != 0, o + <usize>r * <usize>inner, inner);
  }
}

/** float32 op codes: 0 add, 1 sub, 2 mul, 3 div, 4 maximum, 5 minimum. */
export function binaryF32(op: i32, a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  switch (op) {
    case 0: rows32<AddF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 1: rows32<SubF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 2: rows32<MulF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 3: rows32<DivF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 4: rows32<MaxF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 5: rows32<MinF32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    default: unreachable();
  }
}

/** int32 op codes (wrapping): 0 add, 1 sub, 2 mul, 4 maximum, 5 minimum. */
export function binaryI32(op: i32, a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  switch (op) {
    case 0: rows32<AddI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 1: rows32<SubI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 2: rows32<MulI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 4: rows32<MaxI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 5: rows32<MinI32>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    default: unreachable();
  }
}

/** bool (0/1 bytes) op codes: 0 and, 1 or, 2 xor. */
export function binaryU8(op: i32, a: usize, aRow: i32, aVec: i32, b: usize, bRow: i32, bVec: i32, o: usize, rows: i32, inner: i32): void {
  switch (op) {
    case 0: rows8<AndU8>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 1: rows8<OrU8>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    case 2: rows8<XorU8>(a, aRow, aVec, b, bRow, bVec, o, rows, inner); break;
    default: unreachable();
  }
}
