/**
 * The `Mish` kernel of the CPU backend, the numerical reference every other backend's kernel is
 * tested against. It reads and writes the CPU backend's typed arrays without a copy.
 */
import type { CpuBackend } from '@mindts/backend-cpu';
import { type KernelFunc, makeValues, sizeOf } from '@mindts/tensor/backend';
import { mishImpl } from '../mishImpl.js';
import { mishKernelInput, mishOutput } from '../primitive.js';

/**
 * CPU kernel of `Mish`: float64 arithmetic, stored in the input's dtype. `backend.reuse` hands
 * back a freed buffer of the right size when it has one, so a training loop does not allocate.
 * @example
 * registerKernel({ name: 'Mish', backendName: 'cpu', kernelFunc: mishCpu });
 */
export const mishCpu: KernelFunc<'Mish', CpuBackend> = (backend, inputs) => {
  const x = mishKernelInput('mishCpu', backend, inputs, ['reuse', 'output', 'values']);
  const { shape, dtype } = mishOutput(x);
  const size = sizeOf(shape);
  const out = backend.reuse(dtype, size) ?? makeValues(dtype, size);
  return backend.output(mishImpl(backend.values(x), out), shape, dtype);
};
