// Reductions of int32 (sum wrapping at 32 bits, max, min) and of bool bytes (any, all) over the
// middle axis of [outer, red, inner], as reduce.ts does for float32. Callers handle red = 0 for
// max and min (the reference decides what an empty max is).

@final class SumI32 { @inline v(a: v128, b: v128): v128 { return i32x4.add(a, b); } }
@final class MaxI32 { @inline v(a: v128, b: v128): v128 { return i32x4.max_s(a, b); } }
@final class MinI32 { @inline v(a: v128, b: v128): v128 { return i32x4.min_s(a, b); } }
@final class AnyU8 { @inline v(a: v128, b: v128): v128 { return v128.or(a, b); } }
@final class AllU8 { @inline v(a: v128, b: v128): v128 { return v128.and(a, b); } }

// @ts-ignore: decorator
@inline
function rowsI32<Op>(x: usize, out: usize, rows: i32, n: i32, init: v128, useFirst: bool): void {
  const op = changetype<Op>(0);
  for (let r = 0; r < rows; r++) {
    let p = x + (<usize>r * <usize>n << 2);
    const vecEnd = p + (<usize>(n & ~3) << 2);
    const end = p + (<usize>n << 2);
    let m = useFirst ? v128.load32_splat(p) : init;
    for (; p < vecEnd; p += 16) m = op.v(m, v128.load(p));
    // Tail lanes enter as the identity (sum) or as a splat that cannot change max/min.
    for (; p < end; p += 4) m = op.v(m, useFirst ? v128.load32_splat(p) : v128.load32_zero(p));
    m = op.v(m, v128.shuffle<u32>(m, m, 2, 3, 0, 1));
    m = op.v(m, v128.shuffle<u32>(m, m, 1, 0, 3, 2));
    v128.store32_lane(out + (<usize>r << 2), m, 0);
  }
}

// @ts-ignore: decorator
@inline
function middle<Op>(width: usize, x: usize, out: usize, outer: i32, red: i32, inner: i32, identity: u8): void {
  const op = changetype<Op>(0);
  const rowBytes = <usize>inner * width;
  const vecBytes = rowBytes & ~15;
  for (let o = 0; o < outer; o++) {
    const src = x + <usize>o * <usize>red * rowBytes;
    const dst = out + <usize>o * rowBytes;
    if (red == 0) {
      memory.fill(dst, identity, rowBytes);
      continue;
    }
    memory.copy(dst, src, rowBytes);
    for (let r = 1; r < red; r++) {
      const p = src + <usize>r * rowBytes;
      let j: usize = 0;
      for (; j < vecBytes; j += 16) v128.store(dst + j, op.v(v128.load(dst + j), v128.load(p + j)));
      if (width == 4) {
        for (; j < rowBytes; j += 4) v128.store32_lane(dst + j, op.v(v128.load32_zero(dst + j), v128.load32_zero(p + j)), 0);
      } else {
        for (; j < rowBytes; j++) v128.store8_lane(dst + j, op.v(v128.load8_splat(dst + j), v128.load8_splat(p + j)), 0);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function rowsU8<Op>(x: usize, out: usize, rows: i32, n: i32, identity: u8): void {
  const op = changetype<Op>(0);
  for (let r = 0; r < rows; r++) {
    let p = x + <usize>r * <usize>n;
    const vecEnd = p + <usize>(n & ~15);
    const end = p + <usize>n;
    let m = i8x16.splat(identity);
    for (; p < vecEnd; p += 16) m = op.v(m, v128.load(p));
    for (; p < end; p++) m = op.v(m, v128.load8_splat(p));
    // All lanes agree once folded: 0/1 bytes OR-ed (any) or AND-ed (all) across the vector.
    const set = identity == 0 ? v128.any_true(m) : i8x16.all_true(m);
    store<u8>(out + <usize>r, <u8>set);
  }
}

/** int32 op codes: 0 sum (wrapping), 1 max, 2 min; max and min need red ≥ 1. */
export function reduceI32(op: i32, x: usize, out: usize, outer: i32, red: i32, inner: i32): void {
  const zero = i32x4.splat(0);
  if (inner == 1) {
    if (op == 0) rowsI32<SumI32>(x, out, outer, red, zero, false);
    else if (op == 1) rowsI32<MaxI32>(x, out, outer, red, zero, true);
    else rowsI32<MinI32>(x, out, outer, red, zero, true);
  } else {
    if (op == 0) middle<SumI32>(4, x, out, outer, red, inner, 0);
    else if (op == 1) middle<MaxI32>(4, x, out, outer, red, inner, 0);
    else middle<MinI32>(4, x, out, outer, red, inner, 0);
  }
}

/** bool any (`all` = 0) or all (`all` = 1) of 0/1 bytes; over nothing, any is 0 and all is 1. */
export function reduceU8(all: i32, x: usize, out: usize, outer: i32, red: i32, inner: i32): void {
  if (inner == 1) {
    if (all == 0) rowsU8<AnyU8>(x, out, outer, red, 0);
    else rowsU8<AllU8>(x, out, outer, red, 1);
  } else {
    if (all == 0) middle<AnyU8>(1, x, out, outer, red, inner, 0);
    else middle<AllU8>(1, x, out, outer, red, inner, 1);
  }
}
