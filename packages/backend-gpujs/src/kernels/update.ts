/**
 * `SliceUpdate` and `ScatterAdd` as gpu.js kernels: each output element is its input element,
 * replaced (SliceUpdate) or increased (ScatterAdd) where the update reaches it.
 */
import { type KernelFunc, shapesEqual, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { regionFits } from './layout.js';
import { coords, kernelSource, lit, shapeKey, term } from './source.js';

/**
 * gpu.js kernel of `SliceUpdate`: an element is in the region when (c − begin) / step is a
 * whole number below size on every axis (exact: small integers divide exactly in float32).
 * @example
 * runKernel('SliceUpdate', [x, value], { begin: [0], size: [2], step: [1] });
 */
export const sliceUpdate: KernelFunc<'SliceUpdate', GpujsBackend> = (backend, inputs, attrs) => {
  const [x, value] = inputs;
  const { begin, size, step } = attrs;
  if (x.dtype !== value.dtype || !shapesEqual(value.shape, size) || !regionFits(x.shape, begin, size, step)) {
    return backend.fallback('SliceUpdate', inputs, attrs, 'the value or region is not one gpu.js takes (the CPU kernel checks it)');
  }
  const valueStrides = stridesOf(size);
  return backend.launch('SliceUpdate', inputs, attrs, {
    float16: 'exact',
    key: `${x.dtype}|${shapeKey(x.shape, begin, size, step)}`,
    shape: x.shape,
    dtype: x.dtype,
    source: () => {
      const lines = [coords(x.shape, 'c', 'this.thread.x'), 'let y = a[this.thread.x];', 'let inside = 1.0;'];
      x.shape.forEach((_, i) => {
        lines.push(`let q${i} = (c${i} - ${lit(begin[i]!)}) / ${lit(step[i]!)};`);
        lines.push(`if (Math.floor(q${i}) != q${i} || q${i} < 0.0 || q${i} >= ${lit(size[i]!)}) { inside = 0.0; }`);
      });
      const at = size.map((_, i) => term(`q${i}`, valueStrides[i]!)).join(' + ') || '0.0';
      lines.push(`if (inside > 0.0) { y = b[${at}]; }`, 'return y;');
      return kernelSource(['a', 'b'], lines.join('\n  '));
    },
  });
};

/**
 * gpu.js kernel of `ScatterAdd`: each output element adds the updates of every index that
 * names its slice, in index order (bool: logical or). The int32 indices are checked and
 * normalised on the host and passed as a float32 array, as for Gather.
 * @example
 * runKernel('ScatterAdd', [x, indices, updates], { axis: 0 });
 */
export const scatterAdd: KernelFunc<'ScatterAdd', GpujsBackend> = (backend, inputs, attrs) => {
  const [x, indices, updates] = inputs;
  const { axis } = attrs;
  const expected = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const valid =
    Number.isInteger(axis) &&
    axis >= 0 &&
    axis < x.shape.length &&
    indices.dtype === 'int32' &&
    updates.dtype === x.dtype &&
    shapesEqual(updates.shape, expected);
  if (!valid)
    return backend.fallback(
      'ScatterAdd',
      inputs,
      attrs,
      'the axis, indices or updates are not ones gpu.js takes (the CPU kernel checks them)',
    );
  if (!backend.canReadSync(indices.dataId)) return backend.fallback('ScatterAdd', inputs, attrs, 'the indices are still being computed');
  const axisSize = x.shape[axis]!;
  const raw = backend.readSync(indices.dataId);
  const idx = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    const n = v < 0 ? v + axisSize : v;
    if (n < 0 || n >= axisSize) throw new RangeError(`ScatterAdd: index ${v} is out of range for axis ${axis} with size ${axisSize}.`);
    idx[i] = n;
  }
  const count = idx.length;
  if (count === 0) return backend.fallback('ScatterAdd', inputs, attrs, 'a tensor is empty');
  const inner = sizeOf(x.shape.slice(axis + 1));
  const add = x.dtype === 'bool' ? 'if (upd != 0.0) { y = 1.0; }' : 'y = y + upd;';
  return backend.launch('ScatterAdd', inputs, attrs, {
    key: `${x.dtype}|${axis}|${shapeKey(x.shape, indices.shape)}`,
    shape: x.shape,
    dtype: x.dtype,
    tensors: [x, updates],
    arrays: [idx],
    loops: [count],
    source: () =>
      kernelSource(
        ['a', 'up', 'idx'],
        [
          coords(x.shape, 'c', 'this.thread.x'),
          // Flat position split around the axis: outer block, then the inner offset.
          `let outer = ${
            x.shape.slice(0, axis).length
              ? x.shape
                  .slice(0, axis)
                  .map((_, j) => term(`c${j}`, sizeOf(x.shape.slice(j + 1, axis))))
                  .join(' + ')
              : '0.0'
          };`,
          `let within = ${inner === 1 ? '0.0' : `this.thread.x * 1.0 - Math.floor((this.thread.x * 1.0 + 0.5) / ${lit(inner)}) * ${lit(inner)}`};`,
          'let y = a[this.thread.x];',
          `for (let k = 0.0; k < ${lit(count)}; k += 1.0) {`,
          `  if (idx[k] == c${axis}) {`,
          `    let upd = up[(outer * ${lit(count)} + k) * ${lit(inner)} + within];`,
          `    ${add}`,
          '  }',
          '}',
          'return y;',
        ].join('\n  '),
      ),
  });
};
