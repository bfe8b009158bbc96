import { binaryF32, binaryI32, binaryU8 } from './binary';
import { compare32, where32 } from './select';

// Any broadcast of Binary, comparisons and Where: the output is outer blocks × rows × inner,
// each block one call of the SIMD row loops (binary.ts, select.ts) on moved input pointers, and
// the blocks are walked by an odometer over the outer dimensions, so a broadcast such as
// [b, h, s, s] with [b, 1, 1, s] runs as b blocks of a row broadcast, never element by element.

/**
 * kind 0: binaryF32, 1: binaryI32, 2: binaryU8, 3: compare32 on float32, 4: compare32 on int32,
 * 5: where32 (x0 the bool condition). `dims` holds, per outer dimension (outermost first), four
 * int32: its size and the three inputs' element strides along it; `counter` is scratch of `nd`
 * int32. Each input is walked within a block as in binaryF32 (row stride, vec 0 or 1).
 */
export function broadcastBlocks(
  kind: i32,
  op: i32,
  nd: i32,
  dims: usize,
  counter: usize,
  x0: usize,
  row0: i32,
  vec0: i32,
  x1: usize,
  row1: i32,
  vec1: i32,
  x2: usize,
  row2: i32,
  vec2: i32,
  o: usize,
  rows: i32,
  inner: i32,
): void {
  // Bytes per element of each input and of the output.
  const w0: usize = kind == 2 || kind == 5 ? 1 : 4;
  const w1: usize = kind == 2 ? 1 : 4;
  const w2: usize = 4;
  const wo: usize = kind == 2 || kind == 3 || kind == 4 ? 1 : 4;
  const block: usize = <usize>rows * <usize>inner * wo;
  let blocks = 1;
  for (let k = 0; k < nd; k++) {
    blocks *= load<i32>(dims + (<usize>k << 4));
    store<i32>(counter + (<usize>k << 2), 0);
  }
  for (let n = 0; n < blocks; n++) {
    switch (kind) {
      case 0: binaryF32(op, x0, row0, vec0, x1, row1, vec1, o, rows, inner); break;
      case 1: binaryI32(op, x0, row0, vec0, x1, row1, vec1, o, rows, inner); break;
      case 2: binaryU8(op, x0, row0, vec0, x1, row1, vec1, o, rows, inner); break;
      case 3: compare32(0, op, x0, row0, vec0, x1, row1, vec1, o, rows, inner); break;
      case 4: compare32(1, op, x0, row0, vec0, x1, row1, vec1, o, rows, inner); break;
      case 5: where32(x0, row0, vec0, x1, row1, vec1, x2, row2, vec2, o, rows, inner); break;
      default: unreachable();
    }
    o += block;
    // Step the odometer: the innermost outer dimension first; a wrapped one rewinds its strides.
    for (let k = nd - 1; k >= 0; k--) {
      const d = dims + (<usize>k << 4);
      const c = counter + (<usize>k << 2);
      const size = load<i32>(d);
      // Broadcast strides are never negative.
      const s0 = <usize>load<i32>(d, 4) * w0;
      const s1 = <usize>load<i32>(d, 8) * w1;
      const s2 = <usize>load<i32>(d, 12) * w2;
      const next = load<i32>(c) + 1;
      if (next < size) {
        store<i32>(c, next);
        x0 += s0;
        x1 += s1;
        x2 += s2;
        break;
      }
      store<i32>(c, 0);
      const back = <usize>(size - 1);
      x0 -= s0 * back;
      x1 -= s1 * back;
      x2 -= s2 * back;
    }
  }
}
