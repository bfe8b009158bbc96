// Runs the conformance suite on the wasm backend in headless Chromium (Debian's chromium;
// playwright-core only drives it). Usage: node scripts/browserConformance.mjs [--json <file>]
// The harness is bundled and minified with Vite first, the way an application ships the
// package: the embedded .wasm (base64) and the Node-only imports must survive a bundler.
// Needs src/generated/kernels.ts (`pnpm build:wasm`). `--json <file>` also writes the counts
// for tooling/scripts/test.mjs (the root `pnpm test`).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { ConformanceReport, messageOf, runConformanceScript, takeJsonFlag } from '../../../tooling/scripts/conformanceReport.mjs';
import { openBundlePage } from '../../../tooling/scripts/headless.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { jsonPath } = takeJsonFlag(process.argv.slice(2));
const vitestStub = fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url));
const report = new ConformanceReport();

async function run(browser, bundle) {
  let page;
  try {
    page = await openBundlePage(browser, bundle, 'wasm');
    const started = Date.now();
    const r = await page.evaluate(() => globalThis.mindtsConformance.runConformance());
    console.log(
      `[wasm] ${r.simd}, ${r.threads} thread(s): ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(r.summary.replace(/^/gm, '[wasm]   '));
    for (const f of r.failed) {
      console.log(`[wasm] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      report.fail(`wasm: ${f.name}`, f.problems);
    }
    report.pass(r.passed);
    if (r.passed === 0) report.fail('wasm: no case passed', ['the suite ran no passing case']);
  } catch (err) {
    console.log(`[wasm] could not run: ${messageOf(err)}`);
    report.fail('wasm: could not run', [messageOf(err)]);
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
  run,
});
