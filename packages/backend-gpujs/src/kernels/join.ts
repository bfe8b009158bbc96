/**
 * `Concat` and `Gather` as gpu.js kernels: each output element picks its source tensor (Concat)
 * or its source slice (Gather) by index arithmetic.
 */
import { type KernelFunc, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { coords, kernelSource, lit, shapeKey, term } from './source.js';

/** Inputs one Concat kernel takes: WebGL guarantees 16 texture units per shader, minus headroom. */
const MAX_CONCAT_INPUTS = 8;

/**
 * gpu.js kernel of `Concat` for up to 8 float32 or bool inputs.
 * @example
 * runKernel('Concat', [a, b], { axis: 0 });
 */
export const concat: KernelFunc<'Concat', GpujsBackend> = (backend, inputs, attrs) => {
  const { axis } = attrs;
  const first = inputs[0];
  const rank = first?.shape.length ?? 0;
  const fits =
    first !== undefined &&
    Number.isInteger(axis) &&
    axis >= 0 &&
    axis < rank &&
    inputs.every((t) => t.dtype === first.dtype && t.shape.length === rank && t.shape.every((d, j) => j === axis || d === first.shape[j]));
  // The CPU kernel raises the errors of a call it would reject.
  if (!fits) return backend.fallback('Concat', inputs, attrs, 'the inputs do not fit together (the CPU kernel reports why)');
  if (inputs.length > MAX_CONCAT_INPUTS) {
    return backend.launch('Concat', inputs, attrs, `more than ${MAX_CONCAT_INPUTS} inputs (one texture unit each on WebGL)`);
  }
  const shape = [...first.shape];
  shape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
  return backend.launch('Concat', inputs, attrs, {
    float16: 'exact',
    key: `${first.dtype}|${axis}|${shapeKey(...inputs.map((t) => t.shape))}`,
    shape,
    dtype: first.dtype,
    source: () => {
      const lines = [coords(shape, 'c', 'this.thread.x'), 'let y = 0.0;'];
      let offset = 0;
      inputs.forEach((t, k) => {
        const strides = stridesOf(t.shape);
        const index = t.shape.map((_, j) => term(j === axis ? `(c${j} - ${lit(offset)})` : `c${j}`, strides[j]!)).join(' + ');
        const test = `c${axis} >= ${lit(offset)} && c${axis} < ${lit(offset + t.shape[axis]!)}`;
        lines.push(`if (${test}) { y = a${k}[${index}]; }`);
        offset += t.shape[axis]!;
      });
      lines.push('return y;');
      return kernelSource(
        inputs.map((_, k) => `a${k}`),
        lines.join('\n  '),
      );
    },
  });
};

/**
 * gpu.js kernel of `Gather`: the int32 indices are checked and normalised on the host (they
 * never live on the device) and passed as a float32 array, exact below `MAX_DEVICE_ELEMENTS`.
 * @example
 * runKernel('Gather', [x, indices], { axis: 0 });
 */
export const gather: KernelFunc<'Gather', GpujsBackend> = (backend, inputs, attrs) => {
  const [x, indices] = inputs;
  const { axis } = attrs;
  const valid = Number.isInteger(axis) && axis >= 0 && axis < x.shape.length && indices.dtype === 'int32';
  if (!valid)
    return backend.fallback('Gather', inputs, attrs, 'the axis or the indices dtype is not one gpu.js takes (the CPU kernel checks it)');
  // Indices computed on the device (WebGPU reads back only asynchronously) gather on the CPU backend.
  if (!backend.canReadSync(indices.dataId)) return backend.fallback('Gather', inputs, attrs, 'the indices are still being computed');
  const size = x.shape[axis]!;
  const raw = backend.readSync(indices.dataId);
  const idx = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    const n = v < 0 ? v + size : v;
    if (n < 0 || n >= size) throw new RangeError(`Gather: index ${v} is out of range for axis ${axis} with size ${size}.`);
    idx[i] = n;
  }
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const strides = stridesOf(x.shape);
  const idxStrides = stridesOf(indices.shape);
  const ri = indices.shape.length;
  if (sizeOf(indices.shape) === 0) return backend.fallback('Gather', inputs, attrs, 'a tensor is empty');
  return backend.launch('Gather', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${axis}|${shapeKey(x.shape, indices.shape)}`,
    shape,
    dtype: x.dtype,
    tensors: [x],
    arrays: [idx],
    source: () => {
      const at = indices.shape.map((_, j) => term(`c${axis + j}`, idxStrides[j]!)).join(' + ') || '0.0';
      const outer = x.shape.slice(0, axis).map((_, j) => term(`c${j}`, strides[j]!));
      const inner = x.shape.slice(axis + 1).map((_, j) => term(`c${axis + ri + j}`, strides[axis + 1 + j]!));
      const index = [...outer, term('i', strides[axis]!), ...inner].join(' + ');
      return kernelSource(['a', 'idx'], `${coords(shape, 'c', 'this.thread.x')}\n  let i = idx[${at}];\n  return a[${index}];`);
    },
  });
};
