// Tests of 4-byte elements that produce bool bytes (isNaN, isFinite, nonzero for casts to bool)
// and logicalNot on bool bytes: sixteen elements per iteration, lane masks narrowed to bytes.

@final class IsNaN { @inline v(x: v128): v128 { return f32x4.ne(x, x); } }
// |x| < ∞ is false for ±∞ and for NaN.
@final class IsFinite { @inline v(x: v128): v128 { return f32x4.lt(f32x4.abs(x), f32x4.splat(Infinity)); } }
// NaN is nonzero (true), −0 is zero, as the reference's cast to bool.
@final class NonzeroF32 { @inline v(x: v128): v128 { return f32x4.ne(x, f32x4.splat(0)); } }
@final class NonzeroI32 { @inline v(x: v128): v128 { return i32x4.ne(x, i32x4.splat(0)); } }

// @ts-ignore: decorator
@inline
function mask32<Op>(x: usize, o: usize, n: i32): void {
  const op = changetype<Op>(0);
  const one = i8x16.splat(1);
  const end = o + <usize>n;
  const vecEnd = o + <usize>(n & ~15);
  for (; o < vecEnd; o += 16, x += 64) {
    const a = i16x8.narrow_i32x4_s(op.v(v128.load(x)), op.v(v128.load(x, 16)));
    const b = i16x8.narrow_i32x4_s(op.v(v128.load(x, 32)), op.v(v128.load(x, 48)));
    v128.store(o, v128.and(i8x16.narrow_i16x8_s(a, b), one));
  }
  for (; o < end; o++, x += 4) v128.store8_lane(o, v128.and(op.v(v128.load32_splat(x)), one), 0);
}

/** Op codes: 0 isNaN, 1 isFinite, 2 float32 nonzero, 3 int32 nonzero. */
export function maskOf32(op: i32, x: usize, o: usize, n: i32): void {
  switch (op) {
    case 0: mask32<IsNaN>(x, o, n); break;
    case 1: mask32<IsFinite>(x, o, n); break;
    case 2: mask32<NonzeroF32>(x, o, n); break;
    case 3: mask32<NonzeroI32>(x, o, n); break;
    default: unreachable();
  }
}

/** logicalNot of bool bytes: 1 where the byte is 0, else 0. */
export function notU8(x: usize, o: usize, n: i32): void {
  const one = i8x16.splat(1);
  const zero = i8x16.splat(0);
  const end = o + <usize>n;
  const vecEnd = o + <usize>(n & ~15);
  for (; o < vecEnd; o += 16, x += 16) v128.store(o, v128.and(i8x16.eq(v128.load(x), zero), one));
  for (; o < end; o++, x++) store<u8>(o, <u8>(load<u8>(x) == 0));
}
