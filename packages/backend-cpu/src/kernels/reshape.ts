/**
 * A copy with a new shape of the same size (the `Reshape` primitive).
 */
import { type KernelFunc, shapeString, sizeOf, validateShape } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';

/**
 * CPU kernel of `Reshape`. Returns a fresh buffer: kernels never alias their inputs.
 * @example
 * runKernel('Reshape', [x], { shape: [3, 2] });
 */
export const reshape: KernelFunc<'Reshape', CpuBackend> = (backend, [x], { shape }) => {
  const target = validateShape(shape, 'Reshape: shape');
  if (sizeOf(target) !== sizeOf(x.shape)) {
    throw new RangeError(
      `Reshape: cannot reshape ${shapeString(x.shape)} (${sizeOf(x.shape)} elements) to ${shapeString(target)} (${sizeOf(target)} elements).`,
    );
  }
  return backend.output(backend.values(x).slice(), target, x.dtype);
};
