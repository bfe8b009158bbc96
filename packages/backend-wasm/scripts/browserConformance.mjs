// Runs the conformance suite on the wasm backend in headless Chromium (Debian's chromium;
// playwright-core only drives it). Usage: node scripts/browserConformance.mjs
// The harness is bundled and minified with Vite first, the way an application ships the
// package: the embedded .wasm (base64) and the Node-only imports must survive a bundler.
// Needs src/generated/kernels.ts (`pnpm build:wasm`).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const conditions = ['@mindts/source', 'browser', 'import', 'module', 'default'];

const output = await build({
  configFile: false,
  root,
  logLevel: 'warn',
  resolve: { conditions, alias: { vitest: fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url)) } },
  build: {
    write: false,
    minify: true,
    lib: { entry: 'src/browser/harness.ts', formats: ['iife'], name: 'mindtsConformance', fileName: 'harness' },
  },
});
const bundle = (Array.isArray(output) ? output[0] : output).output[0].code;

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`[wasm] page error: ${err.message}`));
  await page.route('http://localhost/', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${bundle.replaceAll('</script', '<\\/script')}</script></body></html>`,
    }),
  );
  await page.goto('http://localhost/');
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
