// Runs the conformance suite on the wasm backend in headless Chromium (Debian's chromium;
// playwright-core only drives it). Usage: node scripts/browserConformance.mjs
// The harness is bundled and minified with Vite first, the way an application ships the
// package: the embedded .wasm (base64) and the Node-only imports must survive a bundler.
// Needs src/generated/kernels.ts (`pnpm build:wasm`).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bundleIife, launchChromium, openBundlePage } from '../../../tooling/scripts/headless.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitestStub = fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url));
const bundle = await bundleIife(build, { root, entry: 'src/browser/harness.ts', name: 'mindtsConformance', alias: { vitest: vitestStub } });
const browser = await launchChromium(chromium);
let failures = 0;
try {
  const page = await openBundlePage(browser, bundle, 'wasm');
  const started = Date.now();
  try {
    const r = await page.evaluate(() => globalThis.mindtsConformance.runConformance());
    console.log(
      `[wasm] ${r.simd}, ${r.threads} thread(s): ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(r.summary.replace(/^/gm, '[wasm]   '));
    for (const f of r.failed) console.log(`[wasm] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
    failures += r.failed.length;
    if (r.passed === 0) failures++;
  } catch (err) {
    console.log(`[wasm] could not run: ${err instanceof Error ? err.message : String(err)}`);
    failures++;
  }
  await page.close();
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'browser conformance: all passed' : `browser conformance: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
