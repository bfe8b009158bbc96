/**
 * Running a case on a backend and checking it against the reference and the hand-computed
 * expectation, without any test framework.
 */
import { checkOptions, memory, type OptionKeys, setBackend, Tensor, tidy } from '@mindts/tensor';
import { caseArgError, checkCaseArg, checkNonNegative } from './caseArgs.js';
import { compareResults } from './compare.js';
import type { ConformanceCase, ExpectedTensor, ResultData, Tolerance } from './types.js';
import { DEFAULT_TOLERANCE } from './types.js';

/**
 * Runs `c` on `backend` (made active first) and reads every result back with `await t.data()`.
 * All tensors the case created, results included, are disposed before this resolves.
 * @example
 * const [r] = await readResults(conformanceCases[0], 'cpu');
 * console.log(r.shape, r.dtype, r.values);
 */
export async function readResults(c: ConformanceCase, backend: string): Promise<ResultData[]> {
  checkCaseArg(c, 'readResults');
  await setBackend(backend);
  const outs = tidy(() => {
    const r = c.run();
    return r instanceof Tensor ? [r] : [...r];
  });
  try {
    return await Promise.all(outs.map(async (t) => ({ shape: [...t.shape], dtype: t.dtype, values: await t.data() })));
  } finally {
    for (const t of outs) t.dispose();
  }
}

/**
 * Options of {@link checkCase}.
 * @example
 * const options: CheckOptions = { backend: 'wasm', reference: 'cpu', toleranceScale: 2 };
 */
export interface CheckOptions {
  /** Registered name of the backend under test. */
  readonly backend: string;
  /** Registered name of the reference backend (the CPU oracle). */
  readonly reference: string;
  /** Multiplies every float tolerance for the backend under test (e.g. 10 for a float16 GPU path). Default 1. */
  readonly toleranceScale?: number;
  /** Also check both backends against the case's hand-computed `expected` values. Default true. */
  readonly checkExpected?: boolean;
  /** Fail when the backend under test holds more buffers after the case than before. Default true. */
  readonly checkMemory?: boolean;
}

const CHECK_KEYS: OptionKeys<CheckOptions> = {
  backend: true,
  reference: true,
  toleranceScale: true,
  checkExpected: true,
  checkMemory: true,
};

/**
 * The tolerance of case `c`, multiplied by `scale`.
 * @example
 * toleranceOf({ name: 'x', ops: [], run, tolerance: { atol: 1e-3 } }, 2); // { atol: 2e-3, rtol: 2e-4 }
 */
export function toleranceOf(c: ConformanceCase, scale = 1): Tolerance {
  checkCaseArg(c, 'toleranceOf');
  checkNonNegative(scale, 'toleranceOf', 'scale');
  const t = { ...DEFAULT_TOLERANCE, ...c.tolerance };
  return { atol: t.atol * scale, rtol: t.rtol * scale };
}

/**
 * The case's hand-computed expectation as a list (empty when it has none).
 * @example
 * expectedOf(c).length; // 1
 */
export function expectedOf(c: ConformanceCase): readonly ExpectedTensor[] {
  checkCaseArg(c, 'expectedOf');
  if (c.expected === undefined) return [];
  return 'shape' in c.expected ? [c.expected as ExpectedTensor] : (c.expected as readonly ExpectedTensor[]);
}

/**
 * Runs `c` on the reference and on the backend under test and returns every disagreement, each
 * prefixed by what disagreed; an empty array means the backend conforms on this case. An error
 * thrown on the backend under test is reported as a problem; one thrown on the reference (a
 * broken case or oracle) propagates.
 * @example
 * registerBackend(cpu());
 * registerBackend(myBackend());
 * for (const c of conformanceCases) {
 *   const problems = await checkCase(c, { backend: 'mine', reference: 'cpu' });
 *   if (problems.length) console.error(c.name, problems);
 * }
 */
export async function checkCase(c: ConformanceCase, options: CheckOptions): Promise<string[]> {
  checkCaseArg(c, 'checkCase');
  if (options === undefined) throw caseArgError('checkCase', 'options', 'an object { backend, reference, … }', options);
  checkOptions<CheckOptions>(options, 'checkCase', CHECK_KEYS);
  if (typeof options.backend !== 'string') throw caseArgError('checkCase', 'options.backend', 'a backend name (a string)', options.backend);
  if (typeof options.reference !== 'string')
    throw caseArgError('checkCase', 'options.reference', 'a backend name (a string)', options.reference);
  checkNonNegative(options.toleranceScale, 'checkCase', 'options.toleranceScale');
  for (const key of ['checkExpected', 'checkMemory'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') throw caseArgError('checkCase', `options.${key}`, 'a boolean or undefined', v);
  }
  const scale = options.toleranceScale ?? 1;
  const expected = options.checkExpected === false ? [] : expectedOf(c);
  const problems: string[] = [];
  const ref = await readResults(c, options.reference);
  if (expected.length) problems.push(...prefix(`${options.reference} vs hand-computed`, compareResults(ref, expected, toleranceOf(c))));
  const buffersBefore = buffersOf(options.backend);
  let got: ResultData[];
  try {
    got = await readResults(c, options.backend);
  } catch (err) {
    // The reference ran the same calls without error, so this one is the backend's failure.
    return [...problems, `${options.backend} threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`];
  }
  const leaked = buffersOf(options.backend) - buffersBefore;
  problems.push(...prefix(`${options.backend} vs ${options.reference}`, compareResults(got, ref, toleranceOf(c, scale))));
  if (expected.length)
    problems.push(...prefix(`${options.backend} vs hand-computed`, compareResults(got, expected, toleranceOf(c, scale))));
  if (options.checkMemory !== false && leaked > 0) {
    problems.push(`${options.backend}: ${leaked} buffer(s) still held after every tensor of the case was disposed`);
  }
  return problems;
}

function buffersOf(backend: string): number {
  return memory().backends[backend]?.buffers ?? 0;
}

function prefix(label: string, messages: string[]): string[] {
  return messages.map((m) => `${label}: ${m}`);
}
