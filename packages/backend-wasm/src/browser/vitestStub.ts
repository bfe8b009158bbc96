/**
 * Stands in for vitest in the browser bundle: `@mindts/ops/testing` re-exports
 * `describeConformance`, which imports vitest, but the harness only uses `checkCase`.
 */
const unavailable = (): never => {
  throw new Error('vitest is not available in the browser conformance harness; use checkCase.');
};
export const describe = unavailable;
export const it = unavailable;
export const expect = unavailable;
export const beforeAll = unavailable;
export const afterAll = unavailable;
