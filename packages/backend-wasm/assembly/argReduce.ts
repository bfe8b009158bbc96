// argmax / argmin of float32 over the middle axis of [outer, red, inner], into int32, with the
// reference's rules: the first extreme wins ties, and the first NaN counts as the extreme.
// Over a middle axis the lanes are the inner positions; over a trailing axis each lane keeps the
// best of every fourth element and the four are merged at the end (lower index on ties).

// @ts-ignore: decorator
@inline
function better(max: bool, v: v128, best: v128): v128 {
  const strictly = max ? f32x4.gt(v, best) : f32x4.lt(v, best);
  // A NaN replaces anything that is not NaN yet; once best is NaN nothing replaces it.
  const nanFirst = v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best));
  return v128.or(strictly, nanFirst);
}

// @ts-ignore: decorator
@inline
function betterScalar(max: bool, v: f32, at: i32, best: f32, bestAt: i32): bool {
  if (best != best) return v != v && at < bestAt;
  if (v != v) return true;
  if (v == best) return at < bestAt;
  return max ? v > best : v < best;
}

/** The four lanes of the best values and of their indices, for the final merge. */
const LANES: usize = memory.data(32, 16);

function argRows(max: bool, x: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>n << 2);
    let best: f32 = load<f32>(row);
    let bestAt: i32 = 0;
    let i = 0;
    if (n >= 8) {
      let bv = v128.load(row);
      let bi = i32x4(0, 1, 2, 3);
      let idx = i32x4(4, 5, 6, 7);
      const four = i32x4.splat(4);
      for (i = 4; i + 4 <= n; i += 4) {
        const v = v128.load(row + (<usize>i << 2));
        const m = better(max, v, bv);
        bv = v128.bitselect(v, bv, m);
        bi = v128.bitselect(idx, bi, m);
        idx = i32x4.add(idx, four);
      }
      v128.store(LANES, bv);
      v128.store(LANES, bi, 16);
      best = load<f32>(LANES);
      bestAt = load<i32>(LANES, 16);
      for (let l: usize = 1; l < 4; l++) {
        const v = load<f32>(LANES + (l << 2));
        const at = load<i32>(LANES + (l << 2), 16);
        if (betterScalar(max, v, at, best, bestAt)) {
          best = v;
          bestAt = at;
        }
      }
    }
    for (; i < n; i++) {
      const v = load<f32>(row + (<usize>i << 2));
      // Later elements only win by being strictly better (or the first NaN).
      if (best == best && (v != v || (max ? v > best : v < best))) {
        best = v;
        bestAt = i;
      }
    }
    store<i32>(out + (<usize>r << 2), bestAt);
  }
}

function argMiddle(max: bool, x: usize, out: usize, outer: i32, red: i32, inner: i32, best: usize): void {
  const rowBytes = <usize>inner << 2;
  const vecBytes = <usize>(inner & ~3) << 2;
  for (let o = 0; o < outer; o++) {
    const src = x + <usize>o * <usize>red * rowBytes;
    const dst = out + <usize>o * rowBytes;
    memory.copy(best, src, rowBytes);
    memory.fill(dst, 0, rowBytes);
    for (let r = 1; r < red; r++) {
      const p = src + <usize>r * rowBytes;
      const at = i32x4.splat(r);
      let j: usize = 0;
      for (; j < vecBytes; j += 16) {
        const v = v128.load(p + j);
        const m = better(max, v, v128.load(best + j));
        v128.store(best + j, v128.bitselect(v, v128.load(best + j), m));
        v128.store(dst + j, v128.bitselect(at, v128.load(dst + j), m));
      }
      for (; j < rowBytes; j += 4) {
        const m = better(max, v128.load32_splat(p + j), v128.load32_splat(best + j));
        v128.store32_lane(best + j, v128.bitselect(v128.load32_splat(p + j), v128.load32_splat(best + j), m), 0);
        v128.store32_lane(dst + j, v128.bitselect(at, v128.load32_splat(dst + j), m), 0);
      }
    }
  }
}

/**
 * Index along the middle axis of the max (`max` = 1) or min of float32 [outer, red ≥ 1, inner],
 * as int32 [outer, inner]. `best` is scratch of `inner` floats (inner > 1 only).
 */
export function argReduceF32(max: i32, x: usize, out: usize, outer: i32, red: i32, inner: i32, best: usize): void {
  if (inner == 1) argRows(max != 0, x, out, outer, red);
  else argMiddle(max != 0, x, out, outer, red, inner, best);
}
