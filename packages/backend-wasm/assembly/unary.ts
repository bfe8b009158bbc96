import { expV, logV, sigmoidV, tanhV } from './transcendental';

// Elementwise unary ops on contiguous data, one SIMD op per four elements, branch-free. The
// tail runs the same vector op on lane 0, so every element sees exactly the same arithmetic.

@final class NegF32 { @inline v(x: v128): v128 { return f32x4.neg(x); } }
@final class AbsF32 { @inline v(x: v128): v128 { return f32x4.abs(x); } }
@final class SqrtF32 { @inline v(x: v128): v128 { return f32x4.sqrt(x); } }
@final class SquareF32 { @inline v(x: v128): v128 { return f32x4.mul(x, x); } }
// max(-0, +0) is +0 and max(NaN, 0) is NaN in WebAssembly, as the reference's relu wants.
@final class ReluF32 { @inline v(x: v128): v128 { return f32x4.max(x, f32x4.splat(0)); } }
@final class ReciprocalF32 { @inline v(x: v128): v128 { return f32x4.div(f32x4.splat(1), x); } }
@final class FloorF32 { @inline v(x: v128): v128 { return f32x4.floor(x); } }
@final class CeilF32 { @inline v(x: v128): v128 { return f32x4.ceil(x); } }
// `nearest` rounds half to even, as NumPy's round does.
@final class RoundF32 { @inline v(x: v128): v128 { return f32x4.nearest(x); } }
// 1 where x > 0, −1 where x < 0, x itself for ±0 and NaN.
@final class SignF32 {
  @inline v(x: v128): v128 {
    const z = f32x4.splat(0);
    const pos = v128.bitselect(f32x4.splat(1), x, f32x4.gt(x, z));
    return v128.bitselect(f32x4.splat(-1), pos, f32x4.lt(x, z));
  }
}
@final class ExpF32 { @inline v(x: v128): v128 { return expV(x); } }
@final class LogF32 { @inline v(x: v128): v128 { return logV(x); } }
@final class TanhF32 { @inline v(x: v128): v128 { return tanhV(x); } }
@final class SigmoidF32 { @inline v(x: v128): v128 { return sigmoidV(x); } }
// Two float32 roundings (sqrt, then divide): within 1 ulp of the float64 reference.
@final class RsqrtF32 { @inline v(x: v128): v128 { return f32x4.div(f32x4.splat(1), f32x4.sqrt(x)); } }
@final class SignI32 {
  @inline v(x: v128): v128 {
    // (x > 0) − (x < 0): the masks are −1 or 0.
    const z = i32x4.splat(0);
    return i32x4.sub(i32x4.lt_s(x, z), i32x4.gt_s(x, z));
  }
}
@final class NegI32 { @inline v(x: v128): v128 { return i32x4.neg(x); } }
@final class AbsI32 { @inline v(x: v128): v128 { return i32x4.abs(x); } }
@final class SquareI32 { @inline v(x: v128): v128 { return i32x4.mul(x, x); } }
@final class ReluI32 { @inline v(x: v128): v128 { return i32x4.max_s(x, i32x4.splat(0)); } }

// @ts-expect-error: decorator
@inline
function map32<Op>(x: usize, o: usize, n: i32): void {
  const op = changetype<Op>(0);
  const end = o + (<usize>n << 2);
  const vecEnd = o + (<usize>(n & ~3) << 2);
  for (; o < vecEnd; o += 16, x += 16) v128.store(o, op.v(v128.load(x)));
  for (; o < end; o += 4, x += 4) v128.store32_lane(o, op.v(v128.load32_zero(x)), 0);
}

/**
 * float32 op codes: 0 neg, 1 abs, 2 sqrt, 3 square, 4 relu, 5 reciprocal, 6 floor, 7 ceil,
 * 8 round, 9 sign, 10 exp, 11 log, 12 tanh, 13 sigmoid, 14 rsqrt.
 */
export function unaryF32(op: i32, x: usize, o: usize, n: i32): void {
  switch (op) {
    case 0: map32<NegF32>(x, o, n); break;
    case 1: map32<AbsF32>(x, o, n); break;
    case 2: map32<SqrtF32>(x, o, n); break;
    case 3: map32<SquareF32>(x, o, n); break;
    case 4: map32<ReluF32>(x, o, n); break;
    case 5: map32<ReciprocalF32>(x, o, n); break;
    case 6: map32<FloorF32>(x, o, n); break;
    case 7: map32<CeilF32>(x, o, n); break;
    case 8: map32<RoundF32>(x, o, n); break;
    case 9: map32<SignF32>(x, o, n); break;
    case 10: map32<ExpF32>(x, o, n); break;
    case 11: map32<LogF32>(x, o, n); break;
    case 12: map32<TanhF32>(x, o, n); break;
    case 13: map32<SigmoidF32>(x, o, n); break;
    case 14: map32<RsqrtF32>(x, o, n); break;
    default: unreachable();
  }
}

/** int32 op codes (wrapping): 0 neg, 1 abs, 3 square, 4 relu, 9 sign. */
export function unaryI32(op: i32, x: usize, o: usize, n: i32): void {
  switch (op) {
    case 0: map32<NegI32>(x, o, n); break;
    case 1: map32<AbsI32>(x, o, n); break;
    case 3: map32<SquareI32>(x, o, n); break;
    case 4: map32<ReluI32>(x, o, n); break;
    case 9: map32<SignI32>(x, o, n); break;
    default: unreachable();
  }
}
