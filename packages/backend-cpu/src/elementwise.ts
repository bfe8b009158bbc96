/**
 * Fused elementwise programs on host memory (typed arrays): one generated JavaScript loop that
 * reads each input once and writes the output once, or, where code generation is not allowed,
 * an interpreter that runs the steps block by block. Both give exactly what the steps give one
 * by one on this backend: the same scalar functions, and every intermediate rounded to its
 * dtype as storing it would. Shared with the wasm backend, which runs it over views of its
 * linear memory.
 */

import { checkOptions, type DType, describeType, type Values } from '@mindts/tensor';
import {
  broadcastShapes,
  type ElementwiseProgram,
  type ElementwiseRef,
  type ElementwiseStep,
  sizeOf,
  stepOperands,
} from '@mindts/tensor/backend';
import { binaryFunction } from './kernels/binaryOps.js';
import { castScalar } from './kernels/cast.js';
import { isFloatDType } from './kernels/dtypeRules.js';
import { unaryFunction } from './kernels/unary.js';

/**
 * Runs a compiled program: `out` has the program's size; `inputs` are in program order.
 * @example
 * const run: HostElementwise = compileHostElementwise(program)!;
 * const out = new Float32Array(6);
 * run(out, [a, b]); // a, b: Float32Arrays of the program's input shapes
 */
export type HostElementwise = (out: Values, inputs: readonly Values[]) => void;

type Scalar1 = (x: number) => number;
type Scalar2 = (a: number, b: number) => number;

/** dtypes a host program can hold: their compute form is the stored form. */
const HOST_DTYPES: ReadonlySet<DType> = new Set<DType>(['float32', 'float64', 'int32', 'int8', 'uint8', 'bool']);

/** How input k is indexed for output element i. */
type Access =
  | { kind: 'full' }
  | { kind: 'scalar' }
  /** input[i % period]: the input is the trailing dims of the output. */
  | { kind: 'suffix'; period: number }
  /** input[floor(i / run)]: the input is the leading dims of the output. */
  | { kind: 'prefix'; run: number }
  /** input[map[i]]: any other broadcast, precomputed once (shapes are static). */
  | { kind: 'map'; map: Int32Array };

function accessOf(inShape: readonly number[], shape: readonly number[]): Access {
  const n = sizeOf(shape);
  const m = sizeOf(inShape);
  if (m === n) return { kind: 'full' };
  if (m === 1) return { kind: 'scalar' };
  const padded = [...new Array<number>(shape.length - inShape.length).fill(1), ...inShape];
  let first = 0;
  while (first < padded.length && padded[first] === 1) first++;
  if (padded.slice(first).every((d, k) => d === shape[first + k])) return { kind: 'suffix', period: m };
  let last = padded.length;
  while (last > 0 && padded[last - 1] === 1) last--;
  if (padded.slice(0, last).every((d, k) => d === shape[k])) return { kind: 'prefix', run: n / m };
  const map = new Int32Array(n);
  const strides = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = padded[d] === 1 ? 0 : s;
    s *= padded[d] as number;
  }
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let d = 0; d < shape.length; d++) off += (idx[d] as number) * (strides[d] as number);
    map[i] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++(idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return { kind: 'map', map };
}

/** What storing x into a typed array of `dtype` does to it. */
function storeFn(dtype: DType): Scalar1 {
  switch (dtype) {
    case 'float32':
      return Math.fround;
    case 'int32':
      return (x) => x | 0;
    case 'int8':
      return (x) => (x << 24) >> 24;
    case 'uint8':
      return (x) => x & 255;
    default:
      return (x) => x;
  }
}

/**
 * float32 ops whose result is exactly representable when their operands are (every operand in a
 * program is: inputs are float32 arrays, steps are rounded): rounding them again is a no-op.
 */
const EXACT_F32: ReadonlySet<string> = new Set(['neg', 'abs', 'relu', 'sign', 'floor', 'ceil', 'round', 'maximum', 'minimum', 'where']);

function storeExpr(dtype: DType, e: string, exact = false): string {
  switch (dtype) {
    case 'float32':
      return exact ? `(${e})` : `fround(${e})`;
    case 'int32':
      return `((${e}) | 0)`;
    case 'int8':
      return `(((${e}) << 24) >> 24)`;
    case 'uint8':
      return `((${e}) & 255)`;
    default:
      return `(${e})`;
  }
}

