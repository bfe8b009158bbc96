/**
 * The conformance suite in a browser page, bundled by `scripts/browserConformance.mjs`: runs
 * every case on the wasm backend against the CPU oracle with `checkCase` (the suite's own checks,
 * without vitest) and returns the problems per case. On a cross-origin-isolated page it also
 * checks that the backend runs on Web Workers and runs products big enough to split over them.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { checkCase, conformanceCases } from '@mindts/ops/testing';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { type WasmBackend, wasm } from '../index.js';
import { closeMismatches, PARALLEL_CASES, seeded, valuesOn } from '../testing/harness.js';

/** A named check with its problems (none: it passed). */
interface CaseResult {
  readonly name: string;
  readonly problems: readonly string[];
}

/** What one run reports back to the Node side. */
export interface BrowserRun {
  readonly crossOriginIsolated: boolean;
  readonly simd: string;
  readonly threads: number;
  readonly parallelRuns: number;
  readonly passed: number;
  readonly failed: readonly CaseResult[];
  readonly summary: string;
}

/** Options of {@link runConformance}. */
export interface RunOptions {
  /** `wasm({ threads })`; omitted: the default (the browser's threads decision). */
  readonly threads?: number;
}

/** Whether the threads the backend reports fit the page: workers when isolated, one thread otherwise. */
function checkThreads(backend: WasmBackend, isolated: boolean, asked: number | undefined): CaseResult {
  const { threads, threadsReason } = backend.explain();
  const problems: string[] = [];
  if (isolated) {
    if (asked !== undefined && threads !== asked) problems.push(`threads ${threads}, not ${asked} (${threadsReason})`);
    if (threads > 1 && !threadsReason.includes('Web Workers')) problems.push(`not on Web Workers: ${threadsReason}`);
  } else if (threads !== 1 || !/^threads: 1$|not cross-origin isolated/.test(threadsReason)) {
    problems.push(`threads ${threads}, and the reason does not say the page is not isolated: ${threadsReason}`);
  }
  return { name: isolated ? 'threads on Web Workers' : 'one thread, saying why', problems };
}

/** A product run on both backends: equal to the oracle, and split over the threads. */
async function checkParallel(backend: WasmBackend, name: string, fn: () => Tensor): Promise<CaseResult> {
  const before = backend.explain().parallelRuns;
  const mine = await valuesOn('wasm', fn);
  const problems = backend.explain().parallelRuns > before ? [] : ['ran on one thread (no parallel run)'];
  problems.push(...closeMismatches(mine, await valuesOn('cpu', fn), 1e-4, 1e-3));
  return { name: `2 threads: ${name}`, problems };
}

/**
 * Runs the suite on `wasm(options)`, and on a cross-origin-isolated page with several threads
 * the products that split over them.
 * @example
 * const r = await runConformance({ threads: 2 });
 */
export async function runConformance(options: RunOptions = {}): Promise<BrowserRun> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  registerBackend(wasm(options.threads === undefined ? {} : { threads: options.threads }));
  try {
    await setBackend('wasm');
    const backend = getBackend() as WasmBackend;
    const results: CaseResult[] = [checkThreads(backend, isolated, options.threads)];
    for (const c of conformanceCases) results.push({ name: c.name, problems: await checkCase(c, { backend: 'wasm', reference: 'cpu' }) });
    if (backend.threads > 1) for (const [name, fn] of PARALLEL_CASES) results.push(await checkParallel(backend, name, fn));
    const { simd, threads, parallelRuns, summary } = backend.explain();
    const failed = results.filter((r) => r.problems.length > 0);
    return { crossOriginIsolated: isolated, simd, threads, parallelRuns, passed: results.length - failed.length, failed, summary };
  } finally {
    removeBackend('wasm');
  }
}

/**
 * Milliseconds per float32 `[n, n] · [n, n]` matmul on `wasm({ threads })`: the median of
 * `reps` runs after two warm-ups.
 * @example
 * const ms = await timeMatmul(512, 2);
 */
export async function timeMatmul(n: number, threads: number, reps = 20): Promise<number> {
  const name = `wasm-bench-${threads}`;
  registerBackend(wasm({ name, threads }));
  try {
    await setBackend(name);
    if ((getBackend() as WasmBackend).threads !== threads)
      throw new Error(`${name}: ${(getBackend() as WasmBackend).explain().threadsReason}`);
    const a = seeded([n, n], 1);
    const b = seeded([n, n], 2);
    const times: number[] = [];
    for (let r = 0; r < reps + 2; r++) {
      const started = performance.now();
      tidy(() => ops.matmul(a, b)).dispose();
      if (r >= 2) times.push(performance.now() - started);
    }
    a.dispose();
    b.dispose();
    return times.sort((x, y) => x - y)[Math.floor(times.length / 2)] as number;
  } finally {
    removeBackend(name);
  }
}
