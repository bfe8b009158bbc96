/**
 * The data-movement primitives as gpu.js kernels: each output element reads one input element
 * at an index computed from its coordinates.
 */
import { type KernelFunc, shapeString, sizeOf, stridesOf, validateShape } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { broadcastIndex, coords, kernelSource, lit, shapeKey, term } from './source.js';

function checkPerm(perm: readonly number[], rank: number): void {
  const seen = new Set<number>();
  const ok = perm.length === rank && perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank && !seen.has(p) && seen.add(p));
  if (!ok) throw new RangeError(`Transpose: perm must be a permutation of 0…${rank - 1} (rank ${rank}), but got [${perm.join(', ')}].`);
}

/**
 * Whether begin/size/step select a region inside `shape` (as the CPU's stridedRegion checks).
 * @example
 * regionFits([4], [3], [2], [-2]); // true
 */
export function regionFits(shape: readonly number[], begin: readonly number[], size: readonly number[], step: readonly number[]): boolean {
  const rank = shape.length;
  return (
    begin.length === rank &&
    size.length === rank &&
    step.length === rank &&
    shape.every((d, i) => {
      const [b, n, s] = [begin[i]!, size[i]!, step[i]!];
      const last = b + (n - 1) * s;
      return (
        Number.isInteger(b) &&
        Number.isInteger(n) &&
        Number.isInteger(s) &&
        s !== 0 &&
        n >= 0 &&
        (n === 0 || (b >= 0 && b < d && last >= 0 && last < d))
      );
    })
  );
}

const gather = (shape: readonly number[], index: string) =>
  kernelSource(['a'], `${coords(shape, 'c', 'this.thread.x')}\n  return a[${index}];`);

/**
 * gpu.js kernel of `Reshape`: on the GL modes the result shares the input's texture (element i
 * sits at the same texel for any shape of the same size; `GpujsBackend.share`), elsewhere a copy.
 * Measured in the Transformer encoder step (SwiftShader WebGL2): 88 copies took 149 of 1335 ms.
 * @example
 * runKernel('Reshape', [x], { shape: [3, 2] });
 */
export const reshape: KernelFunc<'Reshape', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const target = validateShape(attrs.shape, 'Reshape: shape');
  if (sizeOf(target) !== sizeOf(x.shape)) {
    throw new RangeError(
      `Reshape: cannot reshape ${shapeString(x.shape)} (${sizeOf(x.shape)} elements) to ${shapeString(target)} (${sizeOf(target)} elements).`,
    );
  }
  const shared = backend.share(x, target);
  if (shared) return shared;
  return backend.launch('Reshape', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${sizeOf(target)}`,
    shape: target,
    dtype: x.dtype,
    source: () => kernelSource(['a'], 'return a[this.thread.x];'),
  });
};

/**
 * gpu.js kernel of `Transpose`.
 * @example
 * runKernel('Transpose', [x], { perm: [1, 0] });
 */
export const transpose: KernelFunc<'Transpose', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { perm } = attrs;
  checkPerm(perm, x.shape.length);
  const shape = perm.map((p) => x.shape[p]!);
  const strides = stridesOf(x.shape);
  return backend.launch('Transpose', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${shapeKey(x.shape, perm)}`,
    shape,
    dtype: x.dtype,
    source: () => gather(shape, perm.map((p, i) => term(`c${i}`, strides[p]!)).join(' + ') || '0.0'),
  });
};

/**
 * gpu.js kernel of `BroadcastTo`.
 * @example
 * runKernel('BroadcastTo', [x], { shape: [4, 3] });
 */
export const broadcastTo: KernelFunc<'BroadcastTo', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const shape = validateShape(attrs.shape, 'BroadcastTo: shape');
  const ok = x.shape.length <= shape.length && x.shape.every((d, i) => d === 1 || d === shape[i + shape.length - x.shape.length]);
  if (!ok) return backend.fallback('BroadcastTo', inputs, attrs, 'the shapes do not broadcast (the CPU kernel reports the error)');
  return backend.launch('BroadcastTo', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${shapeKey(x.shape, shape)}`,
    shape,
    dtype: x.dtype,
    source: () => gather(shape, broadcastIndex(x.shape, shape, 'c')),
  });
};

/**
 * gpu.js kernel of `StridedSlice` (steps may be negative).
 * @example
 * runKernel('StridedSlice', [x], { begin: [0], size: [2], step: [1] });
 */
export const stridedSlice: KernelFunc<'StridedSlice', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { begin, size, step } = attrs;
  const inBounds = regionFits(x.shape, begin, size, step);
  if (!inBounds)
    return backend.fallback('StridedSlice', inputs, attrs, 'the region is invalid or empty (the CPU kernel reports the error)');
  const strides = stridesOf(x.shape);
  const base = begin.reduce((acc, b, i) => acc + b * strides[i]!, 0);
  return backend.launch('StridedSlice', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${shapeKey(x.shape, begin, size, step)}`,
    shape: [...size],
    dtype: x.dtype,
    source: () => gather(size, [lit(base), ...size.map((_, i) => term(`c${i}`, strides[i]! * step[i]!))].join(' + ')),
  });
};
