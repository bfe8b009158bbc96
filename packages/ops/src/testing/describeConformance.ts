/**
 * The vitest front end of the conformance suite. This is the only module of `@mindts/ops` that
 * imports vitest (an optional peer dependency); `@mindts/ops` itself never does.
 */
import { getBackend, getBackendName, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import type { Backend, BackendFactory } from '@mindts/tensor/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceCases } from './cases/index.js';
import { checkCase } from './checkCase.js';
import type { ConformanceCase } from './types.js';

/**
 * Options of {@link describeConformance}; `B` and `R` are the backends' own types.
 * @example
 * const options: ConformanceOptions = { backend: webgl(), reference: cpu(), toleranceScale: 10, filter: (c) => !c.ops.includes('Random') };
 */
export interface ConformanceOptions<B extends Backend = Backend, R extends Backend = Backend> {
  /** The backend under test. Registered for the suite (and removed after) unless a backend of that name already is. */
  readonly backend: BackendFactory<B>;
  /**
   * The oracle: a factory (registered like `backend`) or the name of an already registered backend.
   * Default `'cpu'`: register `cpu()` from `@mindts/backend-cpu` before the suite runs, or pass it here;
   * `@mindts/ops` does not depend on the CPU backend itself.
   */
  readonly reference?: BackendFactory<R> | string;
  /** Multiplies every float tolerance for the backend under test. Default 1. */
  readonly toleranceScale?: number;
  /** The cases to run. Default {@link conformanceCases}. */
  readonly cases?: readonly ConformanceCase[];
  /** Keeps only the cases it returns true for (e.g. to skip ops a partial backend lacks). */
  readonly filter?: (c: ConformanceCase) => boolean;
  /** Check both backends against the cases' hand-computed values. Default true. */
  readonly checkExpected?: boolean;
  /** Fail a case when the backend under test holds more buffers after it than before. Default true. */
  readonly checkMemory?: boolean;
}

/** Registers `f` unless a backend of its name already is; true when it did. */
function register<X extends Backend>(f: BackendFactory<X>): boolean {
  if (listBackends().includes(f.name)) return false;
  registerBackend(f);
  return true;
}

/**
 * Declares a vitest `describe` block with one test per conformance case: each runs on the
 * reference and on the backend under test, and their results (and the hand-computed values,
 * where the case has them) must agree in shape, dtype and values.
 * @example
 * // myBackend.conformance.test.ts
 * import { cpu } from '@mindts/backend-cpu';
 * import { describeConformance } from '@mindts/ops/testing';
 * import { myBackend } from './index.js';
 *
 * describeConformance({ backend: myBackend(), reference: cpu(), toleranceScale: 10 });
 */
export function describeConformance<B extends Backend, R extends Backend>(options: ConformanceOptions<B, R>): void {
  const reference = options.reference ?? 'cpu';
  const referenceName = typeof reference === 'string' ? reference : reference.name;
  const backendName = options.backend.name;
  if (referenceName === backendName) {
    throw new Error(
      `describeConformance: the backend under test and the reference are both named '${backendName}'; register one under another name.`,
    );
  }
  const cases = (options.cases ?? conformanceCases).filter(options.filter ?? (() => true));

  describe(`backend conformance: '${backendName}' against '${referenceName}'`, () => {
    const registered: string[] = [];
    let previous: string | undefined;

    beforeAll(async () => {
      previous = getBackendName();
      if (typeof reference !== 'string') {
        if (register(reference)) registered.push(reference.name);
      } else if (!listBackends().includes(reference)) {
        throw new Error(
          `describeConformance: reference backend '${reference}' is not registered; pass its factory as \`reference\` (e.g. cpu()).`,
        );
      }
      if (register(options.backend)) registered.push(backendName);
      // Creating both up front turns a broken factory into one clear failure instead of one per case.
      for (const name of [referenceName, backendName]) {
        await setBackend(name);
        const made = getBackend().name;
        if (made !== name) {
          throw new Error(
            `describeConformance: the factory '${name}' creates a backend named '${made}'; kernels are looked up by the backend's own name, so the two must match (e.g. cpu({ name: '${name}' }), not { ...cpu(), name: '${name}' }).`,
          );
        }
      }
    });

    afterAll(async () => {
      for (const name of registered) removeBackend(name);
      if (previous !== undefined && listBackends().includes(previous)) await setBackend(previous);
    });

    for (const c of cases) {
      it(c.name, async () => {
        const problems = await checkCase(c, {
          backend: backendName,
          reference: referenceName,
          toleranceScale: options.toleranceScale,
          checkExpected: options.checkExpected,
          checkMemory: options.checkMemory,
        });
        expect(problems, `${c.name} (ops: ${c.ops.join(', ')})`).toEqual([]);
      });
    }
  });
}
