/**
 * `Reduce` as a gpu.js kernel: each output element loops over its reduced elements; on the GPU
 * modes a long reduction into few outputs runs in two stages (chunks, then their results).
 * Measured in headless Chromium (SwiftShader, WebGL2): the sum of 200,704 floats took about
 * 10 ms as one thread's loop.
 */
import { reduceOutputDType } from '@mindts/backend-cpu';
import { type KernelFunc, type ReduceOp, sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { GPU_MODES } from '../gpujsModule.js';
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
  max: {
    init: 'let acc = a[base + firstOffset];',
    step: `${isNaNFlag('x', 'nan')}\n    if (nan > 0.0 || x > acc) { acc = x; }`,
    result: 'return acc;',
  },
  min: {
    init: 'let acc = a[base + firstOffset];',
    step: `${isNaNFlag('x', 'nan')}\n    if (nan > 0.0 || x < acc) { acc = x; }`,
    result: 'return acc;',
  },
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
  const reduction: Reduction = { shape: x.shape, kept, axes, outShape, inner };
  const plain = () =>
    backend.launch('Reduce', inputs, attrs, {
      key: `${op}|${x.dtype}|${shapeKey(x.shape, axes)}`,
      shape: outShape,
      dtype,
      loops: [inner],
      source: () => reduceSource(spec, reduction),
    });
  // A long reduction into few outputs on a GPU mode: one thread per output would walk it alone,
  // so first reduce chunks of it in parallel, then combine the chunks' results with the same op
  // (partial sums, products, maxima, minima, any, all combine as the op itself does).
  const chunks = Math.ceil(inner / CHUNK);
  if (!GPU_MODES.includes(backend.mode) || inner < SPLIT_MIN || sizeOf(outShape) >= SPLIT_OUTPUTS) return plain();
  const key = `${op}|${x.dtype}|${shapeKey(x.shape, axes)}|split`;
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
          source: () => reduceSource(spec, reduction, chunks),
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
            reduceSource(spec, {
              shape: [...outShape, chunks],
              kept: outShape.map((_, i) => i),
              axes: [outShape.length],
              outShape,
              inner: chunks,
            }),
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

/** A reduction's geometry: `axes` of a tensor of `shape` reduce into `outShape` (the `kept` axes), `inner` elements each. */
interface Reduction {
  readonly shape: readonly number[];
  readonly kept: readonly number[];
  readonly axes: readonly number[];
  readonly outShape: readonly number[];
  readonly inner: number;
}

/**
 * The source of a reduction: one output per thread over all its reduced elements, or with
 * `chunks` the first of two stages, thread (output o, chunk c) over the reduced elements
 * c·CHUNK … (c+1)·CHUNK − 1 (fewer in the last chunk) into `[...outShape, chunks]`.
 */
function reduceSource(spec: { init: string; step: string; result: string }, r: Reduction, chunks?: number): string {
  const strides = stridesOf(r.shape);
  const redShape = r.axes.map((a) => r.shape[a]!);
  const base = r.kept.map((axis, i) => term(`o${i}`, strides[axis]!)).join(' + ') || '0.0';
  const offsetOf = (j: string, prefix: string) => [
    ...coords(redShape, prefix, j).split('\n  '),
    `let ${prefix}off = ${r.axes.map((axis, i) => term(`${prefix}${i}`, strides[axis]!)).join(' + ')};`,
  ];
  const element = [...offsetOf('first + j', 'k'), 'let x = a[base + koff];', ...spec.step.split('\n    ')];
  const indent = (lines: string[], by: string) => lines.map((l) => `${by}${l}`);
  const head =
    chunks === undefined
      ? [coords(r.outShape, 'o', 'this.thread.x'), 'let first = 0.0;', `let base = ${base};`, 'let firstOffset = 0.0;']
      : [
          coords([...r.outShape, chunks], 'o', 'this.thread.x'),
          `let first = o${r.outShape.length} * ${lit(CHUNK)};`,
          `let count = ${lit(CHUNK)};`,
          `if (first == ${lit((chunks - 1) * CHUNK)}) { count = ${lit(r.inner - (chunks - 1) * CHUNK)}; }`,
          `let base = ${base};`,
          ...offsetOf('first', 'f'),
          'let firstOffset = foff;',
        ];
  const loop =
    chunks === undefined
      ? [`for (let j = 0.0; j < ${lit(r.inner)}; j += 1.0) {`, ...indent(element, '  '), '}']
      : [`for (let j = 0.0; j < ${lit(CHUNK)}; j += 1.0) {`, '  if (j < count) {', ...indent(element, '    '), '  }', '}'];
  return kernelSource(['a'], [...head, spec.init, ...loop, spec.result].join('\n  '));
}
