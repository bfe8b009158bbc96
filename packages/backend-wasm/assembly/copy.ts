// Data movement for Transpose, BroadcastTo, StridedSlice and Concat: a strided gather into a
// contiguous output, and a copy of rows between two strides. Elements are moved as 1, 2, 4 or
// 8 raw bytes, so every dtype (float16 bits included) copies exactly.

// @ts-ignore: decorator
@inline
function moveRun(width: i32, src: usize, step: isize, dst: usize, n: i32): void {
  // A contiguous run is one memory.copy; a broadcast or strided one moves element by element.
  if (step == <isize>width) {
    memory.copy(dst, src, <usize>n * <usize>width);
    return;
  }
  switch (width) {
    case 1: for (let j = 0; j < n; j++, src += step) store<u8>(dst + <usize>j, load<u8>(src)); break;
    case 2: for (let j = 0; j < n; j++, src += step) store<u16>(dst + (<usize>j << 1), load<u16>(src)); break;
    case 4: for (let j = 0; j < n; j++, src += step) store<u32>(dst + (<usize>j << 2), load<u32>(src)); break;
    default: for (let j = 0; j < n; j++, src += step) store<u64>(dst + (<usize>j << 3), load<u64>(src)); break;
  }
}

/**
 * dst (contiguous, row-major over `shape`) = src read at Σ index[i]·strides[i] elements, for
 * `rank` ≥ 1 axes. `shape` and `strides` point at i32 arrays; strides may be 0 or negative.
 * `counter` is scratch of `rank` i32s.
 */
export function gatherStrided(width: i32, src: usize, dst: usize, rank: i32, shape: usize, strides: usize, counter: usize): void {
  const last = rank - 1;
  const n = load<i32>(shape + (<usize>last << 2));
  const step = <isize>load<i32>(strides + (<usize>last << 2)) * <isize>width;
  let outer: i32 = 1;
  for (let a = 0; a < last; a++) {
    outer *= load<i32>(shape + (<usize>a << 2));
    store<i32>(counter + (<usize>a << 2), 0);
  }
  if (n == 0 || outer == 0) return;
  const rowBytes = <usize>n * <usize>width;
  let p = src;
  for (let r = 0; r < outer; r++) {
    moveRun(width, p, step, dst, n);
    dst += rowBytes;
    // Odometer over the outer axes, moving p by each axis' stride.
    for (let a = last - 1; a >= 0; a--) {
      const ca = counter + (<usize>a << 2);
      const s = <isize>load<i32>(strides + (<usize>a << 2)) * <isize>width;
      const c = load<i32>(ca) + 1;
      if (c < load<i32>(shape + (<usize>a << 2))) {
        store<i32>(ca, c);
        p += s;
        break;
      }
      store<i32>(ca, 0);
      p -= <isize>(c - 1) * s;
    }
  }
}

/** Copies `rows` runs of `rowBytes` bytes from src (every srcStride bytes) to dst (every dstStride bytes). */
export function copyRows(src: usize, srcStride: usize, dst: usize, dstStride: usize, rows: i32, rowBytes: usize): void {
  for (let r = 0; r < rows; r++, src += srcStride, dst += dstStride) memory.copy(dst, src, rowBytes);
}

/**
 * Gather along the middle axis of x [outer, axisSize, inner]: out [outer, n, inner] takes, for
 * each of the `n` int32 indices (already checked and non-negative), that run of `inner` elements.
 */
export function gatherRows(width: i32, x: usize, outer: i32, axisSize: i32, inner: i32, indices: usize, n: i32, out: usize): void {
  const run = <usize>inner * <usize>width;
  for (let b = 0; b < outer; b++) {
    const base = x + <usize>b * <usize>axisSize * run;
    for (let i = 0; i < n; i++, out += run) memory.copy(out, base + <usize>load<i32>(indices + (<usize>i << 2)) * run, run);
  }
}

// @ts-ignore: decorator
@inline
function scatterRun(width: i32, src: usize, dst: usize, step: isize, n: i32): void {
  if (step == <isize>width) {
    memory.copy(dst, src, <usize>n * <usize>width);
    return;
  }
  switch (width) {
    case 1: for (let j = 0; j < n; j++, dst += step) store<u8>(dst, load<u8>(src + <usize>j)); break;
    case 2: for (let j = 0; j < n; j++, dst += step) store<u16>(dst, load<u16>(src + (<usize>j << 1))); break;
    case 4: for (let j = 0; j < n; j++, dst += step) store<u32>(dst, load<u32>(src + (<usize>j << 2))); break;
    default: for (let j = 0; j < n; j++, dst += step) store<u64>(dst, load<u64>(src + (<usize>j << 3))); break;
  }
}

/**
 * The inverse of {@link gatherStrided}: src (contiguous over `shape`) is written to dst at
 * Σ index[i]·strides[i] elements. Strides must not map two indices to one element.
 */
export function scatterStrided(width: i32, src: usize, dst: usize, rank: i32, shape: usize, strides: usize, counter: usize): void {
  const last = rank - 1;
  const n = load<i32>(shape + (<usize>last << 2));
  const step = <isize>load<i32>(strides + (<usize>last << 2)) * <isize>width;
  let outer: i32 = 1;
  for (let a = 0; a < last; a++) {
    outer *= load<i32>(shape + (<usize>a << 2));
    store<i32>(counter + (<usize>a << 2), 0);
  }
  if (n == 0 || outer == 0) return;
  const rowBytes = <usize>n * <usize>width;
  let p = dst;
  for (let r = 0; r < outer; r++) {
    scatterRun(width, src, p, step, n);
    src += rowBytes;
    for (let a = last - 1; a >= 0; a--) {
      const ca = counter + (<usize>a << 2);
      const s = <isize>load<i32>(strides + (<usize>a << 2)) * <isize>width;
      const c = load<i32>(ca) + 1;
      if (c < load<i32>(shape + (<usize>a << 2))) {
        store<i32>(ca, c);
        p += s;
        break;
      }
      store<i32>(ca, 0);
      p -= <isize>(c - 1) * s;
    }
  }
}

/**
 * ScatterAdd's accumulation: out [outer, axisSize, inner] (already a copy of x) gets each
 * [inner] run of updates [outer, n, inner] added at its (checked, non-negative) index, in order,
 * as float32 (`int` = 0) or wrapping int32 (`int` = 1) lanes.
 */
export function scatterAdd32(int: i32, out: usize, outer: i32, axisSize: i32, inner: i32, indices: usize, n: i32, updates: usize): void {
  const run = <usize>inner << 2;
  const vecRun = <usize>(inner & ~3) << 2;
  for (let b = 0; b < outer; b++) {
    const base = out + <usize>b * <usize>axisSize * run;
    for (let i = 0; i < n; i++, updates += run) {
      const row = base + <usize>load<i32>(indices + (<usize>i << 2)) * run;
      let j: usize = 0;
      if (int == 0) {
        for (; j < vecRun; j += 16) v128.store(row + j, f32x4.add(v128.load(row + j), v128.load(updates + j)));
        for (; j < run; j += 4) store<f32>(row + j, load<f32>(row + j) + load<f32>(updates + j));
      } else {
        for (; j < vecRun; j += 16) v128.store(row + j, i32x4.add(v128.load(row + j), v128.load(updates + j)));
        for (; j < run; j += 4) store<i32>(row + j, load<i32>(row + j) + load<i32>(updates + j));
      }
    }
  }
}
