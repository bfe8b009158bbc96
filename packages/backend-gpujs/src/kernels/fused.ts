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
  sizeOf,
  stepOperands,
  type TensorInfo,
} from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { BOOL_BODY, binary, CPU_ONLY, FLOAT_BODY } from './binary.js';
import { cast, where } from './elementwise.js';
import type { Layout } from '../deviceStore.js';
import type { LaunchPlan } from '../launchPlan.js';
import { blockedTexel, elementReads, elementwiseSource, kernelArguments, kernelSource, type NativeFunction, shapeKey } from './source.js';
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
  const { prelude, read } = readsOf(program, flat, direct);
  const lines = stepLines(program, read);
  return lines && [prelude, ...lines].filter(Boolean).join('\n  ');
}

/** The statements computing the program's value into `y` from its inputs' values `read`. */
function stepLines(program: ElementwiseProgram, read: readonly string[]): string[] | undefined {
  const { inputs, steps } = program;
  const lines = inputs.map((_, k) => `let in${k} = ${read[k]};`);
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
  return lines;
}

/** The reads of `program`'s inputs ({@link elementReads}), named t0, t1, …. */
function readsOf(
  program: ElementwiseProgram,
  flat: string,
  direct: boolean,
  blocked: readonly boolean[] = [],
): ReturnType<typeof elementReads> {
  return elementReads(
    program.inputs.map((_, k) => `t${k}`),
    program.inputs.map((i) => i.shape),
    program.shape,
    flat,
    direct,
    blocked,
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
 * step (floorDiv, mod) has no gpu.js form, so the caller runs those steps itself. On WebGL2, a
 * call whose inputs include a `rows` or `blocked` form runs a variant reading them as they are:
 * the {@link rowsPlan} (packed rows out) from {@link ROWS_MIN} elements or for an input in packed
 * rows, else the flat kernel reading a blocked input in place.
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
  const byRows = rowsReads(backend, program);
  const variants = new Map<string, LaunchPlan>();
  const variant = (forms: readonly (Layout['kind'] | undefined)[]): LaunchPlan => {
    const full = forms.map((f, k) => (byRows?.[k] === 'full' ? f : undefined));
    // Packed rows out where a weight in packed rows comes in (it stays so), or where the matrix
    // is large enough that a quarter of the fragments outweighs converting it for a later read.
    if (byRows && (full.includes('rows') || (full.includes('blocked') && sizeOf(shape) >= ROWS_MIN))) {
      return rowsPlan(program, key, full, byRows);
    }
    const blocked = forms.map(
      (f, k) => f === 'blocked' && direct && sameShape(program.inputs[k]?.shape ?? [], shape) && shape.length === 2,
    );
    if (!blocked.includes(true)) return plan;
    const names = program.inputs.map((_, k) => `t${k}`);
    const reads = readsOf(program, 'this.thread.x', direct, blocked);
    const body = [reads.prelude, ...(stepLines(program, reads.read) as string[]), 'return y;'].filter(Boolean).join('\n  ');
    const source = kernelSource(kernelArguments(names, blocked), body);
    return {
      ...plan,
      key: `blocked|${blocked.map(Number).join('')}|${key}`,
      source: () => source,
      natives: reads.natives,
      inputLayouts: blocked.map((b) => (b ? ('blocked' as const) : undefined)),
    };
  };
  return (infos) => {
    const forms = backend.layouts ? infos.map((t) => backend.layoutOf(t)?.kind) : [];
    let chosen: LaunchPlan = plan;
    if (forms.some(Boolean)) {
      const signature = forms.map((f) => f ?? '-').join(',');
      chosen = variants.get(signature) ?? variant(forms);
      variants.set(signature, chosen);
    }
    return backend.launchWith('Fused', infos, chosen, () => stepwise(backend, program, infos));
  };
}

/**
 * Elements from which a fused program over a matrix with a blocked input writes packed rows
 * rather than reading the blocked input in place and writing the flat texture. Measured on
 * SwiftShader (WebGL2), an SGD update of a [256, 784] weight: packed rows 1.7 ms (and the next
 * product reads them without packing), in place 4.3 ms; ReLU's gradient over [64, 256]: packed
 * rows 0.7 ms and 0.6 to convert them for the products that read it, in place 0.7 ms.
 */
const ROWS_MIN = 65536;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** How a rows-form kernel reads an input: all of it, four columns a texel, or its one element. */
type RowsRead = 'full' | 'one';

/**
 * Per input, how a kernel writing the program's value in the `rows` form would read it, or
 * undefined where it cannot: not WebGL2, not a float32 matrix whose row length is a multiple of 4
 * within the texture size, or an input that broadcasts along an axis.
 */
function rowsReads(backend: GpujsBackend, program: ElementwiseProgram): RowsRead[] | undefined {
  const [r, c] = program.shape;
  const dtype = (program.steps[program.steps.length - 1] as ElementwiseStep).dtype;
  if (!backend.layouts || program.shape.length !== 2 || dtype !== 'float32') return undefined;
  if (!(r !== undefined && c !== undefined && c % 4 === 0 && r >= 2 && Math.max(r, c / 4) <= backend.maxTextureSize)) return undefined;
  const reads = program.inputs.map((i): RowsRead | undefined =>
    i.shape.every((d) => d === 1) ? 'one' : i.shape.length === 2 && i.shape[0] === r && i.shape[1] === c ? 'full' : undefined,
  );
  return reads.every(Boolean) ? (reads as RowsRead[]) : undefined;
}

/**
 * The program as a kernel writing its value in the `rows` form: thread (q, i) computes row i,
 * columns 4q … 4q + 3 (four lanes of the per-element statements), reading an input in the `rows`
 * form as the texel under the fragment, a `blocked` one as the texel of its part i mod 4, a flat
 * one as four texels, and a one-element input once. A weight update `w − lr·g` with `g` a blocked
 * product and `w` in the rows form is then one pass over a quarter of the fragments, where the
 * flat form takes the product's unpack and a pass over every element (measured on SwiftShader,
 * [256, 784]: 1.8 ms instead of 4.5), and the next product reads `w` without packing it.
 */
function rowsPlan(
  program: ElementwiseProgram,
  key: string,
  forms: readonly (Layout['kind'] | undefined)[],
  reads: readonly RowsRead[],
): LaunchPlan {
  const [r, c] = program.shape as [number, number];
  const natives: NativeFunction[] = [];
  const args: string[] = [];
  const values: string[] = [];
  reads.forEach((read, k) => {
    const name = `t${k}`;
    const fn = `in_${name}`;
    if (read === 'one') {
      args.push(name);
      natives.push({ name: fn, source: `float ${fn}() { return texelFetch(user_${name}, ivec2(0, 0), 0).r; }`, returnType: 'Number' });
      values.push(`let v${k} = ${fn}();`);
      return;
    }
    const form = forms[k];
    const xy = 'ivec2 xy = ivec2(gl_FragCoord.xy);';
    let body: string;
    if (form === 'blocked') {
      // Part o as argument `t<k>p<o>` (gpu.js declares no uniform for an argument named with '_').
      args.push(...[0, 1, 2, 3].map((o) => `${name}p${o}`));
      body = `${xy}\n  return ${blockedTexel(`${name}p`, 'xy.y', 'xy.x')};`;
    } else if (form === 'rows') {
      args.push(name);
      body = `${xy}\n  return texelFetch(user_${name}, xy, 0);`;
    } else {
      args.push(name);
      body = `${xy}\n  int e = xy.y * ${c} + xy.x * 4;\n  int w = textureSize(user_${name}, 0).x;\n  vec4 v;\n  for (int l = 0; l < 4; l++) { int f = e + l; v[l] = texelFetch(user_${name}, ivec2(f % w, f / w), 0).r; }\n  return v;`;
    }
    natives.push({ name: fn, source: `vec4 ${fn}() {\n  ${body}\n}`, returnType: 'Array(4)' });
    values.push(`const v${k} = ${fn}();`);
  });
  const lane = (l: number) => {
    const lines = stepLines(
      program,
      reads.map((read, k) => (read === 'one' ? `v${k}` : `v${k}[${l}]`)),
    ) as string[];
    return `{\n  ${lines.join('\n  ')}\n  lane${l} = y;\n  }`;
  };
  const source = kernelSource(
    args,
    [...values, ...[0, 1, 2, 3].map((l) => `let lane${l} = 0.0;`), ...[0, 1, 2, 3].map(lane), 'return [lane0, lane1, lane2, lane3];'].join(
      '\n  ',
    ),
  );
  return {
    key: `rows|${forms.map((f) => f ?? '-').join(',')}|${key}`,
    shape: program.shape,
    dtype: 'float32',
    source: () => source,
    grid: [c / 4, r],
    natives,
    inputLayouts: forms,
    outputLayout: 'rows',
  };
}
