import { cpu, cpuKernels } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import type { BinaryOp, CorePrimitiveName, ReduceOp, UnaryOp } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';
import { checkCase, compareResults, conformanceCases, describeConformance, expectedOf, readResults } from './index.js';
import type { ConformanceCase } from './types.js';

// The CPU kernels, registered a second time under another name, against the CPU oracle; both
// are also checked against every hand-computed expectation.
describeConformance({ backend: cpu({ name: 'cpu-under-test' }), reference: cpu() });

type AnyKernel = (backend: unknown, inputs: unknown, attrs: unknown) => unknown;

/** The CPU kernels with `patch` applied to some of them, registered as backend `name`. */
function patchedCpu(name: string, patch: (primitive: string, kernel: AnyKernel) => AnyKernel): void {
  const kernels = Object.fromEntries(Object.entries(cpuKernels).map(([p, k]) => [p, patch(p, k as AnyKernel)]));
  if (!listBackends().includes(name)) registerBackend({ ...cpu({ name }), kernels: kernels as typeof cpuKernels });
}

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('the case list', () => {
  it('has unique names', () => {
    const names = conformanceCases.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('exercises every op @mindts/ops exports', () => {
    const covered = new Set(conformanceCases.flatMap((c) => c.ops));
    // An alias, and the autograd transformations and registry (they have their own tests).
    const aliases = new Set(['clamp', 'grad', 'valueAndGrad', 'stopGradient', 'registerGradient', 'wants', 'vjp', 'jvp', 'vmap']);
    const missing = Object.entries(ops)
      .filter(([name, v]) => typeof v === 'function' && !aliases.has(name))
      .map(([name]) => name)
      .filter((name) => !covered.has(name));
    expect(missing).toEqual([]);
  });

  it('gives hand-computed values to most cases, one per result', async () => {
    const withExpected = conformanceCases.filter((c) => c.expected !== undefined);
    expect(withExpected.length).toBeGreaterThan(conformanceCases.length / 2);
    for (const c of withExpected) {
      const results = await readResults(c, 'cpu');
      expect(expectedOf(c).length, c.name).toBe(results.length);
    }
  });
});

// Compile-time lists: a primitive or op variant added to @mindts/tensor fails to compile here
// until it is listed, and then fails the test until some case reaches it.
const PRIMITIVES = Object.keys({
  Unary: 1,
  Binary: 1,
  Reduce: 1,
  MatMul: 1,
  Reshape: 1,
  Transpose: 1,
  StridedSlice: 1,
  SliceUpdate: 1,
  Concat: 1,
  Gather: 1,
  ScatterAdd: 1,
  Cast: 1,
  Fill: 1,
  Random: 1,
  Where: 1,
  BroadcastTo: 1,
  Conv2D: 1,
  Pool2D: 1,
  Cumulative: 1,
  Argsort: 1,
} satisfies Record<CorePrimitiveName, 1>);
const UNARY = Object.keys({
  neg: 1,
  abs: 1,
  sign: 1,
  exp: 1,
  expm1: 1,
  log: 1,
  log1p: 1,
  sqrt: 1,
  rsqrt: 1,
  square: 1,
  reciprocal: 1,
  sin: 1,
  cos: 1,
  tan: 1,
  tanh: 1,
  sigmoid: 1,
  relu: 1,
  gelu: 1,
  softplus: 1,
  erf: 1,
  floor: 1,
  ceil: 1,
  round: 1,
  logicalNot: 1,
  isNaN: 1,
  isFinite: 1,
} satisfies Record<UnaryOp, 1>);
const BINARY = Object.keys({
  add: 1,
  sub: 1,
  mul: 1,
  div: 1,
  floorDiv: 1,
  mod: 1,
  pow: 1,
  maximum: 1,
  minimum: 1,
  atan2: 1,
  equal: 1,
  notEqual: 1,
  less: 1,
  lessEqual: 1,
  greater: 1,
  greaterEqual: 1,
  logicalAnd: 1,
  logicalOr: 1,
  logicalXor: 1,
} satisfies Record<BinaryOp, 1>);
const REDUCE = Object.keys({ sum: 1, prod: 1, max: 1, min: 1, argmax: 1, argmin: 1, any: 1, all: 1 } satisfies Record<ReduceOp, 1>);

describe('primitive coverage', () => {
  it('reaches every core primitive and every Unary, Binary and Reduce op', async () => {
    const seen = new Set<string>();
    patchedCpu('cpu-recording', (primitive, kernel) => (backend, inputs, attrs) => {
      seen.add(primitive);
      const op = (attrs as { op?: unknown }).op;
      if (typeof op === 'string') seen.add(`${primitive}:${op}`);
      return kernel(backend, inputs, attrs);
    });
    for (const c of conformanceCases) await readResults(c, 'cpu-recording');
    const wanted = [
      ...PRIMITIVES,
      ...UNARY.map((o) => `Unary:${o}`),
      ...BINARY.map((o) => `Binary:${o}`),
      ...REDUCE.map((o) => `Reduce:${o}`),
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });
});

describe('the checks fail when they should', () => {
  const byName = (name: string): ConformanceCase => {
    const c = conformanceCases.find((k) => k.name === name);
    if (!c) throw new Error(`no case named ${name}`);
    return c;
  };

  it('compareResults flags shape, dtype, value, NaN and exactness mismatches', () => {
    const f = (values: number[], shape = [values.length]) => ({ shape, dtype: 'float32' as const, values: new Float32Array(values) });
    expect(compareResults([f([1, 2])], [f([1, 2])])).toEqual([]);
    expect(compareResults([f([1, 2])], [f([1, 2], [2, 1])])[0]).toMatch(/shape \[2\] ≠ expected \[2, 1\]/);
    expect(compareResults([f([1])], [{ shape: [1], dtype: 'int32', values: [1] }])[0]).toMatch(/dtype float32 ≠ expected int32/);
    expect(compareResults([f([1, 2.01])], [f([1, 2])])[0]).toMatch(/\[1\] = 2\.0099/);
    expect(compareResults([f([1, 2.01])], [f([1, 2])], { atol: 0.02 })).toEqual([]);
    expect(compareResults([f([Number.NaN])], [f([Number.NaN])])).toEqual([]);
    expect(compareResults([f([0])], [f([Number.NaN])])).toHaveLength(1);
    expect(compareResults([f([Number.POSITIVE_INFINITY])], [f([1e38])])).toHaveLength(1);
    const i = { shape: [1], dtype: 'int32' as const, values: new Int32Array([3]) };
    expect(compareResults([i], [{ shape: [1], dtype: 'int32', values: [4] }], { atol: 10 })).toHaveLength(1);
    expect(compareResults([i, i], [i])[0]).toMatch(/expected 1 result\(s\), but got 2/);
  });

  it('checkCase reports a kernel that ignores transposeB and throws', async () => {
    patchedCpu('cpu-bad-matmul', (p, k) => (p === 'MatMul' ? (b, i, a) => k(b, i, { ...(a as object), transposeB: false }) : k));
    const problems = await checkCase(byName('matmul: transposeB'), { backend: 'cpu-bad-matmul', reference: 'cpu' });
    expect(problems).toEqual([expect.stringMatching(/^cpu-bad-matmul threw: RangeError: MatMul: inner dimensions differ/)]);
  });

  it('checkCase catches a kernel that returns the wrong values', async () => {
    patchedCpu('cpu-swapped-sub', (p, k) =>
      p === 'Binary' ? (b, i, a) => k(b, (a as { op: string }).op === 'sub' ? [...(i as unknown[])].reverse() : i, a) : k,
    );
    const problems = await checkCase(byName('sub: float32 2×3'), { backend: 'cpu-swapped-sub', reference: 'cpu' });
    expect(problems).toContain('cpu-swapped-sub vs cpu: [0, 0] = 1, expected -1 (|Δ| = 2)');
    expect(problems).toContain('cpu-swapped-sub vs hand-computed: [0, 0] = 1, expected -1 (|Δ| = 2)');
    expect(problems).toContain('cpu-swapped-sub vs cpu: … 1 more of 6 values differ');
  });

  it('checkCase catches a small numeric error and scales the tolerance', async () => {
    patchedCpu('cpu-sloppy-exp', (p, k) =>
      p === 'Unary'
        ? (b, i, a) => {
            const out = k(b, i, a) as { dataId: object; shape: number[]; dtype: 'float32' };
            if ((a as { op: string }).op !== 'exp') return out;
            const backend = b as {
              values(t: unknown): Float32Array;
              output(v: Float32Array, s: number[], d: string): unknown;
              disposeData(id: object): void;
            };
            const v = backend.values(out).map((x) => x * (1 + 1e-3));
            backend.disposeData(out.dataId);
            return backend.output(v, out.shape, out.dtype);
          }
        : k,
    );
    const c = byName('exp: float32 formula on 7 values');
    expect(await checkCase(c, { backend: 'cpu-sloppy-exp', reference: 'cpu' })).not.toEqual([]);
    expect(await checkCase(c, { backend: 'cpu-sloppy-exp', reference: 'cpu', toleranceScale: 20 })).toEqual([]);
  });

  it('checkCase catches a backend that keeps buffers after the case is disposed', async () => {
    patchedCpu('cpu-leaky', (p, k) =>
      p === 'Reshape'
        ? (b, i, a) => {
            k(b, i, a);
            return k(b, i, a);
          }
        : k,
    );
    const problems = await checkCase(byName('reshape: [2, 3, 4] → [4, −1] keeps row-major order'), {
      backend: 'cpu-leaky',
      reference: 'cpu',
    });
    expect(problems).toEqual(['cpu-leaky: 1 buffer(s) still held after every tensor of the case was disposed']);
  });

  it('hand-computed values catch an oracle that agrees with itself but is wrong', async () => {
    patchedCpu('cpu-truncating-round', (p, k) =>
      p === 'Unary' ? (b, i, a) => k(b, i, (a as { op: string }).op === 'round' ? { op: 'floor' } : a) : k,
    );
    const problems = await checkCase(byName('round: float32 formula'), {
      backend: 'cpu-truncating-round',
      reference: 'cpu-truncating-round',
    });
    expect(problems.some((m) => m.startsWith('cpu-truncating-round vs hand-computed'))).toBe(true);
  });
});
