/**
 * The `Mish` kernel for any backend that can read synchronously, written against the `Backend`
 * interface of `@mindts/tensor/backend` alone: read the input to the host, compute, write the
 * result back. It is what the wasm backend runs, since the wasm backend's own fallback covers
 * only the core primitives and the CPU kernel above needs a `CpuBackend`.
 */
import { type Backend, type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import { mishImpl } from '../mishImpl.js';
import { mishKernelInput, mishOutput } from '../primitive.js';

/**
 * Host kernel of `Mish` for any synchronous backend: two copies per call (out of and back into
 * the backend's memory), which a kernel on the backend's own storage would avoid, at the price of
 * depending on that backend's internals.
 * @example
 * registerKernel({ name: 'Mish', backendName: 'wasm', kernelFunc: mishHost });
 */
export const mishHost: KernelFunc<'Mish', Backend> = (backend, inputs) => {
  const x = mishKernelInput('mishHost', backend, inputs, ['readSync', 'write']);
  const { shape, dtype } = mishOutput(x);
  const out = mishImpl(backend.readSync(x.dataId), makeValues(dtype, sizeOf(shape)));
  return { dataId: backend.write(out, shape, dtype), shape, dtype };
};
