/**
 * `Binary` as a gpu.js kernel: broadcasting by index arithmetic, one expression template per op.
 */
import { binaryFunction } from '@mindts/backend-cpu';
import { BOOL_BINARY_OPS, type BinaryOp, broadcastShapes, type KernelFunc } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { elementReads, elementwiseSource, isNaNFlag, kernelArguments, shapeKey } from './source.js';

const cmp = (test: string) => `let y = 0.0;\n  if (${test}) { y = 1.0; }`;

/** Statements computing `y` from `x` and `z` (float32, and bool as 0/1 where noted). */
export const FLOAT_BODY: Partial<Record<BinaryOp, string>> = {
  add: 'let y = x + z;',
  sub: 'let y = x - z;',
  mul: 'let y = x * z;',
  div: 'let y = x / z;',
  // C's pow: 1 for pow(1, y) and pow(x, ±0) even with NaN, pow(−1, ±∞) = 1, NaN otherwise when
  // an operand is NaN (GLSL's pow(NaN, y) is 0 or garbage on SwiftShader); a negative base
  // takes an integral exponent's sign (GLSL's pow is undefined for a negative base).
  pow: `let y = Math.pow(Math.abs(x), z);
  if (x < 0.0) {
    if (Math.floor(z) != z) { y = (x - x) / (x - x); }
    else if (Math.floor(z * 0.5) * 2.0 != z) { y = -y; }
  }
  if (x == -1.0 && Math.abs(z) > 3.4028234663852886e38) { y = 1.0; }
  ${isNaNFlag('x', 'nanA')}
  ${isNaNFlag('z', 'nanB')}
  if (nanA + nanB > 0.0) { y = x + z; }
  if (x == 1.0 || z == 0.0) { y = 1.0; }`,
  // NaN wins, as with JS's Math.max (GLSL's and WGSL's max leave it undefined).
  maximum: `let y = Math.max(x, z);\n  ${isNaNFlag('x + z', 'nan')}\n  if (nan > 0.0) { y = x + z; }`,
  minimum: `let y = Math.min(x, z);\n  ${isNaNFlag('x + z', 'nan')}\n  if (nan > 0.0) { y = x + z; }`,
  atan2: 'let y = Math.atan2(x, z);',
  equal: cmp('x == z'),
  notEqual: cmp('x != z'),
  less: cmp('x < z'),
  lessEqual: cmp('x <= z'),
  greater: cmp('x > z'),
  greaterEqual: cmp('x >= z'),
  logicalAnd: cmp('x != 0.0 && z != 0.0'),
  logicalOr: cmp('x != 0.0 || z != 0.0'),
  logicalXor: cmp('(x != 0.0 && z == 0.0) || (x == 0.0 && z != 0.0)'),
};

/** bool arithmetic is logic: add/maximum = or, mul/minimum = and. */
export const BOOL_BODY: Partial<Record<BinaryOp, string>> = {
  add: 'let y = Math.max(x, z);',
  maximum: 'let y = Math.max(x, z);',
  mul: 'let y = x * z;',
  minimum: 'let y = Math.min(x, z);',
};

/** Why an op stays on the CPU backend for float inputs. */
export const CPU_ONLY: Partial<Record<BinaryOp, string>> = {
  floorDiv: "NumPy's floor division (npy_divmod rounding) is not reproducible in float32 shader arithmetic",
  mod: "NumPy's modulo (npy_divmod rounding) is not reproducible in float32 shader arithmetic",
};

/**
 * gpu.js kernel of `Binary` for float32 and bool; floorDiv/mod and other dtypes run on the CPU backend.
 * @example
 * runKernel('Binary', [a, b], { op: 'add' });
 */
export const binary: KernelFunc<'Binary', GpujsBackend> = (backend, inputs, attrs) => {
  const [a, b] = inputs;
  const { op } = attrs;
  binaryFunction(op, a.dtype); // the CPU backend's checks and errors
  if (a.dtype !== b.dtype) return backend.fallback('Binary', inputs, attrs, 'the inputs have different dtypes');
  const shape = broadcastShapes(a.shape, b.shape);
  const body = a.dtype === 'bool' ? (BOOL_BODY[op] ?? FLOAT_BODY[op]) : FLOAT_BODY[op];
  if (!body) return backend.launch('Binary', inputs, attrs, CPU_ONLY[op] ?? `no gpu.js template for ${op}`);
  const lanes = backend.lanesFor(shape);
  const direct = backend.directReads && !lanes;
  // WebGL2: an input of the output's shape held blocked (a product before its unpack, e.g. the
  // x·wᵀ a bias is added to) is read in its parts, so its unpack never runs.
  const blocked = [a, b].map(
    (t) =>
      direct &&
      shape.length >= 2 &&
      t.shape.every((d, i) => d === shape[i]) &&
      t.shape.length === shape.length &&
      backend.layoutOf(t)?.kind === 'blocked',
  );
  const reads = elementReads(['a', 'b'], [a.shape, b.shape], shape, 'this.thread.x', direct, blocked);
  const held = blocked.includes(true);
  return backend.launch('Binary', inputs, attrs, {
    key: `${op}|${a.dtype}|${shapeKey(a.shape, b.shape)}${held ? `|blocked${blocked.map(Number).join('')}` : ''}`,
    shape,
    dtype: BOOL_BINARY_OPS.has(op) ? 'bool' : a.dtype,
    ...(lanes ? { lanes } : {}),
    ...(reads.natives.length ? { natives: reads.natives } : {}),
    ...(held ? { inputLayouts: blocked.map((k) => (k ? ('blocked' as const) : undefined)) } : {}),
    source: () =>
      elementwiseSource(
        kernelArguments(['a', 'b'], blocked),
        (flat) => {
          const { prelude, read } = lanes ? elementReads(['a', 'b'], [a.shape, b.shape], shape, flat, false) : reads;
          return [prelude, `let x = ${read[0]};`, `let z = ${read[1]};`, body].filter(Boolean).join('\n  ');
        },
        lanes,
      ),
  });
};
