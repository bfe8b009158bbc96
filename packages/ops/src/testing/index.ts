/**
 * `@mindts/ops/testing`: the backend conformance suite. Every backend runs the same seeded cases
 * through the public ops and must agree with the CPU oracle (and with hand-computed values).
 * Importing this entry imports vitest (an optional peer dependency) for {@link describeConformance};
 * the cases, {@link checkCase} and {@link compareResults} work without a test runner.
 * @module @mindts/ops/testing
 */
export {
  assignCases,
  binaryCases,
  caseFamilies,
  castCases,
  compareCases,
  conformanceCases,
  convCases,
  convTransposeCases,
  creationCases,
  extraCases,
  joinCases,
  lossCases,
  matmulCases,
  nnCases,
  reduceCases,
  sequenceCases,
  sequenceModelCases,
  shapeCases,
  statisticsCases,
  unaryCases,
} from './cases/index.js';
export { type CheckOptions, checkCase, expectedOf, readResults, toleranceOf } from './checkCase.js';
export { compareResults } from './compare.js';
export { checkGradients, type GradCheckOptions } from './gradCheck.js';
export { type ConformanceOptions, describeConformance } from './describeConformance.js';
export { bool, f32, i32, iota, normal, randBool, randInt, uniform } from './inputs.js';
export { type ConformanceCase, DEFAULT_TOLERANCE, type ExpectedTensor, type ResultData, type Tolerance } from './types.js';
