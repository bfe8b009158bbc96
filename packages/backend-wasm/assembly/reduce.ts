// Reductions of float32 over the middle axis of [outer, red, inner] (trailing axes: inner = 1;
// leading axes: outer = 1). Sums accumulate in float64 (f32x4 promoted to two f64x2), so they
// agree with the compensated float64 reference to float32 rounding; max/min propagate NaN.

/** Sum of each contiguous row of `n` floats into out[r]. */
function sumRows(x: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let p = x + (<usize>r * <usize>n << 2);
    const vecEnd = p + (<usize>(n & ~3) << 2);
    const end = p + (<usize>n << 2);
    for (; p < vecEnd; p += 16) {
      const v = v128.load(p);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<u32>(v, v, 2, 3, 0, 1)));
    }
    const s = f64x2.add(s0, s1);
    let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; p < end; p += 4) t += <f64>load<f32>(p);
    store<f32>(out + (<usize>r << 2), <f32>t);
  }
}

/** Sums over the middle axis, `inner` lanes at a time; `acc` is scratch of `inner` float64s. */
function sumMiddle(x: usize, out: usize, outer: i32, red: i32, inner: i32, acc: usize): void {
  const vecInner = inner & ~3;
  for (let o = 0; o < outer; o++) {
    memory.fill(acc, 0, <usize>inner << 3);
    let p = x + (<usize>o * <usize>red * <usize>inner << 2);
    for (let r = 0; r < red; r++) {
      let j = 0;
      for (; j < vecInner; j += 4) {
        const v = v128.load(p + (<usize>j << 2));
        const a = acc + (<usize>j << 3);
        v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
        v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<u32>(v, v, 2, 3, 0, 1))), 16);
      }
      for (; j < inner; j++) {
        const a = acc + (<usize>j << 3);
        store<f64>(a, load<f64>(a) + <f64>load<f32>(p + (<usize>j << 2)));
      }
      p += <usize>inner << 2;
    }
    const dst = out + (<usize>o * <usize>inner << 2);
    for (let j = 0; j < inner; j++) store<f32>(dst + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
  }
}

@final class Max { @inline v(a: v128, b: v128): v128 { return f32x4.max(a, b); } }
@final class Min { @inline v(a: v128, b: v128): v128 { return f32x4.min(a, b); } }

// @ts-expect-error: decorator
@inline
function extremeRows<Op>(x: usize, out: usize, rows: i32, n: i32): void {
  const op = changetype<Op>(0);
  for (let r = 0; r < rows; r++) {
    let p = x + (<usize>r * <usize>n << 2);
    const vecEnd = p + (<usize>(n & ~3) << 2);
    const end = p + (<usize>n << 2);
    let m = v128.load32_splat(p);
    for (; p < vecEnd; p += 16) m = op.v(m, v128.load(p));
    for (; p < end; p += 4) m = op.v(m, v128.load32_splat(p));
    m = op.v(m, v128.shuffle<u32>(m, m, 2, 3, 0, 1));
    m = op.v(m, v128.shuffle<u32>(m, m, 1, 0, 3, 2));
    v128.store32_lane(out + (<usize>r << 2), m, 0);
  }
}

// @ts-expect-error: decorator
@inline
function extremeMiddle<Op>(x: usize, out: usize, outer: i32, red: i32, inner: i32): void {
  const op = changetype<Op>(0);
  const rowBytes = <usize>inner << 2;
  const vecBytes = <usize>(inner & ~3) << 2;
  for (let o = 0; o < outer; o++) {
    const src = x + <usize>o * <usize>red * rowBytes;
    const dst = out + <usize>o * rowBytes;
    memory.copy(dst, src, rowBytes);
    for (let r = 1; r < red; r++) {
      const p = src + <usize>r * rowBytes;
      let j: usize = 0;
      for (; j < vecBytes; j += 16) v128.store(dst + j, op.v(v128.load(dst + j), v128.load(p + j)));
      for (; j < rowBytes; j += 4) v128.store32_lane(dst + j, op.v(v128.load32_zero(dst + j), v128.load32_zero(p + j)), 0);
    }
  }
}

/**
 * Reduces [outer, red, inner] float32 over the middle axis into [outer, inner]. Op codes:
 * 0 sum, 1 max, 2 min. `acc` is scratch of `inner` float64s (sum with inner > 1 only); max
 * and min need red ≥ 1.
 */
export function reduceF32(op: i32, x: usize, out: usize, outer: i32, red: i32, inner: i32, acc: usize): void {
  if (op == 0) {
    if (inner == 1) sumRows(x, out, outer, red);
    else sumMiddle(x, out, outer, red, inner, acc);
  } else if (op == 1) {
    if (inner == 1) extremeRows<Max>(x, out, outer, red);
    else extremeMiddle<Max>(x, out, outer, red, inner);
  } else if (op == 2) {
    if (inner == 1) extremeRows<Min>(x, out, outer, red);
    else extremeMiddle<Min>(x, out, outer, red, inner);
  } else unreachable();
}
