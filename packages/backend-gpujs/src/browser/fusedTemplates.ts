/**
 * Every per-op template of the gpu.js backend composed into a fused program and compiled for a
 * gpu.js mode: the op applied to a broadcast product, then to its own result (the same template
 * twice in one kernel body), checked against the same steps run op by op on the CPU backend.
 * The conformance suite's jitted cases fuse only some ops; this covers every template the fused
 * kernels use, which is where a gpu.js translator (GLSL, WGSL) may reject a composition.
 */
import { cpu } from '@mindts/backend-cpu';
import { compareResults } from '@mindts/ops/testing';
import { type DType, getBackend, listBackends, registerBackend, removeBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import {
  BOOL_BINARY_OPS,
  BOOL_UNARY_OPS,
  type BinaryOp,
  type ElementwiseProgram,
  type ElementwiseRef,
  type ElementwiseStep,
  runKernel,
  tensorInfo,
  type UnaryOp,
  wrapInfo,
} from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import type { GpujsMode } from '../gpujsModule.js';
import { gpujs } from '../gpujs.js';
import { BOOL_BODY, CPU_ONLY, FLOAT_BODY } from '../kernels/binary.js';
import { BODY } from '../kernels/unary.js';

const A = [-2.5, -0.5, 0.25, 0.75, 1.5, 3];
const B = [0.5, -1.25, 2];
/** Ops defined only on positive inputs: they start from `a·a` and run twice only where the result stays in their domain. */
const POSITIVE: ReadonlySet<UnaryOp> = new Set<UnaryOp>(['log', 'log1p', 'sqrt', 'rsqrt']);

interface Probe {
  readonly name: string;
  readonly inputs: readonly { readonly values: readonly number[]; readonly shape: readonly number[]; readonly dtype: DType }[];
  readonly steps: readonly ElementwiseStep[];
}

type Ref = ElementwiseRef;
const s = (step: number): Ref => ({ step });
const input = (k: number): Ref => ({ input: k });
const unary = (op: UnaryOp, x: Ref, inDType: DType): ElementwiseStep => ({
  kind: 'unary',
  op,
  x,
  inDType,
  dtype: BOOL_UNARY_OPS.has(op) ? 'bool' : inDType,
});
const binary = (op: BinaryOp, a: Ref, b: Ref, inDType: DType): ElementwiseStep => ({
  kind: 'binary',
  op,
  a,
  b,
  inDType,
  dtype: BOOL_BINARY_OPS.has(op) ? 'bool' : inDType,
});

/**
 * One program per template: float32 inputs `[rows, 3]` (the values of A repeated) and `[3]`
 * (bool for bool arithmetic). `rows` 4 gives 12 elements, which WebGPU runs four-wide.
 */
export function templateProbes(rows = 2): Probe[] {
  const tile = (values: readonly number[]) => Array.from({ length: rows * 3 }, (_, i) => values[i % values.length] as number);
  const f32 = [
    { values: tile(A), shape: [rows, 3], dtype: 'float32' as const },
    { values: B, shape: [3], dtype: 'float32' as const },
  ];
  const bools = [
    { values: tile([1, 0, 1, 1, 0, 0]), shape: [rows, 3], dtype: 'bool' as const },
    { values: [1, 1, 0], shape: [3], dtype: 'bool' as const },
  ];
  const probes: Probe[] = [];
  for (const op of Object.keys(BODY) as UnaryOp[]) {
    if (op === 'logicalNot') {
      probes.push({
        name: op,
        inputs: f32,
        steps: [binary('greater', input(0), input(1), 'float32'), unary(op, s(0), 'bool'), unary(op, s(1), 'bool')],
      });
      continue;
    }
    const first = POSITIVE.has(op) ? binary('mul', input(0), input(0), 'float32') : binary('mul', input(0), input(1), 'float32');
    const second = BOOL_UNARY_OPS.has(op)
      ? ({ kind: 'where', cond: s(1), a: s(0), b: input(1), inDType: 'float32', dtype: 'float32' } as const)
      : op === 'log'
        ? binary('add', s(1), s(0), 'float32')
        : unary(op, s(1), 'float32');
    probes.push({ name: op, inputs: f32, steps: [first, unary(op, s(0), 'float32'), second] });
  }
  for (const op of Object.keys(FLOAT_BODY) as BinaryOp[]) {
    if (CPU_ONLY[op]) continue;
    const second = BOOL_BINARY_OPS.has(op)
      ? ({ kind: 'where', cond: s(1), a: s(0), b: input(1), inDType: 'float32', dtype: 'float32' } as const)
      : binary(op, s(1), s(0), 'float32');
    probes.push({
      name: op,
      inputs: f32,
      steps: [binary('mul', input(0), input(1), 'float32'), binary(op, s(0), input(1), 'float32'), second],
    });
  }
  for (const op of Object.keys(BOOL_BODY) as BinaryOp[]) {
    probes.push({
      name: `${op} (bool)`,
      inputs: bools,
      steps: [binary('logicalXor', input(0), input(1), 'bool'), binary(op, s(0), input(1), 'bool'), binary(op, s(1), s(0), 'bool')],
    });
  }
  // One long kernel: every float template in turn, each result squashed into (0, 1) by a sigmoid
  // so the next op stays in its domain (log, sqrt) and errors do not grow.
  const long: ElementwiseStep[] = [binary('mul', input(0), input(1), 'float32')];
  for (const op of Object.keys(BODY) as UnaryOp[]) {
    if (BOOL_UNARY_OPS.has(op)) continue;
    long.push(unary('sigmoid', s(long.length - 1), 'float32'), unary(op, s(long.length), 'float32'));
  }
  probes.push({ name: `every float template in one ${long.length}-step kernel`, inputs: f32, steps: long });
  probes.push({
    name: 'cast float32 → bool → float32',
    inputs: f32,
    steps: [
      binary('sub', input(0), input(1), 'float32'),
      { kind: 'cast', x: s(0), inDType: 'float32', dtype: 'bool' },
      { kind: 'cast', x: s(1), inDType: 'bool', dtype: 'float32' },
    ],
  });
  return probes;
}

/** Reason → count of the fused programs `backend` ran op by op so far. */
export function fusedFallbacks(backend: GpujsBackend): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of backend.explain().fallbacks) if (f.primitive === 'Fused') out.set(f.reason, (out.get(f.reason) ?? 0) + f.count);
  return out;
}

