/**
 * Comparing results: shape and dtype exactly, values exactly (int, bool) or within a tolerance
 * (float), NaN equal to NaN and infinities equal only to themselves.
 */
import { isFloat } from '@mindts/tensor';
import { caseArgError, checkNonNegative, checkResultsArg } from './caseArgs.js';
import type { ExpectedTensor, ResultData, Tolerance } from './types.js';
import { DEFAULT_TOLERANCE } from './types.js';

/** At most this many bad elements are listed per result, so a failure stays readable. */
const MAX_LISTED = 5;

/**
 * Compares results read from a backend with reference results (another backend's, or
 * hand-computed ones). Returns one message per mismatch; an empty array means they agree.
 * @example
 * const ref = await readResults(c, 'cpu');
 * const got = await readResults(c, 'webgl');
 * const problems = compareResults(got, ref, { atol: 1e-4, rtol: 1e-3 });
 * if (problems.length) console.error(problems.join('\n'));
 */
export function compareResults(
  actual: readonly ResultData[],
  expected: readonly (ResultData | ExpectedTensor)[],
  tolerance: Partial<Tolerance> = {},
): string[] {
  checkResultsArg(actual, 'compareResults', 'actual');
  checkResultsArg(expected, 'compareResults', 'expected');
  if (tolerance === null || typeof tolerance !== 'object' || Array.isArray(tolerance)) {
    throw caseArgError('compareResults', 'tolerance', 'an object { atol?, rtol? }', tolerance);
  }
  checkNonNegative(tolerance.atol, 'compareResults', 'tolerance.atol');
  checkNonNegative(tolerance.rtol, 'compareResults', 'tolerance.rtol');
  if (actual.length !== expected.length) return [`expected ${expected.length} result(s), but got ${actual.length}`];
  const tol = { ...DEFAULT_TOLERANCE, ...tolerance };
  return actual.flatMap((a, i) => compareOne(a, expected[i] as ResultData | ExpectedTensor, tol, actual.length > 1 ? `result ${i}: ` : ''));
}

function compareOne(a: ResultData, e: ResultData | ExpectedTensor, tol: Tolerance, label: string): string[] {
  if (!sameShape(a.shape, e.shape)) return [`${label}shape [${a.shape.join(', ')}] ≠ expected [${e.shape.join(', ')}]`];
  if (a.dtype !== e.dtype) return [`${label}dtype ${a.dtype} ≠ expected ${e.dtype}`];
  if (a.values.length !== e.values.length) return [`${label}${a.values.length} values ≠ expected ${e.values.length}`];
  const exact = !isFloat(a.dtype);
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < a.values.length; i++) {
    const got = Number(a.values[i]);
    const want = Number(e.values[i]);
    if (close(got, want, exact, tol)) continue;
    count++;
    if (bad.length < MAX_LISTED)
      bad.push(`${label}[${indexOf(i, a.shape)}] = ${got}, expected ${want}${exact ? '' : ` (|Δ| = ${Math.abs(got - want)})`}`);
  }
  if (count > MAX_LISTED) bad.push(`${label}… ${count - MAX_LISTED} more of ${a.values.length} values differ`);
  return bad;
}

function close(got: number, want: number, exact: boolean, tol: Tolerance): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (exact || !Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The multi-index of flat position `flat` in `shape`, as `i, j, k`. */
function indexOf(flat: number, shape: readonly number[]): string {
  const idx: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const d = shape[axis] as number;
    idx.unshift(flat % d);
    flat = Math.floor(flat / d);
  }
  return idx.join(', ');
}
