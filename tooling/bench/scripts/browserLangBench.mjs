// The language-model rows (issue 21) in headless Chromium (SwiftShader: WebGL2 and WebGPU on the
// CPU, no GPU needed): the example app's GPT training step on gpu.js webgl2/webgpu, eager and
// jitted, against the same GPT in tfjs ops on tfjs-backend-webgl/webgpu, and GPT generation at
// context 32 with and without the key/value cache; tokens per second and ratios.
// Usage: node scripts/browserLangBench.mjs [--modes=webgl2,webgpu] [--runs=N] [--rows=train,generation]. Not part of
// `pnpm bench` (it needs Chromium, as scripts/browserBench.mjs does).
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bundleIife, launchChromium, openBundlePage } from '../../scripts/headless.mjs';

const args = process.argv.slice(2);
const modes = (args.find((a) => a.startsWith('--modes='))?.slice(8) ?? 'webgl2,webgpu').split(',');
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const rows = (args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 'train,generation').split(',');
const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await bundleIife(build, { root, entry: 'src/browser/langHarness.ts', name: 'mindtsLangBench' });
const browser = await launchChromium(chromium, { gpu: true });
let code = 0;
try {
  const page = await openBundlePage(browser, bundle, 'lang bench');
  page.on('console', (m) => process.stderr.write(`${m.text()}\n`));
  const started = Date.now();
  const r = await page.evaluate(([m, n, w]) => globalThis.mindtsLangBench.runLangBench(m, 1, n, w), [modes, runs, rows]);
  console.log(`headless Chromium ${browser.version()} (SwiftShader) · ${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log(`median of ${runs} timed runs after 1 warm-up, one side after another; results read back with await data()\n`);
  console.log(r.table);
  console.log('(ratio columns: tfjs ms over mindts ms, above 1 mindts is faster; cache speed-up: ms without the cache over ms with it)');
  for (const n of r.notes) console.log(n);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