/** The program's steps run one by one through the active backend's kernels. */
function stepByStep(p: Probe, inputs: readonly Tensor[]): Tensor[] {
  const vals: Tensor[] = [];
  const get = (r: Ref) => ('input' in r ? inputs[r.input] : vals[r.step]) as Tensor;
  for (const st of p.steps) {
    if (st.kind === 'unary') vals.push(runKernel('Unary', [get(st.x)], { op: st.op }));
    else if (st.kind === 'binary') vals.push(runKernel('Binary', [get(st.a), get(st.b)], { op: st.op }));
    else if (st.kind === 'where') vals.push(runKernel('Where', [get(st.cond), get(st.a), get(st.b)], {}));
    else vals.push(runKernel('Cast', [get(st.x)], { dtype: st.dtype }));
  }
  return vals;
}

/**
 * Compiles every template probe as one fused kernel on `gpujs({ mode, cpuThreshold: 0 })` and
 * checks it ran on the device (no `Fused` fallback) with the CPU backend's results, over 6
 * elements and over 12 (four-wide on WebGPU). Returns the problems, one line per probe.
 * @example
 * const problems = await checkFusedTemplates('webgpu');
 */
export async function checkFusedTemplates(mode: GpujsMode): Promise<string[]> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const name = `gpujs-${mode}-templates`;
  registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
  const problems: string[] = [];
  try {
    for (const p of [2, 4].flatMap((rows) => templateProbes(rows))) {
      await setBackend('cpu');
      const cpuIn = p.inputs.map((i) => tensor(i.values as number[], i.dtype, i.shape));
      const cpuVals = stepByStep(p, cpuIn);
      const last = cpuVals[cpuVals.length - 1] as Tensor;
      const expected = [{ shape: [...last.shape], dtype: last.dtype, values: await last.data() }];
      for (const t of [...cpuIn, ...cpuVals]) t.dispose();

      await setBackend(name);
      const backend = getBackend() as GpujsBackend;
      const before = fusedFallbacks(backend);
      const ins = p.inputs.map((i) => tensor(i.values as number[], i.dtype, i.shape));
      const program: ElementwiseProgram = {
        shape: [...(p.inputs[0]?.shape ?? [])],
        inputs: p.inputs.map((i) => ({ shape: i.shape, dtype: i.dtype })),
        steps: p.steps,
      };
      const kernel = backend.compileElementwise(program);
      if (!kernel) {
        problems.push(`${p.name} [${program.shape}]: the backend declined the program`);
        for (const t of ins) t.dispose();
        continue;
      }
      const out = wrapInfo(kernel(ins.map((t) => tensorInfo(t, backend))), backend);
      const got = [{ shape: [...out.shape], dtype: out.dtype, values: await out.data() }];
      for (const t of [...ins, out]) t.dispose();
      for (const [reason, count] of fusedFallbacks(backend)) {
        if (count > (before.get(reason) ?? 0)) problems.push(`${p.name} [${program.shape}]: ran op by op: ${reason}`);
      }
      for (const m of compareResults(got, expected)) problems.push(`${p.name} [${program.shape}]: fused vs cpu: ${m}`);
    }
  } finally {
    removeBackend(name);
  }
  return problems;
}
