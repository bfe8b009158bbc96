/**
 * float16 on the wasm backend: stored as float16 (2 bytes, its bits), computed in float32. A
 * kernel given float16 inputs runs its float32 kernel on float32 copies made by the SIMD
 * conversion of assembly/half.ts, and its float32 result is rounded back to float16 (to nearest
 * even, as the CPU backend stores float16). The CPU backend computes float16 the same way — values
 * decoded to float32, the result rounded once to float16 — so results agree with it exactly where
 * the float32 kernels do. The conversions are linear in the data, small next to a MatMul or a
 * convolution; elementwise ops pay about three passes over memory instead of one.
 */
import type { DType } from '@mindts/tensor';
import { type CorePrimitiveName, type KernelFunc, type KernelTable, sizeOf, type TensorInfo } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/**
 * Elements from which a conversion splits over the backend's threads: the conversions are
 * compute-bound (about 0.5 ns an element to float16, 0.3 back, on the benchmark's VM), and a
 * hand-off to a spinning worker costs a few microseconds, so 2^17 elements (35–65 µs) repay it.
 */
export const PARALLEL_MIN_CONVERT = 1 << 17;

/**
 * Runs conversion `fn` over `n` elements from `src` (`srcBytes` each) to `dst` (`dstBytes` each),
 * split over the backend's threads when `n` is large enough (parts of whole 8-element vectors).
 */
function convert(
  backend: WasmBackend,
  fn: 'f16ToF32' | 'f32ToF16',
  src: number,
  dst: number,
  n: number,
  srcBytes: number,
  dstBytes: number,
): void {
  const threads = n >= PARALLEL_MIN_CONVERT ? backend.threads : 1;
  if (threads <= 1) {
    backend.kernels[fn](src, dst, n);
    return;
  }
  const per = Math.ceil(n / threads / 8) * 8;
  const parts: number[][] = [];
  for (let start = 0; start < n; start += per) {
    const len = Math.min(per, n - start);
    parts.push([src + start * srcBytes, dst + start * dstBytes, len]);
  }
  backend.parallel(fn, parts);
}

/** A float32 copy of float16 `t` (a new tensor of the backend; the caller disposes it). */
export function widen(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const out = backend.output(t.shape, 'float32');
  const n = sizeOf(t.shape);
  if (n > 0) convert(backend, 'f16ToF32', backend.ptr(t), out.ptr, n, 2, 4);
  return out.info;
}

/** A float16 copy of float32 `t`, rounded to nearest even (a new tensor; the caller disposes `t`). */
export function narrow(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const out = backend.output(t.shape, 'float16');
  const n = sizeOf(t.shape);
  if (n > 0) convert(backend, 'f32ToF16', backend.ptr(t), out.ptr, n, 4, 2);
  return out.info;
}

/**
 * `kernel` with float16 support: without float16 inputs it is `kernel` itself; with them, it runs
 * on float32 copies of those inputs, and a float32 result (when no input was float32) is
 * rounded to float16. A result of another dtype (a comparison's bool, an argmax's int32) is kept.
 * @example
 * const matMul16 = viaFloat32(matMul); // float16 MatMul through the float32 GEMM
 */
export function viaFloat32<N extends CorePrimitiveName>(kernel: KernelFunc<N, WasmBackend>): KernelFunc<N, WasmBackend> {
  return (backend, inputs, attrs) => {
    const list = inputs as readonly TensorInfo[];
    if (!list.some((t) => t.dtype === 'float16')) return kernel(backend, inputs, attrs);
    const wide = list.map((t) => (t.dtype === 'float16' ? widen(backend, t) : t));
    let out: TensorInfo | undefined;
    try {
      out = kernel(backend, wide as typeof inputs, attrs);
      if (out.dtype !== 'float32' || list.some((t) => t.dtype === 'float32')) {
        const kept = out;
        out = undefined;
        return kept;
      }
      return narrow(backend, out);
    } finally {
      for (let i = 0; i < wide.length; i++) if (wide[i] !== list[i]) backend.disposeData((wide[i] as TensorInfo).dataId);
      if (out) backend.disposeData(out.dataId);
    }
  };
}

/** Dtypes whose values float32 holds exactly (so float32 → float16 rounds once, as the CPU backend does). */
const EXACT_IN_F32: ReadonlySet<DType> = new Set<DType>(['bool', 'int8', 'uint8', 'int16', 'int32', 'float32']);

/**
 * `Cast` with float16: float16 ↔ float32 by the SIMD conversion, float16 → float16 as a copy,
 * float16 → others through float32, and bool/int/float32 → float16 through float32 (int32 values
 * past 2^24 round in float32 but are past float16's range either way). float64 and int64 → float16
 * stay with `cast`, which falls back to the CPU backend (a float32 step would round twice).
 * @example
 * const cast16 = castFloat16(cast);
 */
export function castFloat16(cast: KernelFunc<'Cast', WasmBackend>): KernelFunc<'Cast', WasmBackend> {
  return (backend, inputs, attrs) => {
    const [x] = inputs;
    const to = attrs.dtype;
    if (x.dtype === 'float16') {
      if (to === 'float32') return widen(backend, x);
      if (to === 'float16') {
        const out = backend.output(x.shape, 'float16');
        const n = sizeOf(x.shape);
        backend.view(out.ptr, n, 'float16').set(backend.view(backend.ptr(x), n, 'float16'));
        return out.info;
      }
      const wide = widen(backend, x);
      try {
        return cast(backend, [wide], attrs);
      } finally {
        backend.disposeData(wide.dataId);
      }
    }
    if (to !== 'float16' || !EXACT_IN_F32.has(x.dtype)) return cast(backend, inputs, attrs);
    if (x.dtype === 'float32') return narrow(backend, x);
    const wide = cast(backend, [x], { ...attrs, dtype: 'float32' });
    try {
      return narrow(backend, wide);
    } finally {
      backend.disposeData(wide.dataId);
    }
  };
}

/** The primitives whose float16 form is their float32 kernel between conversions. */
const VIA_FLOAT32 = ['Unary', 'Binary', 'Reduce', 'Where', 'Conv2D', 'Pool2D', 'ScatterAdd'] as const;

/**
 * `table` with float16 support added: the computing primitives through {@link viaFloat32},
 * `Cast` through {@link castFloat16} (MatMul reads float16 itself: ./matMul.ts). The data-movement primitives (Reshape, Transpose, slices,
 * Concat, Gather, BroadcastTo, Fill) already move float16 bits as they are.
 * @example
 * export const wasmKernels = withFloat16({ MatMul: matMul, … } satisfies KernelTable<WasmBackend>);
 */
export function withFloat16<T extends KernelTable<WasmBackend>>(table: T): T {
  const out: KernelTable<WasmBackend> = { ...table, Cast: castFloat16(table.Cast) };
  for (const name of VIA_FLOAT32) (out as Record<string, unknown>)[name] = viaFloat32(table[name] as KernelFunc<typeof name, WasmBackend>);
  return out as T;
}
