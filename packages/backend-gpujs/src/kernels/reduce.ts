/**
 * `Reduce` as a gpu.js kernel: each output element loops over its reduced elements.
 */
import { reduceOutputDType } from '@mindts/backend-cpu';
import { type KernelFunc, type ReduceOp, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { coords, isFiniteFlag, isNaNFlag, kernelSource, lit, shapeKey, term } from './source.js';

/** Accumulator set-up, per-element update of `acc` with `x`, and the result, per op. */
const OPS: Partial<Record<ReduceOp, { init: string; step: string; result: string }>> = {
  // Neumaier-compensated, as the CPU backend sums, so long sums stay within float32 rounding.
  sum: {
    init: 'let acc = 0.0;\n  let comp = 0.0;',
    step: 'let t = acc + x;\n    if (Math.abs(acc) >= Math.abs(x)) { comp = comp + ((acc - t) + x); } else { comp = comp + ((x - t) + acc); }\n    acc = t;',
    result: `${isFiniteFlag('acc', 'fin')}\n  if (fin > 0.0) { acc = acc + comp; }\n  return acc;`,
  },
  prod: { init: 'let acc = 1.0;', step: 'acc = acc * x;', result: 'return acc;' },
  // Once a NaN is the accumulator no comparison replaces it: the first NaN wins, as in NumPy.
  // They start from the first reduced element (WGSL has no infinity literal).
  max: { init: 'let acc = a[base];', step: `${isNaNFlag('x', 'nan')}\n    if (nan > 0.0 || x > acc) { acc = x; }`, result: 'return acc;' },
  min: { init: 'let acc = a[base];', step: `${isNaNFlag('x', 'nan')}\n    if (nan > 0.0 || x < acc) { acc = x; }`, result: 'return acc;' },
  any: { init: 'let acc = 0.0;', step: 'if (x != 0.0) { acc = 1.0; }', result: 'return acc;' },
  all: { init: 'let acc = 1.0;', step: 'if (x == 0.0) { acc = 0.0; }', result: 'return acc;' },
};

function checkAxes(op: ReduceOp, axes: readonly number[], rank: number): void {
  const ok = axes.length > 0 && axes.every((a, i) => Number.isInteger(a) && a >= 0 && a < rank && (i === 0 || a > axes[i - 1]!));
  if (!ok)
    throw new RangeError(
      `Reduce '${op}': axes must be sorted, distinct, non-empty integers in [0, ${rank}), but got [${axes.join(', ')}].`,
    );
}

/**
 * gpu.js kernel of `Reduce` (sum, prod, max, min of float32; max, min, any, all of bool);
 * argmax/argmin and sums of bool produce int32 and run on the CPU backend.
 * @example
 * runKernel('Reduce', [x], { op: 'sum', axes: [1] });
 */
export const reduce: KernelFunc<'Reduce', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { op, axes } = attrs;
  checkAxes(op, axes, x.shape.length);
  const dtype = reduceOutputDType(op, x.dtype);
  const spec = OPS[op];
  if (!spec) return backend.launch('Reduce', inputs, attrs, `${op} produces int32, which is not exact in float32 shaders`);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => x.shape[i]!);
  const redShape = axes.map((a) => x.shape[a]!);
  const strides = stridesOf(x.shape);
  const inner = sizeOf(redShape);
  if (inner === 0 || sizeOf(outShape) === 0) return backend.fallback('Reduce', inputs, attrs, 'the reduction is empty');
  return backend.launch('Reduce', inputs, attrs, {
    key: `${op}|${x.dtype}|${shapeKey(x.shape, axes)}`,
    shape: outShape,
    dtype,
    loops: [inner],
    source: () => {
      const base = kept.map((axis, i) => term(`o${i}`, strides[axis]!)).join(' + ') || '0.0';
      const offset = axes.map((axis, i) => term(`k${i}`, strides[axis]!)).join(' + ');
      return kernelSource(
        ['a'],
        [
          coords(outShape, 'o', 'this.thread.x'),
          `let base = ${base};`,
          spec.init,
          `for (let j = 0.0; j < ${lit(inner)}; j = j + 1.0) {`,
          `  ${coords(redShape, 'k', 'j').replaceAll('\n  ', '\n    ')}`,
          `  let x = a[base + ${offset}];`,
          `  ${spec.step}`,
          '}',
          spec.result,
        ].join('\n  '),
      );
    },
  });
};
