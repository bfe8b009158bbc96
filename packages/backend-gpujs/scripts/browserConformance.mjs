// Runs the conformance suite on gpu.js's WebGL2 and WebGPU modes in headless Chromium
// (SwiftShader, no GPU needed). Usage: node scripts/browserConformance.mjs [mode…]
// The harness is bundled and minified with Vite first, which also checks that the generated
// kernel sources survive a minifier. Chromium comes from the system (Debian: apt-get install chromium).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bundleIife, launchChromium, openBundlePage } from '../../../tooling/scripts/headless.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const modes = process.argv.slice(2).length ? process.argv.slice(2) : ['webgl2', 'webgpu'];
const vitestStub = fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url));
const bundle = await bundleIife(build, { root, entry: 'src/browser/harness.ts', name: 'mindtsConformance', alias: { vitest: vitestStub } });
const browser = await launchChromium(chromium, { gpu: true });
let failures = 0;
try {
  for (const mode of modes) {
    const page = await openBundlePage(browser, bundle, mode);
    const started = Date.now();
    try {
      const r = await page.evaluate((m) => globalThis.mindtsConformance.runConformance(m), mode);
      console.log(`[${mode}] ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(r.summary.replace(/^/gm, `[${mode}]   `));
      for (const f of r.failed) console.log(`[${mode}] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      failures += r.failed.length;
      if (mode === 'webgl2') {
        const lost = await page.evaluate(() => globalThis.mindtsConformance.checkContextLoss());
        console.log(`[${mode}] context loss: ${lost.length === 0 ? 'handled' : lost.join('; ')}`);
        failures += lost.length;
      }
    } catch (err) {
      console.log(`[${mode}] could not run: ${err instanceof Error ? err.message : String(err)}`);
      failures++;
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'browser conformance: all passed' : `browser conformance: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
