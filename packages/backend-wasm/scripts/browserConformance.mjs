// Runs the conformance suite on the wasm backend in headless Chromium (Debian's chromium;
// playwright-core only drives it), twice: on a plain page (no SharedArrayBuffer: one thread) and
// on a cross-origin-isolated one (COOP/COEP headers) with `wasm({ threads: 2 })` on Web Workers,
// where products big enough to split over the threads are checked too.
// Usage: node scripts/browserConformance.mjs [--json <file>] [--bench]
// The harness is bundled and minified with Vite first, the way an application ships the
// package: the embedded .wasm (base64), the Web Worker source and the Node-only imports must
// survive a bundler. Needs src/generated/kernels.ts (`pnpm build:wasm`). `--json <file>` also
// writes the counts for tooling/scripts/test.mjs (the root `pnpm test`); `--bench` also times a
// 512 × 512 matmul on 1 and 2 threads on the isolated page.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { ConformanceReport, messageOf, runConformanceScript, takeJsonFlag } from '../../../tooling/scripts/conformanceReport.mjs';
import { openBundlePage } from '../../../tooling/scripts/headless.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { jsonPath, rest } = takeJsonFlag(process.argv.slice(2));
const bench = rest.includes('--bench');
const vitestStub = fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url));
const report = new ConformanceReport();

/** The two runs: each conformance case (and each threads check) counts as a test in each. */
const RUNS = [
  { label: 'wasm', crossOriginIsolated: false, options: {} },
  { label: 'wasm isolated', crossOriginIsolated: true, options: { threads: 2 } },
];

async function timeMatmul(page, label) {
  const n = 512;
  const ms = {};
  for (const threads of [1, 2]) ms[threads] = await page.evaluate(([n, t]) => globalThis.mindtsConformance.timeMatmul(n, t), [n, threads]);
  console.log(
    `[${label}] matmul ${n}×${n}: ${ms[1].toFixed(2)} ms on 1 thread, ${ms[2].toFixed(2)} ms on 2 (×${(ms[1] / ms[2]).toFixed(2)})`,
  );
}

async function runOne(browser, bundle, { label, crossOriginIsolated, options }) {
  let page;
  try {
    page = await openBundlePage(browser, bundle, label, { crossOriginIsolated });
    const started = Date.now();
    const r = await page.evaluate((o) => globalThis.mindtsConformance.runConformance(o), options);
    console.log(
      `[${label}] ${r.simd}, ${r.threads} thread(s), ${r.parallelRuns} parallel runs: ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(r.summary.replace(/^/gm, `[${label}]   `));
    for (const f of r.failed) {
      console.log(`[${label}] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      report.fail(`${label}: ${f.name}`, f.problems);
    }
    // Cases that passed on the wrong kind of page say nothing about this run.
    if (r.crossOriginIsolated !== crossOriginIsolated) {
      console.log(`[${label}] FAIL the page is${r.crossOriginIsolated ? '' : ' not'} cross-origin isolated`);
      report.fail(`${label}: page`, [`crossOriginIsolated is ${r.crossOriginIsolated}, wanted ${crossOriginIsolated}`]);
    } else report.pass(r.passed);
    if (r.passed === 0) report.fail(`${label}: no case passed`, ['the suite ran no passing case']);
    if (bench && crossOriginIsolated) await timeMatmul(page, label);
  } catch (err) {
    console.log(`[${label}] could not run: ${messageOf(err)}`);
    report.fail(`${label}: could not run`, [messageOf(err)]);
  }
  await page?.close();
}

await runConformanceScript({
  build,
  chromium,
  root,
  vitestStub,
  gpu: false,
  report,
  jsonPath,
  run: async (browser, bundle) => {
    for (const run of RUNS) await runOne(browser, bundle, run);
  },
});
