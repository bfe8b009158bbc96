/**
 * The stable sort order along an axis (the `Argsort` primitive): what sort, topk and
 * multinomial sampling without replacement are built on.
 */
import type { Values } from '@mindts/tensor';
import { type KernelFunc, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { checkAxis, checkBoolean, checkShaped } from './implArgs.js';

/**
 * The int32 indices that sort `x` along `axis`, stably; NaN counts as larger than any number.
 * @example
 * argsortImpl(new Float32Array([3, 1, 2]), [3], 0, false); // Int32Array [1, 2, 0]
 */
export function argsortImpl(x: Values, shape: readonly number[], axis: number, descending: boolean): Int32Array {
  checkShaped('argsortImpl', 'x', x, shape);
  checkAxis('argsortImpl', axis, shape.length);
  checkBoolean('argsortImpl', 'descending', descending);
  const out = new Int32Array(x.length);
  const n = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  const order = new Array<number>(n);
  const row = new Float64Array(n);
  // Ascending with NaN last; descending with NaN first. Ties fall back to the index: stable.
  const compare = descending
    ? (a: number, b: number) => {
        const [va, vb] = [row[a]!, row[b]!];
        if (va !== vb) {
          if (Number.isNaN(va)) return Number.isNaN(vb) ? a - b : -1;
          if (Number.isNaN(vb)) return 1;
          return vb - va;
        }
        return a - b;
      }
    : (a: number, b: number) => {
        const [va, vb] = [row[a]!, row[b]!];
        if (va !== vb) {
          if (Number.isNaN(va)) return Number.isNaN(vb) ? a - b : 1;
          if (Number.isNaN(vb)) return -1;
          return va - vb;
        }
        return a - b;
      };
  for (let b = 0; b < outer; b++) {
    for (let k = 0; k < inner; k++) {
      const base = b * n * inner + k;
      for (let s = 0; s < n; s++) {
        row[s] = x[base + s * inner]!;
        order[s] = s;
      }
      order.sort(compare);
      for (let s = 0; s < n; s++) out[base + s * inner] = order[s]!;
    }
  }
  return out;
}

/**
 * CPU kernel of `Argsort`.
 * @example
 * runKernel('Argsort', [x], { axis: 1, descending: true });
 */
export const argsort: KernelFunc<'Argsort', CpuBackend> = (backend, [x], { axis, descending }) => {
  if (!Number.isInteger(axis) || axis < 0 || axis >= x.shape.length) {
    throw new RangeError(
      `Argsort: axis must be an integer in [0, ${x.shape.length}) for x of shape ${shapeString(x.shape)}, but got ${axis}.`,
    );
  }
  return backend.output(argsortImpl(backend.values(x), x.shape, axis, descending === true), x.shape, 'int32');
};
