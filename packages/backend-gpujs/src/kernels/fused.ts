/**
 * Fused elementwise programs (from `@mindts/jit`) as one gpu.js kernel: the per-op templates of
 * Unary, Binary, Where and Cast, their local names suffixed per step, chained in one kernel body
 * that reads each input once and writes one output. Where gpu.js cannot run the program (a
 * dtype, a size, a lost context) it runs step by step through the per-op kernels, each of which
 * falls back to the CPU backend on its own, recorded by `explain()`.
 */
import type { DType } from '@mindts/tensor';
import {
  type ElementwiseKernel,
  type ElementwiseProgram,
  type ElementwiseRef,
  type ElementwiseStep,
  type KernelFunc,
  stepOperands,
  type TensorInfo,
} from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { BOOL_BODY, binary, CPU_ONLY, FLOAT_BODY } from './binary.js';
import { cast, where } from './elementwise.js';
import { elementReads, elementwiseSource, shapeKey } from './source.js';
import { BODY, unary } from './unary.js';

const DEVICE: ReadonlySet<DType> = new Set<DType>(['float32', 'bool']);

/**
 * `body` with every name it declares (and its operand names) suffixed by `_${k}`, so several
 * templates can share one kernel body. Member accesses (`Math.exp`) and number literals (`1e-7`)
 * are left alone.
 * @example
 * renameLocals('let y = -v;', ['v'], 3); // 'let y_3 = -v_3;'
 */
export function renameLocals(body: string, operands: readonly string[], k: number): string {
  const names = new Set([...operands, 'y', ...[...body.matchAll(/\blet (\w+)/g)].map((m) => m[1] as string)]);
  return body.replace(/(?<![.\w])([A-Za-z_]\w*)(?!\w)/g, (name) => (names.has(name) ? `${name}_${k}` : name));
}

function bodyOf(step: ElementwiseStep): { body: string; operands: string[] } | undefined {
  if (step.kind === 'unary') return { body: BODY[step.op], operands: ['v'] };
  if (step.kind === 'binary') {
    if (CPU_ONLY[step.op]) return undefined;
    const body = step.inDType === 'bool' ? (BOOL_BODY[step.op] ?? FLOAT_BODY[step.op]) : FLOAT_BODY[step.op];
    return body === undefined ? undefined : { body, operands: ['x', 'z'] };
  }
  if (step.kind === 'where') return { body: 'let y = b;\n  if (c != 0.0) { y = a; }', operands: ['c', 'a', 'b'] };
  const toBool = step.dtype === 'bool' && step.inDType !== 'bool';
  return { body: toBool ? 'let y = 1.0;\n  if (v == 0.0) { y = 0.0; }' : 'let y = v;', operands: ['v'] };
}

/**
 * The statements computing `program`'s output element at flat index `flat` into `y`, or
 * undefined when a step has no gpu.js template.
 */
function elementOf(program: ElementwiseProgram, flat: string, direct: boolean): string | undefined {
  const { inputs, steps } = program;
  const { prelude, read } = readsOf(program, flat, direct);
  const lines = prelude ? [prelude] : [];
  inputs.forEach((_, k) => {
    lines.push(`let in${k} = ${read[k]};`);
  });
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as ElementwiseStep;
    const b = bodyOf(step);
    if (!b) return undefined;
    stepOperands(step).forEach((ref, i) => {
      lines.push(`let ${b.operands[i]}_${k} = ${'input' in ref ? `in${ref.input}` : `s${ref.step}`};`);
    });
    lines.push(renameLocals(b.body, b.operands, k));
    lines.push(`let s${k} = y_${k};`);
  }
  lines.push(`let y = s${steps.length - 1};`);
  return lines.join('\n  ');
}

/** The reads of `program`'s inputs ({@link elementReads}), named t0, t1, …. */
function readsOf(program: ElementwiseProgram, flat: string, direct: boolean): ReturnType<typeof elementReads> {
  return elementReads(
    program.inputs.map((_, k) => `t${k}`),
    program.inputs.map((i) => i.shape),
    program.shape,
    flat,
    direct,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the per-op kernels, called with their own primitive's inputs.
const STEP_KERNELS: Record<ElementwiseStep['kind'], KernelFunc<any, GpujsBackend>> = { unary, binary, where, cast };

/** Runs the steps one by one through the per-op kernels (each falls back to the CPU backend on its own). */
function stepwise(backend: GpujsBackend, program: ElementwiseProgram, infos: readonly TensorInfo[]): TensorInfo {
  const vals: TensorInfo[] = [];
  const get = (r: ElementwiseRef) => ('input' in r ? (infos[r.input] as TensorInfo) : (vals[r.step] as TensorInfo));
  program.steps.forEach((s) => {
    const attrs = s.kind === 'unary' || s.kind === 'binary' ? { op: s.op } : s.kind === 'cast' ? { dtype: s.dtype } : {};
    vals.push(STEP_KERNELS[s.kind](backend, stepOperands(s).map(get), attrs));
  });
  for (const v of vals.slice(0, -1)) backend.disposeData(v.dataId);
  return vals[vals.length - 1] as TensorInfo;
}

/**
 * Compiles `program` for the gpu.js backend; undefined when a dtype (float32 and bool only) or a
 * step (floorDiv, mod) has no gpu.js form, so the caller runs those steps itself.
 * @example
 * const kernel = compileFused(backend, program);
 */
export function compileFused(backend: GpujsBackend, program: ElementwiseProgram): ElementwiseKernel | undefined {
  if (program.inputs.some((i) => !DEVICE.has(i.dtype)) || program.steps.some((s) => !DEVICE.has(s.dtype) || !DEVICE.has(s.inDType))) {
    return undefined;
  }
  if (elementOf(program, 'this.thread.x', false) === undefined) return undefined;
  const shape = [...program.shape];
  const lanes = backend.lanesFor(shape);
  const direct = backend.directReads && !lanes;
  const source = elementwiseSource(
    program.inputs.map((_, k) => `t${k}`),
    (flat) => elementOf(program, flat, direct) as string,
    lanes,
  );
  const natives = readsOf(program, 'this.thread.x', direct).natives;
  const dtype = (program.steps[program.steps.length - 1] as ElementwiseStep).dtype;
  const key = `${shapeKey(program.shape, ...program.inputs.map((i) => i.shape))}|${JSON.stringify(program.steps)}|${program.inputs.map((i) => i.dtype).join(',')}`;
  const plan = { key, shape, dtype, source: () => source, ...(lanes ? { lanes } : {}), ...(natives.length ? { natives } : {}) };
  return (infos) => backend.launchWith('Fused', infos, plan, () => stepwise(backend, program, infos));
}
