/**
 * `Cumulative` (running sums and products) as a gpu.js kernel, and why `Argsort` runs on the
 * CPU backend. Each output element loops over the axis up to its own position: O(n²) work per
 * row, but all of it in parallel, and the scans of sequence models (masks, positions, prefix
 * sums over a few thousand steps) stay on the device next to the ops around them.
 */
import { type KernelFunc, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { coords, kernelSource, lit, shapeKey, term } from './source.js';

/** Why `Argsort` stays on the CPU backend. */
export const ARGSORT_REASON =
  'a comparison sort has no gpu.js kernel yet (a rank-counting kernel would be O(n²) per row); the CPU backend sorts, and its indices are uploaded on first use';

/**
 * gpu.js kernel of `Cumulative` (float32; int dtypes run on the CPU backend, exactly).
 * @example
 * runKernel('Cumulative', [x], { op: 'sum', axis: 1, reverse: false });
 */
export const cumulative: KernelFunc<'Cumulative', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { op, axis, reverse } = attrs;
  const rank = x.shape.length;
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank || (op !== 'sum' && op !== 'prod') || x.dtype === 'bool') {
    return backend.fallback('Cumulative', inputs, attrs, 'arguments the gpu.js kernel does not check (the CPU kernel reports the error)');
  }
  const n = x.shape[axis]!;
  if (sizeOf(x.shape) === 0) return backend.fallback('Cumulative', inputs, attrs, 'the tensor is empty');
  const strides = stridesOf(x.shape);
  const stride = strides[axis]!;
  return backend.launch('Cumulative', inputs, attrs, {
    key: `${op}|${reverse ? 'rev' : 'fwd'}|${x.dtype}|${shapeKey(x.shape, [axis])}`,
    shape: x.shape,
    dtype: x.dtype,
    loops: [n],
    source: () => {
      const base = x.shape.map((_, i) => (i === axis ? '' : term(`c${i}`, strides[i]!))).filter((t) => t !== '');
      const inRange = reverse ? `j >= c${axis}` : `j <= c${axis}`;
      const step = op === 'sum' ? 'acc = acc + a[base + j * stride];' : 'acc = acc * a[base + j * stride];';
      return kernelSource(
        ['a'],
        [
          coords(x.shape, 'c', 'this.thread.x'),
          `let base = ${base.join(' + ') || '0.0'};`,
          `let stride = ${lit(stride)};`,
          `let acc = ${op === 'sum' ? '0.0' : '1.0'};`,
          `for (let j = 0.0; j < ${lit(n)}; j += 1.0) {`,
          `  if (${inRange}) { ${step} }`,
          '}',
          'return acc;',
        ].join('\n  '),
      );
    },
  });
};

/** `Argsort` runs on the CPU backend (see {@link ARGSORT_REASON}). */
export const argsort: KernelFunc<'Argsort', GpujsBackend> = (backend, inputs, attrs) =>
  backend.fallback('Argsort', inputs, attrs, ARGSORT_REASON);
