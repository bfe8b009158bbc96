/**
 * Fused elementwise programs: what `@mindts/jit` hands a backend when it fuses a chain of
 * elementwise primitives (Unary, Binary, Where, Cast) into one kernel. A backend that can run
 * them implements {@link Backend.compileElementwise}; others run the primitives one by one.
 */
import { argError } from './argChecks.js';
import type { DType } from './dtype.js';
import type { BinaryOp, TensorInfo, UnaryOp } from './primitives.js';

/**
 * A program operand: input `k` (broadcast to the program's shape) or the result of step `k`.
 * @example
 * const refs: ElementwiseRef[] = [{ input: 0 }, { step: 1 }];
 * refs.map(refString); // ['in0', 's1']
 */
export type ElementwiseRef = { readonly input: number } | { readonly step: number };

/**
 * One step: the same operation, attributes and dtype rules as the primitive it replaces.
 * `dtype` is the step's output dtype; `inDType` the dtype of its operands (for Binary and
 * Unary, the primitive's input dtype; for Cast, the source dtype).
 * @example
 * // exp(x) + y, for float32 x and y:
 * const steps: ElementwiseStep[] = [
 *   { kind: 'unary', op: 'exp', x: { input: 0 }, inDType: 'float32', dtype: 'float32' },
 *   { kind: 'binary', op: 'add', a: { step: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
 * ];
 */
export type ElementwiseStep =
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly x: ElementwiseRef; readonly inDType: DType; readonly dtype: DType }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly a: ElementwiseRef;
      readonly b: ElementwiseRef;
      readonly inDType: DType;
      readonly dtype: DType;
    }
  | {
      readonly kind: 'where';
      readonly cond: ElementwiseRef;
      readonly a: ElementwiseRef;
      readonly b: ElementwiseRef;
      readonly inDType: DType;
      readonly dtype: DType;
    }
  | { readonly kind: 'cast'; readonly x: ElementwiseRef; readonly inDType: DType; readonly dtype: DType };

/**
 * A DAG of elementwise steps over inputs that broadcast (NumPy rules) to `shape`. Every step
 * has that shape; the program's value is the last step's.
 * @example
 * // relu(x + b) for x [2, 3] and a bias b [3] that broadcasts:
 * const program: ElementwiseProgram = {
 *   shape: [2, 3],
 *   inputs: [{ shape: [2, 3], dtype: 'float32' }, { shape: [3], dtype: 'float32' }],
 *   steps: [
 *     { kind: 'binary', op: 'add', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
 *     { kind: 'unary', op: 'relu', x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
 *   ],
 * };
 * const kernel = getBackend().compileElementwise?.(program);
 */
export interface ElementwiseProgram {
  readonly shape: readonly number[];
  readonly inputs: readonly { readonly shape: readonly number[]; readonly dtype: DType }[];
  readonly steps: readonly ElementwiseStep[];
}

/**
 * Options for compiling an {@link ElementwiseProgram}.
 * @example
 * backend.compileElementwise?.(program, { codegen: false }); // interpreted: no `new Function` under a strict CSP
 */
export interface ElementwiseCompileOptions {
  /**
   * Whether the backend may generate code (`new Function`, a WebAssembly module); `false`
   * where a Content-Security-Policy forbids it: the backend interprets the program instead.
   */
  readonly codegen?: boolean;
}

/**
 * A compiled program: reads the inputs (in program order), returns a new output on the same backend.
 * @example
 * const kernel: ElementwiseKernel | undefined = backend.compileElementwise?.(program);
 * const out = kernel ? wrapInfo(kernel([tensorInfo(x, backend), tensorInfo(b, backend)]), backend) : undefined;
 */
export type ElementwiseKernel = (inputs: readonly TensorInfo[]) => TensorInfo;

/**
 * The operands `step` reads, in order (`where`: cond, a, b).
 * @example
 * stepOperands({ kind: 'binary', op: 'add', a: { input: 0 }, b: { step: 1 }, inDType: 'float32', dtype: 'float32' });
 * // [{ input: 0 }, { step: 1 }]
 */
export function stepOperands(step: ElementwiseStep): ElementwiseRef[] {
  const kind = step !== null && typeof step === 'object' ? step.kind : undefined;
  if (kind === 'unary' || kind === 'cast') return [(step as { x: ElementwiseRef }).x];
  if (kind === 'binary') return [(step as { a: ElementwiseRef }).a, (step as { b: ElementwiseRef }).b];
  if (kind === 'where')
    return [(step as { cond: ElementwiseRef }).cond, (step as { a: ElementwiseRef }).a, (step as { b: ElementwiseRef }).b];
  throw argError('stepOperands', 'step', "an ElementwiseStep (kind 'unary', 'binary', 'where' or 'cast')", step);
}

/**
 * The operand a step reads, as a readable string (for IR printing and errors).
 * @example
 * refString({ step: 2 }); // 's2'
 */
export function refString(ref: ElementwiseRef): string {
  if (ref === null || typeof ref !== 'object') throw argError('refString', 'ref', 'an ElementwiseRef ({ input } or { step })', ref);
  return 'input' in ref ? `in${ref.input}` : `s${ref.step}`;
}
