/**
 * Fused elementwise programs on the wasm backend, in blocks: the output is walked in blocks of
 * about 16,384 elements, and every step of the program runs over the block with the same SIMD
 * kernel it would run eagerly, reading the previous steps' blocks from small scratch buffers that
 * stay in cache. Large inputs are read once and the output written once; results are exactly the
 * eager ones, since each step is the eager kernel (and, for ops the wasm kernels lack, the CPU
 * backend's scalar function, as the eager fallback uses). No code is generated.
 */
import { binaryFunction, castScalar, unaryFunction } from '@mindts/backend-cpu';
import type { DType } from '@mindts/tensor';
import {
  type ElementwiseKernel,
  type ElementwiseProgram,
  type ElementwiseRef,
  type ElementwiseStep,
  sizeOf,
  stepOperands,
} from '@mindts/tensor/backend';
import { BINARY_F32, BINARY_I32, BINARY_U8, COMPARE } from './kernels/binary.js';
import { DIRECT_CASTS } from './kernels/cast.js';
import { UNARY_ERF, UNARY_F32, UNARY_I32, UNARY_MASKS } from './kernels/unary.js';
import type { WasmBackend } from './wasmBackend.js';

/** Elements per block (64 kB per float32 scratch buffer: a chain's blocks stay in L2). */
const BLOCK = 16384;
const SIZE: Partial<Record<DType, number>> = { float32: 4, int32: 4, bool: 1 };

/** Where a step reads an operand in the current block: element (r, i) is at ptr + (r·rowStride + i·vec)·size. */
interface Loc {
  ptr: number;
  rowStride: number;
  vec: number;
}

/** Runs one step over a block of `rows` × `inner` elements into the contiguous `out`. */
type Runner = (operands: readonly Loc[], out: number, rows: number, inner: number) => void;

/** A scalar JavaScript loop over the block with the CPU backend's function: what the eager fallback computes. */
function scalarRunner(backend: WasmBackend, step: ElementwiseStep, fn: (...xs: number[]) => number): Runner {
  const inTypes = stepOperands(step).map((_, k) => (step.kind === 'where' && k === 0 ? 'bool' : step.inDType));
  const store = step.dtype === 'float32' ? Math.fround : step.dtype === 'int32' ? (x: number) => x | 0 : (x: number) => x;
  return (operands, out, rows, inner) => {
    const views = operands.map((o, k) => backend.view(o.ptr, (rows - 1) * o.rowStride + (inner - 1) * o.vec + 1, inTypes[k] as DType));
    const o = backend.view(out, rows * inner, step.dtype);
    const xs = new Array<number>(operands.length);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < inner; i++) {
        for (let k = 0; k < operands.length; k++) {
          const loc = operands[k] as Loc;
          xs[k] = (views[k] as ArrayLike<number>)[r * loc.rowStride + i * loc.vec] as number;
        }
        o[r * inner + i] = store(fn(...xs));
      }
    }
  };
}

