/**
 * What a conformance case is and what running one produces.
 */
import type { DType, Tensor, Values } from '@mindts/tensor';

/**
 * How far a float result may stray from the reference: `|actual − expected| ≤ atol + rtol·|expected|`.
 * Integer and bool results are always compared exactly.
 * @example
 * const tight: Tolerance = { atol: 1e-6, rtol: 1e-6 };
 */
export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/**
 * A hand-computed result: what the case must produce on every backend, the CPU oracle included.
 * @example
 * const e: ExpectedTensor = { shape: [2], dtype: 'float32', values: [1, 2] };
 */
export interface ExpectedTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Row-major values; bool results may use `true`/`false` or 1/0. */
  readonly values: readonly (number | boolean)[];
}

/**
 * One conformance case: a small seeded computation through the public ops, run on the reference
 * and on the backend under test, whose results must agree.
 * @example
 * const c: ConformanceCase = {
 *   name: 'add: float32 same shape',
 *   ops: ['add'],
 *   run: () => ops.add(tensor([1, 2], 'float32'), tensor([3, 4], 'float32')),
 *   expected: { shape: [2], dtype: 'float32', values: [4, 6] },
 * };
 */
export interface ConformanceCase {
  /** Unique, `op: what it checks`. */
  readonly name: string;
  /** The ops (or `Primitive:op` for direct kernel calls) the case exercises, for coverage reports and filters. */
  readonly ops: readonly string[];
  /** Builds the inputs on the active backend and returns the op's result(s). */
  readonly run: () => Tensor | readonly Tensor[];
  /** Float tolerance; defaults to {@link DEFAULT_TOLERANCE}. */
  readonly tolerance?: Partial<Tolerance>;
  /** Hand-computed results, one per returned tensor, checked on every backend. */
  readonly expected?: ExpectedTensor | readonly ExpectedTensor[];
}

/**
 * A result read back to the host.
 * @example
 * const r: ResultData = { shape: [2], dtype: 'int32', values: new Int32Array([1, 2]) };
 */
export interface ResultData {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: Values;
}

/**
 * The default float tolerance of a case: tight enough to catch a wrong formula or a lost
 * element, loose enough for float32 evaluation order and transcendental approximations.
 * @example
 * DEFAULT_TOLERANCE.rtol; // 1e-4
 */
export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-5, rtol: 1e-4 };