/** The step's scalar function, or a reason it cannot run here. */
function scalarOf(step: ElementwiseStep): Scalar1 | Scalar2 | string | null {
  if (!HOST_DTYPES.has(step.dtype) || !HOST_DTYPES.has(step.inDType))
    return `dtype ${step.inDType} → ${step.dtype} is not held on the host as computed`;
  try {
    if (step.kind === 'unary') return unaryFunction(step.op, step.inDType);
    if (step.kind === 'binary') return binaryFunction(step.op, step.inDType);
    if (step.kind === 'cast') {
      const to = step.dtype;
      return (x: number) => castScalar(x, to);
    }
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Float expressions written inline (the same arithmetic as the scalar functions they replace). */
const INLINE_UNARY: Partial<Record<string, (x: string) => string>> = {
  neg: (x) => `-${x}`,
  abs: (x) => `Math.abs(${x})`,
  exp: (x) => `Math.exp(${x})`,
  log: (x) => `Math.log(${x})`,
  sqrt: (x) => `Math.sqrt(${x})`,
  rsqrt: (x) => `1 / Math.sqrt(${x})`,
  square: (x) => `${x} * ${x}`,
  reciprocal: (x) => `1 / ${x}`,
  tanh: (x) => `Math.tanh(${x})`,
  // Branch-free (a data-dependent branch costs ~20 ns per element on random signs): −∞ → 0 first
  // (a predictable branch), then (t + |t|) / 2 is t for t > 0, +0 for t ≤ 0 and NaN for NaN.
  relu: (x) => `relu(${x})`,
};
const INLINE_BINARY: Partial<Record<string, (a: string, b: string) => string>> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  equal: (a, b) => `+(${a} === ${b})`,
  notEqual: (a, b) => `+(${a} !== ${b})`,
  less: (a, b) => `+(${a} < ${b})`,
  lessEqual: (a, b) => `+(${a} <= ${b})`,
  greater: (a, b) => `+(${a} > ${b})`,
  greaterEqual: (a, b) => `+(${a} >= ${b})`,
};

function checkProgram(program: ElementwiseProgram): void {
  const bad = (arg: string, expected: string, value: unknown): TypeError =>
    new TypeError(`compileHostElementwise: ${arg} must be ${expected}, but got ${describeType(value)}.`);
  if (program === null || typeof program !== 'object') throw bad('program', 'an ElementwiseProgram { shape, inputs, steps }', program);
  const { steps, inputs, shape } = program;
  if (!Array.isArray(shape)) throw bad('program.shape', 'an array of numbers', shape);
  if (!Array.isArray(inputs)) throw bad('program.inputs', 'an array of { shape, dtype }', inputs);
  if (!Array.isArray(steps)) throw bad('program.steps', 'an array of steps', steps);
  inputs.forEach((input, i) => {
    if (input === null || typeof input !== 'object' || !Array.isArray(input.shape))
      throw bad(`program.inputs[${i}]`, 'a { shape, dtype }', input);
  });
  if (steps.length === 0) throw new RangeError('compileElementwise: the program has no steps.');
  for (const input of inputs) {
    if (!shapesBroadcastTo(input.shape, shape)) {
      throw new RangeError(`compileElementwise: input shape [${input.shape.join(', ')}] does not broadcast to [${shape.join(', ')}].`);
    }
  }
  steps.forEach((step, k) => {
    for (const ref of stepOperands(step)) {
      if (ref === null || typeof ref !== 'object')
        throw bad(`program.steps[${k}]'s operand`, 'an ElementwiseRef ({ input } or { step })', ref);
      if ('step' in ref ? !(ref.step >= 0 && ref.step < k) : !(ref.input >= 0 && ref.input < inputs.length)) {
        throw new RangeError(`compileElementwise: step ${k} reads an operand that does not exist yet.`);
      }
    }
  });
}

function shapesBroadcastTo(from: readonly number[], to: readonly number[]): boolean {
  try {
    const b = broadcastShapes(from, to);
    return b.length === to.length && b.every((d, i) => d === to[i]);
  } catch {
    return false;
  }
}

/**
 * Compiles `program` for typed arrays; undefined if a dtype or op has no host form (float16,
 * int64, an op the dtype does not support). `codegen: false` interprets instead of generating.
 * @example
 * const run = compileHostElementwise(program);
 * run(out, [a, b]);
 */
export function compileHostElementwise(program: ElementwiseProgram, options: { codegen?: boolean } = {}): HostElementwise | undefined {
  checkOptions<{ codegen?: boolean }>(options, 'compileHostElementwise', { codegen: true });
  checkProgram(program);
  if (program.inputs.some((i) => !HOST_DTYPES.has(i.dtype))) return undefined;
  const fns = program.steps.map((s) => scalarOf(s));
  if (fns.some((f) => typeof f === 'string')) return undefined;
  const accesses = program.inputs.map((i) => accessOf(i.shape, program.shape));
  if (options.codegen !== false) {
    const generated = generate(program, accesses, fns as (Scalar1 | Scalar2 | null)[]);
    if (generated) return generated;
  }
  return interpret(program, accesses, fns as (Scalar1 | Scalar2 | null)[]);
}

function generate(program: ElementwiseProgram, accesses: Access[], fns: (Scalar1 | Scalar2 | null)[]): HostElementwise | undefined {
  const pre: string[] = [];
  const head: string[] = [];
  const advance: string[] = [];
  accesses.forEach((a, k) => {
    pre.push(`const in${k} = ins[${k}];`);
    if (a.kind === 'full') head.push(`const v${k} = in${k}[i];`);
    else if (a.kind === 'scalar') pre.push(`const v${k} = in${k}[0];`);
    else if (a.kind === 'suffix') {
      pre.push(`let j${k} = 0;`);
      head.push(`const v${k} = in${k}[j${k}];`);
      advance.push(`if (++j${k} === ${a.period}) j${k} = 0;`);
    } else if (a.kind === 'prefix') {
      pre.push(`let q${k} = 0, r${k} = 0;`);
      head.push(`const v${k} = in${k}[q${k}];`);
      advance.push(`if (++r${k} === ${a.run}) { r${k} = 0; q${k}++; }`);
    } else {
      pre.push(`const m${k} = maps[${k}];`);
      head.push(`const v${k} = in${k}[m${k}[i]];`);
    }
  });
  const name = (r: ElementwiseRef) => ('input' in r ? `v${r.input}` : `s${r.step}`);
  const body: string[] = [];
  program.steps.forEach((step, k) => {
    let e: string;
    const float = isFloatDType(step.inDType);
    if (step.kind === 'unary') {
      const inline = float ? INLINE_UNARY[step.op] : undefined;
      e = inline ? inline(name(step.x)) : `f${k}(${name(step.x)})`;
    } else if (step.kind === 'binary') {
      const inline = float ? INLINE_BINARY[step.op] : undefined;
      e = inline ? inline(name(step.a), name(step.b)) : `f${k}(${name(step.a)}, ${name(step.b)})`;
    } else if (step.kind === 'cast') e = `f${k}(${name(step.x)})`;
    // Branch-free select: cond is exactly 0 or 1 (a bool).
    else e = `(pick[0] = ${name(step.b)}, pick[1] = ${name(step.a)}, pick[${name(step.cond)}])`;
    const exact = step.inDType === 'float32' && EXACT_F32.has(step.kind === 'unary' || step.kind === 'binary' ? step.op : step.kind);
    body.push(`const s${k} = ${storeExpr(step.dtype, e, exact)};`);
    if (fns[k]) pre.push(`const f${k} = fns[${k}];`);
  });
  const last = program.steps.length - 1;
  const source = [
    '"use strict";',
    'const fround = Math.fround;',
    'const relu = (s) => { const t = s < -3.4028234663852886e38 ? 0 : s; return (t + Math.abs(t)) * 0.5; };',
    'const pick = new Float64Array(2);',
    'return function fusedElementwise(out, ins) {',
    ...pre,
    'const n = out.length;',
    'for (let i = 0; i < n; i++) {',
    ...head,
    ...body,
    `out[i] = s${last};`,
    ...advance,
    '}',
    '};',
  ].join('\n');
  const maps = accesses.map((a) => (a.kind === 'map' ? a.map : undefined));
  let factory: (fns: unknown[], maps: unknown[]) => HostElementwise;
  try {
    factory = new Function('fns', 'maps', source) as typeof factory;
  } catch {
    // Code generation is not allowed here (Content-Security-Policy): interpret instead.
    return undefined;
  }
  return factory(fns, maps);
}

const BLOCK = 1024;

/** Runs the steps one after another over blocks of elements: no generated code. */
function interpret(program: ElementwiseProgram, accesses: Access[], fns: (Scalar1 | Scalar2 | null)[]): HostElementwise {
  const { steps } = program;
  const stores = steps.map((s) => storeFn(s.dtype));
  return (out, ins) => {
    const n = out.length;
    const inputs = accesses.map(() => new Float64Array(BLOCK));
    const temps = steps.map(() => new Float64Array(BLOCK));
    const operand = (r: ElementwiseRef) => ('input' in r ? (inputs[r.input] as Float64Array) : (temps[r.step] as Float64Array));
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      accesses.forEach((a, k) => {
        const src = ins[k] as Values;
        const dst = inputs[k] as Float64Array;
        for (let t = 0; t < len; t++) {
          const i = start + t;
          dst[t] = src[
            a.kind === 'full'
              ? i
              : a.kind === 'scalar'
                ? 0
                : a.kind === 'suffix'
                  ? i % a.period
                  : a.kind === 'prefix'
                    ? Math.floor(i / a.run)
                    : (a.map[i] as number)
          ] as number;
        }
      });
      steps.forEach((step, k) => {
        const dst = temps[k] as Float64Array;
        const store = stores[k] as Scalar1;
        if (step.kind === 'unary' || step.kind === 'cast') {
          const f = fns[k] as Scalar1;
          const x = operand(step.x);
          for (let t = 0; t < len; t++) dst[t] = store(f(x[t] as number));
        } else if (step.kind === 'binary') {
          const f = fns[k] as Scalar2;
          const a = operand(step.a);
          const b = operand(step.b);
          for (let t = 0; t < len; t++) dst[t] = store(f(a[t] as number, b[t] as number));
        } else {
          const c = operand(step.cond);
          const a = operand(step.a);
          const b = operand(step.b);
          for (let t = 0; t < len; t++) dst[t] = store(c[t] !== 0 ? (a[t] as number) : (b[t] as number));
        }
      });
      const result = temps[steps.length - 1] as Float64Array;
      for (let t = 0; t < len; t++) out[start + t] = result[t] as number;
    }
  };
}