/** The runner of `step`: the eager wasm kernel, or the CPU function where eager falls back; undefined if neither fits a block. */
function runnerOf(backend: WasmBackend, step: ElementwiseStep, contiguous: readonly boolean[]): Runner | undefined {
  const k = backend.kernels;
  const dense = contiguous.every(Boolean);
  if (step.kind === 'binary') {
    const { op, inDType } = step;
    const compare = (inDType === 'float32' || inDType === 'int32') && COMPARE[op] !== undefined;
    if (compare) {
      const code = COMPARE[op] as number;
      const int = inDType === 'int32' ? 1 : 0;
      return (ops, o, rows, inner) =>
        k.compare32(int, code, ops[0]!.ptr, ops[0]!.rowStride, ops[0]!.vec, ops[1]!.ptr, ops[1]!.rowStride, ops[1]!.vec, o, rows, inner);
    }
    const table = inDType === 'float32' ? BINARY_F32 : inDType === 'int32' ? BINARY_I32 : inDType === 'bool' ? BINARY_U8 : undefined;
    const code = table?.[op];
    if (code !== undefined) {
      const run = inDType === 'float32' ? k.binaryF32 : inDType === 'int32' ? k.binaryI32 : k.binaryU8;
      return (ops, o, rows, inner) =>
        run(code, ops[0]!.ptr, ops[0]!.rowStride, ops[0]!.vec, ops[1]!.ptr, ops[1]!.rowStride, ops[1]!.vec, o, rows, inner);
    }
    const fn = binaryFunction(op, inDType);
    return scalarRunner(backend, step, fn as (...xs: number[]) => number);
  }
  if (step.kind === 'where') {
    if (step.inDType === 'float32' || step.inDType === 'int32') {
      return (ops, o, rows, inner) =>
        k.where32(
          ops[0]!.ptr,
          ops[0]!.rowStride,
          ops[0]!.vec,
          ops[1]!.ptr,
          ops[1]!.rowStride,
          ops[1]!.vec,
          ops[2]!.ptr,
          ops[2]!.rowStride,
          ops[2]!.vec,
          o,
          rows,
          inner,
        );
    }
    return scalarRunner(backend, step, (c, a, b) => (c !== 0 ? (a as number) : (b as number)));
  }
  if (step.kind === 'unary') {
    const { op, inDType } = step;
    const mask = inDType === 'float32' ? UNARY_MASKS[op] : undefined;
    const erfCode = inDType === 'float32' ? UNARY_ERF[op] : undefined;
    // erf and the exact gelu on a contiguous operand: the eager kernel's SIMD loop (else the CPU's scalar function below).
    if (erfCode !== undefined && dense) return (ops, o, rows, inner) => k.erfF32(erfCode, ops[0]!.ptr, o, rows * inner);
    const code = inDType === 'float32' ? UNARY_F32[op] : inDType === 'int32' ? UNARY_I32[op] : undefined;
    if (mask !== undefined || (inDType === 'bool' && op === 'logicalNot') || code !== undefined) {
      // The SIMD maps read a contiguous operand.
      if (!dense) return undefined;
      if (mask !== undefined) return (ops, o, rows, inner) => k.maskOf32(mask, ops[0]!.ptr, o, rows * inner);
      if (code === undefined) return (ops, o, rows, inner) => k.notU8(ops[0]!.ptr, o, rows * inner);
      const run = inDType === 'float32' ? k.unaryF32 : k.unaryI32;
      return (ops, o, rows, inner) => run(code, ops[0]!.ptr, o, rows * inner);
    }
    return scalarRunner(backend, step, unaryFunction(op, inDType));
  }
  // Cast
  const from = step.inDType;
  const to = step.dtype;
  if (to === 'bool' && (from === 'float32' || from === 'int32')) {
    if (!dense) return undefined;
    const code = from === 'float32' ? 2 : 3;
    return (ops, o, rows, inner) => k.maskOf32(code, ops[0]!.ptr, o, rows * inner);
  }
  if (DIRECT_CASTS.has(`${from}>${to}`)) {
    if (!dense) return undefined;
    return (ops, o, rows, inner) => backend.view(o, rows * inner, to).set(backend.view(ops[0]!.ptr, rows * inner, from));
  }
  return scalarRunner(backend, step, (x) => castScalar(x, to));
}

/** `run`, then its block rounded to float16 precision in place (a float16 step computed in float32; ./fusedFloat16.ts). */
function roundAfter(backend: WasmBackend, run: Runner): Runner {
  return (ops, o, rows, inner) => {
    run(ops, o, rows, inner);
    backend.kernels.roundF16(o, o, rows * inner);
  };
}

/** One input's walk over outer × rows × inner: element (a, r, i) is at a·outerStride + r·rowStride + i·vec. */
interface Walk3 {
  readonly outerStride: number;
  readonly rowStride: number;
  readonly vec: number;
}

/** The output as outer × rows × inner, and every input's walk over it. */
interface Plan3 {
  readonly outer: number;
  readonly rows: number;
  readonly inner: number;
  readonly walks: readonly Walk3[];
}

/**
 * Splits `shape` into three groups of axes (outer, rows, inner) so that every input spans each
 * group fully or not at all (size 1 there): same-shape, scalar, bias-row, column and channel
 * ([1, C, 1, 1] over [N, C, H, W]) broadcasts. Prefers the longest inner run.
 */
export function planBroadcast3(shapes: readonly (readonly number[])[], shape: readonly number[]): Plan3 | undefined {
  const rank = shape.length;
  const size = (from: number, to: number) => sizeOf(shape.slice(from, to));
  for (let k2 = 0; k2 <= rank; k2++) {
    for (let k1 = 0; k1 <= k2; k1++) {
      const walks: Walk3[] = [];
      for (const s of shapes) {
        const padded = [...new Array<number>(rank - s.length).fill(1), ...s];
        const group = (from: number, to: number): boolean | undefined => {
          const dims = padded.slice(from, to);
          if (dims.every((d, i) => d === shape[from + i])) return true;
          if (dims.every((d) => d === 1)) return false;
          return undefined;
        };
        const [fa, fb, fc] = [group(0, k1), group(k1, k2), group(k2, rank)];
        if (fa === undefined || fb === undefined || fc === undefined) break;
        const c = fc ? size(k2, rank) : 1;
        const b = fb ? size(k1, k2) : 1;
        walks.push({ outerStride: fa ? b * c : 0, rowStride: fb ? c : 0, vec: fc ? 1 : 0 });
      }
      if (walks.length === shapes.length) return { outer: size(0, k1), rows: size(k1, k2), inner: size(k2, rank), walks };
    }
  }
  return undefined;
}

