/**
 * The conformance suite in a browser page, bundled by `scripts/browserConformance.mjs`: runs
 * every case on the wasm backend (default options: the browser's threads decision included)
 * against the CPU oracle with `checkCase` (the suite's own checks, without vitest) and returns
 * the problems per case.
 */
import { cpu } from '@mindts/backend-cpu';
import { checkCase, conformanceCases } from '@mindts/ops/testing';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import { type WasmBackend, wasm } from '../index.js';

/** What one run reports back to the Node side. */
export interface BrowserRun {
  readonly simd: string;
  readonly threads: number;
  readonly passed: number;
  readonly failed: readonly { readonly name: string; readonly problems: readonly string[] }[];
  readonly summary: string;
}

/**
 * Runs the suite on `wasm()`.
 * @example
 * const r = await runConformance();
 */
export async function runConformance(): Promise<BrowserRun> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  registerBackend(wasm());
  try {
    await setBackend('wasm');
    const backend = getBackend() as WasmBackend;
    const failed: { name: string; problems: string[] }[] = [];
    let passed = 0;
    for (const c of conformanceCases) {
      const problems = await checkCase(c, { backend: 'wasm', reference: 'cpu' });
      if (problems.length) failed.push({ name: c.name, problems });
      else passed++;
    }
    const { simd, threads, summary } = backend.explain();
    return { simd, threads, passed, failed, summary };
  } finally {
    removeBackend('wasm');
  }
}
