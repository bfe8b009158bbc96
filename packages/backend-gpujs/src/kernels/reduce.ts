/**
 * `Reduce` as a gpu.js kernel: each output element loops over its reduced elements; on the GPU
 * modes a long reduction into few outputs runs in two stages (chunks, then their results).
 * Measured in headless Chromium (SwiftShader, WebGL2): the sum of 200,704 floats took about
 * 10 ms as one thread's loop.
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
  const inner = sizeOf(axes.map((a) => x.shape[a]!));
  if (inner === 0 || sizeOf(outShape) === 0) return backend.fallback('Reduce', inputs, attrs, 'the reduction is empty');
  const plain = () =>
    backend.launch('Reduce', inputs, attrs, {
      key: `${op}|${x.dtype}|${shapeKey(x.shape, axes)}`,
      shape: outShape,
      dtype,
      loops: [inner],
      source: () => reduceSource(spec, x.shape, kept, axes, outShape, inner),
    });
  // A long reduction into few outputs on a GPU mode: one thread per output would walk it alone,
  // so first reduce chunks of it in parallel, then combine the chunks' results with the same op
  // (partial sums, products, maxima, minima, any, all combine as the op itself does).
  const chunks = Math.ceil(inner / CHUNK);
  const gpu = backend.packedKernels || backend.wideKernels;
  if (!gpu || inner < SPLIT_MIN || sizeOf(outShape) >= SPLIT_OUTPUTS) return plain();
  const key = `${op}|${x.dtype}|${shapeKey(x.shape, axes)}|split`;
  const partial = { ...spec, init: spec.init.replace('a[base]', 'a[base + firstOffset]') };
  return backend.launchChain(
    'Reduce',
    inputs,
    [
      {
        plan: {
          key: `${key}|chunks`,
          shape: [...outShape, chunks],
          dtype: 'float32',
          loops: [CHUNK],
          source: () => chunkSource(partial, x.shape, kept, axes, outShape, inner, chunks),
        },
        args: [0],
      },
      {
        plan: {
          key: `${key}|total`,
          shape: outShape,
          dtype,
          loops: [chunks],
          source: () =>
            reduceSource(
              spec,
              [...outShape, chunks],
              outShape.map((_, i) => i),
              [outShape.length],
              outShape,
              chunks,
            ),
        },
        args: [1],
      },
    ],
    plain,
  );
};

/**
 * Reductions at least this long into fewer than {@link SPLIT_OUTPUTS} outputs run in two stages
 * ({@link CHUNK} reduced elements per thread first): with fewer outputs than that, one thread per
 * output leaves a GPU (or SwiftShader's cores) mostly idle.
 */
const SPLIT_MIN = 4096;
const SPLIT_OUTPUTS = 256;
/** Reduced elements per thread in the first stage. */
const CHUNK = 256;

/** The source reducing `axes` of a tensor of `shape` into `outShape`, one output per thread. */
function reduceSource(
  spec: { init: string; step: string; result: string },
  shape: readonly number[],
  kept: readonly number[],
  axes: readonly number[],
  outShape: readonly number[],
  inner: number,
): string {
  const strides = stridesOf(shape);
  const redShape = axes.map((a) => shape[a]!);
  const base = kept.map((axis, i) => term(`o${i}`, strides[axis]!)).join(' + ') || '0.0';
  const offset = axes.map((axis, i) => term(`k${i}`, strides[axis]!)).join(' + ');
  return kernelSource(
    ['a'],
    [
      coords(outShape, 'o', 'this.thread.x'),
      `let base = ${base};`,
      spec.init,
      `for (let j = 0.0; j < ${lit(inner)}; j += 1.0) {`,
      `  ${coords(redShape, 'k', 'j').replaceAll('\n  ', '\n    ')}`,
      `  let x = a[base + ${offset}];`,
      `  ${spec.step}`,
      '}',
      spec.result,
    ].join('\n  '),
  );
}

/**
 * The first stage: thread (output o, chunk c) reduces the reduced elements c·CHUNK … (c+1)·CHUNK − 1
 * (fewer in the last chunk) of output o, into `[...outShape, chunks]`.
 */
function chunkSource(
  spec: { init: string; step: string; result: string },
  shape: readonly number[],
  kept: readonly number[],
  axes: readonly number[],
  outShape: readonly number[],
  inner: number,
  chunks: number,
): string {
  const strides = stridesOf(shape);
  const redShape = axes.map((a) => shape[a]!);
  const base = kept.map((axis, i) => term(`o${i}`, strides[axis]!)).join(' + ') || '0.0';
  const offsetOf = (j: string, prefix: string) =>
    [coords(redShape, prefix, j), `let ${prefix}off = ${axes.map((axis, i) => term(`${prefix}${i}`, strides[axis]!)).join(' + ')};`].join(
      '\n  ',
    );
  const last = inner - (chunks - 1) * CHUNK;
  return kernelSource(
    ['a'],
    [
      coords([...outShape, chunks], 'o', 'this.thread.x'),
      `let chunk = o${outShape.length};`,
      `let first = chunk * ${lit(CHUNK)};`,
      `let count = ${lit(CHUNK)};`,
      `if (chunk == ${lit(chunks - 1)}) { count = ${lit(last)}; }`,
      `let base = ${base};`,
      offsetOf('first', 'f'),
      'let firstOffset = foff;',
      spec.init,
      `for (let j = 0.0; j < ${lit(CHUNK)}; j += 1.0) {`,
      '  if (j < count) {',
      `    ${offsetOf('first + j', 'k').replaceAll('\n  ', '\n    ')}`,
      '    let x = a[base + koff];',
      `    ${spec.step.replaceAll('\n    ', '\n      ')}`,
      '  }',
      '}',
      spec.result,
    ].join('\n  '),
  );
}