/**
 * Compiles `program` into a blocked kernel on `backend`, or undefined when its dtypes (only
 * float32, int32 and bool), broadcasts (see {@link planBroadcast3}) or a step reading a broadcast
 * operand with a contiguous-only kernel do not fit. Steps flagged in `rounded` round their block
 * to float16 precision after running (their output is float16 in the original program).
 * @example
 * const kernel = compileBlocked(backend, program);
 * const out = kernel?.([a, b]);
 */
export function compileBlocked(
  backend: WasmBackend,
  program: ElementwiseProgram,
  rounded: readonly boolean[] = [],
): ElementwiseKernel | undefined {
  const { steps, inputs, shape } = program;
  if (steps.length === 0) return undefined;
  if (inputs.some((i) => SIZE[i.dtype] === undefined) || steps.some((s) => SIZE[s.dtype] === undefined || SIZE[s.inDType] === undefined)) {
    return undefined;
  }
  const plan = planBroadcast3(
    inputs.map((i) => i.shape),
    shape,
  );
  if (!plan) return undefined;
  const { outer, rows, inner } = plan;
  const walks = plan.walks;
  const full = (ref: ElementwiseRef) => {
    if ('step' in ref) return true;
    const w = walks[ref.input] as Walk3;
    return w.vec === 1 && (rows === 1 || w.rowStride === inner) && (outer === 1 || w.outerStride === rows * inner);
  };
  const runners: Runner[] = [];
  for (const [s, step] of steps.entries()) {
    const r = runnerOf(backend, step, stepOperands(step).map(full));
    if (!r) return undefined;
    runners.push(rounded[s] ? roundAfter(backend, r) : r);
  }
  const chunk = Math.min(inner, BLOCK);
  const rowsPer = inner >= BLOCK ? 1 : Math.max(1, Math.floor(BLOCK / inner));
  const last = steps.length - 1;
  const outDType = (steps[last] as ElementwiseStep).dtype;
  const outSize = SIZE[outDType] as number;
  const stepRefs = steps.map((s) => stepOperands(s));
  const inSizes = inputs.map((i) => SIZE[i.dtype] as number);
  const outShape = [...shape];
  const n = sizeOf(shape);
  return (infos) => {
    const out = backend.output(outShape, outDType);
    if (n === 0) return out.info;
    const scratch = steps.slice(0, last).map((s) => backend.scratch(chunk * rowsPer * (SIZE[s.dtype] as number)));
    try {
      const ptrs = infos.map((t) => backend.ptr(t));
      const locs: Loc[][] = stepRefs.map((refs) => refs.map(() => ({ ptr: 0, rowStride: 0, vec: 0 })));
      for (let a = 0; a < outer; a++) {
        for (let r0 = 0; r0 < rows; r0 += rowsPer) {
          const nr = Math.min(rowsPer, rows - r0);
          for (let c0 = 0; c0 < inner; c0 += chunk) {
            const len = Math.min(chunk, inner - c0);
            for (let s = 0; s <= last; s++) {
              const refs = stepRefs[s] as ElementwiseRef[];
              const ops = locs[s] as Loc[];
              for (let k = 0; k < refs.length; k++) {
                const ref = refs[k] as ElementwiseRef;
                const loc = ops[k] as Loc;
                if ('step' in ref) {
                  loc.ptr = scratch[ref.step] as number;
                  loc.rowStride = len;
                  loc.vec = 1;
                } else {
                  const w = walks[ref.input] as Walk3;
                  loc.ptr =
                    (ptrs[ref.input] as number) + (a * w.outerStride + r0 * w.rowStride + c0 * w.vec) * (inSizes[ref.input] as number);
                  loc.rowStride = w.rowStride;
                  loc.vec = w.vec;
                }
              }
              const o = s === last ? out.ptr + ((a * rows + r0) * inner + c0) * outSize : (scratch[s] as number);
              (runners[s] as Runner)(ops, o, nr, len);
            }
          }
        }
      }
    } finally {
      for (const p of scratch) backend.free(p);
    }
    return out.info;
  };
}
