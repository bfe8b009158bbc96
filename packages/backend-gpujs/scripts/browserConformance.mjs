// Runs the conformance suite on gpu.js's WebGL2 and WebGPU modes in headless Chromium
// (SwiftShader, no GPU needed). Usage: node scripts/browserConformance.mjs [mode…]
// The harness is bundled and minified with Vite first, which also checks that the generated
// kernel sources survive a minifier. Chromium comes from the system (Debian: apt-get install chromium).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const modes = process.argv.slice(2).length ? process.argv.slice(2) : ['webgl2', 'webgpu'];
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
  args: [
    '--no-sandbox',
    '--enable-unsafe-webgpu',
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let failures = 0;
try {
  for (const mode of modes) {
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`[${mode}] page error: ${err.message}`));
    // WebGPU is exposed only in secure contexts: serve the page as http://localhost/ (routed, no server).
    await page.route('http://localhost/', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${bundle.replaceAll('</script', '<\\/script')}</script></body></html>`,
      }),
    );
    await page.goto('http://localhost/');
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
