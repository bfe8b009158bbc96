// a·b + c on f32x4: one fused relaxed-SIMD instruction when the module is built with relaxed
// SIMD (the `kernels-relaxed.wasm` variant), else a multiply and an add.

// @ts-expect-error: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
