/**
 * `Cast` on the wasm backend. Between float32 and int32 (and from bool) the engine's own typed
 * array conversion over linear memory is exactly the CPU backend's rule (truncate toward zero,
 * NaN and ±∞ to 0, wrap modulo 2^32; round to nearest into float32), so those run in place;
 * float32/int32 → bool is a wasm SIMD nonzero test. Other dtypes fall back to the CPU backend.
 */
import type { DType } from '@mindts/tensor';
import { type KernelFunc, sizeOf } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';

/** `from>to` casts that are a typed-array copy over linear memory. */
export const DIRECT_CASTS: ReadonlySet<string> = new Set([
  'float32>int32',
  'int32>float32',
  'bool>float32',
  'bool>int32',
  'float32>float32',
  'int32>int32',
  'bool>bool',
]);

/**
 * Wasm kernel of `Cast`.
 * @example
 * runKernel('Cast', [x], { dtype: 'int32' });
 */
export const cast: KernelFunc<'Cast', WasmBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const to: DType = attrs.dtype;
  const size = sizeOf(x.shape);
  if (to === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
    const out = backend.output(x.shape, 'bool');
    if (size > 0) backend.kernels.maskOf32(x.dtype === 'float32' ? 2 : 3, backend.ptr(x), out.ptr, size);
    return out.info;
  }
  if (!DIRECT_CASTS.has(`${x.dtype}>${to}`)) {
    return backend.fallback('Cast', inputs, attrs, `Cast ${x.dtype} → ${String(to)} has no wasm kernel yet`);
  }
  const out = backend.output(x.shape, to);
  backend.view(out.ptr, size, to).set(backend.view(backend.ptr(x), size, x.dtype));
  return out.info;
};
