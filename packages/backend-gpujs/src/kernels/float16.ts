/**
 * float16 on the gpu.js backend: computed in float32 and rounded once per op to float16, as the
 * CPU and wasm backends do, on the device. gpu.js stores only float32 (precision 'single'), so a
 * float16 tensor is held as float32 numbers that are exactly float16 values: each value stays the
 * CPU backend's bit for bit, at float32's memory. A computing kernel given float16 inputs reads
 * them as the float32 tensors they are stored as, and its float32 result is rounded to float16
 * by {@link roundFloat16Source} (the Cast kernel). The data-movement kernels (Reshape,
 * Transpose, slices, Concat, Gather, BroadcastTo, SliceUpdate, Where) move float16 values as they
 * are; Fill rounds its value.
 */
import {
  type CorePrimitiveName,
  float16Bits,
  float16Value,
  type KernelFunc,
  type KernelTable,
  type TensorInfo,
} from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { isFiniteFlag } from './source.js';

/**
 * Statements setting `y` to `v` rounded to the nearest float16 (ties to even; subnormals kept,
 * ±65520 and beyond to ±∞, NaN and ±∞ unchanged), in float32 arithmetic every gpu.js mode runs:
 * the exponent from log2, corrected against exact powers of two, scales `v` so its float16
 * mantissa is the integer part. Overflow is `v · 3e38` (±∞ at run time: WGSL has no ∞ literal).
 * @example
 * kernelSource(['a'], `let v = a[this.thread.x];\n  ${roundFloat16Source()}\n  return y;`);
 */
export function roundFloat16Source(): string {
  return [
    'let y = v;',
    isFiniteFlag('v', 'fin'),
    'if (fin > 0.0) {',
    '  let m = Math.abs(v);',
    '  if (m < 65520.0) {',
    // The binade of m, at least float16's smallest normal one (2^-14): below it the step is 2^-24.
    '    let n = Math.max(m, 0.00006103515625);',
    '    let e = Math.floor(Math.log2(n));',
    '    if (Math.pow(2.0, e) > n) { e = e - 1.0; }',
    '    if (Math.pow(2.0, e + 1.0) <= n) { e = e + 1.0; }',
    // q: m in units of its float16 step (2^(e-10)), exact (a power-of-two scale).
    '    let up = Math.pow(2.0, 10.0 - e);',
    '    let q = m * up;',
    '    let r = Math.floor(q + 0.5);',
    '    if (r - q == 0.5 && r - 2.0 * Math.floor(r * 0.5) > 0.5) { r = r - 1.0; }',
    '    let h = r / up;',
    '    if (v < 0.0) { h = 0.0 - h; }',
    // A zero keeps the sign of v where the device keeps signed zeros.
    '    if (r == 0.0) { h = v * 0.0; }',
    '    y = h;',
    '  } else {',
    '    y = v * 3.0e38;',
    '  }',
    '}',
  ].join('\n  ');
}

/**
 * `v` rounded to the nearest float16 value, on the host (data written, a Fill value), as the CPU
 * backend stores it.
 * @example
 * roundHalf(0.1); // 0.0999755859375
 */
export const roundHalf = (v: number): number => float16Value(float16Bits(v));

/** `t` as the float32 tensor a float16 tensor is stored as (the same data, relabelled). */
const asStored = (t: TensorInfo): TensorInfo => (t.dtype === 'float16' ? { ...t, dtype: 'float32' } : t);

/**
 * `kernel` with float16 inputs read as float32 and a float32 result (when no input was float32)
 * rounded to float16 by the Cast kernel; results of other dtypes (a comparison's bool) are kept.
 * Without float16 inputs it is `kernel` itself.
 * @example
 * const matMul16 = viaFloat32(matMul, cast);
 */
export function viaFloat32<N extends CorePrimitiveName>(
  kernel: KernelFunc<N, GpujsBackend>,
  cast: KernelFunc<'Cast', GpujsBackend>,
): KernelFunc<N, GpujsBackend> {
  return (backend, inputs, attrs) => {
    const list = inputs as readonly TensorInfo[];
    if (!list.some((t) => t.dtype === 'float16')) return kernel(backend, inputs, attrs);
    const out = kernel(backend, list.map(asStored) as unknown as typeof inputs, attrs);
    if (out.dtype !== 'float32' || list.some((t) => t.dtype === 'float32')) return out;
    try {
      return cast(backend, [out], { dtype: 'float16' });
    } finally {
      // A kernel may hand back an input's own data (an identity); that stays its input's.
      if (!list.some((t) => t.dataId === out.dataId)) backend.disposeData(out.dataId);
    }
  };
}

/** The primitives that compute new values: float16 through {@link viaFloat32}. */
const VIA_FLOAT32 = ['Unary', 'Binary', 'Reduce', 'MatMul', 'Conv2D', 'Pool2D', 'ScatterAdd', 'Cumulative'] as const;

/**
 * `table` with float16 support: the computing primitives through {@link viaFloat32}; `Cast` and
 * `Fill` round to float16 themselves, and the data-movement primitives move float16 values as
 * they are.
 * @example
 * export const gpujsKernels = withFloat16({ Unary: unary, … } satisfies KernelTable<GpujsBackend>);
 */
export function withFloat16<T extends KernelTable<GpujsBackend>>(table: T): T {
  const out: KernelTable<GpujsBackend> = { ...table };
  for (const name of VIA_FLOAT32) {
    (out as Record<string, unknown>)[name] = viaFloat32(table[name] as KernelFunc<typeof name, GpujsBackend>, table.Cast);
  }
  return out as T;
}
