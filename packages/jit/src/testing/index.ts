/**
 * `@mindts/jit/testing`: checking a backend under jit. {@link replayResults} jits a computation,
 * traces it, replays it and reads the replay back, so a conformance runner can compare jitted
 * results with eager ones (`@mindts/ops/testing` cases fit: anything with a `run()`).
 * @module @mindts/jit/testing
 */
import { type DType, describeType, Tensor, tidy, type Values } from '@mindts/tensor';
import { type JitOptions, type JitStats, jit, type Lowered } from '../jit.js';

/**
 * A computation to jit: builds its inputs and returns its result(s) on the active backend.
 * @example
 * const c: Replayable = { name: 'softmax', run: () => ops.softmax(tensor([[1, 2, 3]], 'float32')) };
 * const { results } = await replayResults(c);
 */
export interface Replayable {
  /** Builds the inputs and computes the result(s); jitted, then called twice. */
  readonly run: () => Tensor | readonly Tensor[];
  readonly name?: string;
}

/**
 * What {@link replayResults} read back from the replay, and what the compiled graph did.
 * @example
 * const { results, stats, lowered }: ReplayResults = await replayResults(c);
 * results[0]?.values; // the replayed values, e.g. Float32Array [0.09, 0.24, 0.67]
 * stats.compiles; // 1
 */
export interface ReplayResults {
  readonly results: { readonly shape: readonly number[]; readonly dtype: DType; readonly values: Values }[];
  readonly stats: JitStats;
  readonly lowered: Lowered;
}

/**
 * Jits `c.run` (constant folding off by default, so the replay computes instead of copying
 * constants folded at compile time), calls it twice — the trace, then the replay — reads the
 * replay's results with `await t.data()` (copied), and drops every tensor and the compiled graph.
 * @example
 * for (const c of conformanceCases) {
 *   const { results } = await replayResults(c);
 *   expect(compareResults(results, await readResults(c, 'cpu'))).toEqual([]);
 * }
 */
export async function replayResults(c: Replayable, options: JitOptions = {}): Promise<ReplayResults> {
  if (c === null || typeof c !== 'object' || typeof c.run !== 'function') {
    throw new TypeError(`replayResults: c must be an object { run, name? } whose run is a function, but got ${describeType(c)}.`);
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`replayResults: options must be jit options (an object), but got ${describeType(options)}.`);
  }
  const f = jit(c.run, { name: c.name, ...options, passes: { fold: false, ...options.passes } });
  try {
    tidy(() => {
      f();
    });
    const outs = tidy(() => {
      const r = f();
      return r instanceof Tensor ? [r] : [...r];
    });
    try {
      const results = await Promise.all(outs.map(async (t) => ({ shape: [...t.shape], dtype: t.dtype, values: (await t.data()).slice() })));
      return { results, stats: f.stats(), lowered: f.lower() };
    } finally {
      for (const t of outs) t.dispose();
    }
  } finally {
    f.clear();
  }
}
