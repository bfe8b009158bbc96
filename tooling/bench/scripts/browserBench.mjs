// The gpu.js rows in headless Chromium (SwiftShader: WebGL2 and WebGPU on the CPU, no GPU needed):
// mindts on gpu.js webgl2/webgpu against tfjs-backend-webgl/webgpu, printing ms and ratios, then
// per mode eager vs jit (the MLP step and a 10-op chain on 1M elements) and the Transformer encoder-layer
// training step (`Transformer` picks it alone) next to the tfjs peer.
// Usage: node scripts/browserBench.mjs [--modes=webgl2,webgpu] [--cpuThreshold=N] [row-label-fragment…]
// e.g. `node scripts/browserBench.mjs n=512 MLP` (`chain` picks the jitted chain alone). Not part of `pnpm bench` (it needs Chromium:
// Debian's `apt-get install chromium`, or CHROMIUM_PATH). Bundled with Vite as the gpu.js
// backend's browserConformance.mjs is.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bundleIife, launchChromium, openBundlePage } from '../../scripts/headless.mjs';

const args = process.argv.slice(2);
const modes = (args.find((a) => a.startsWith('--modes='))?.slice(8) ?? 'webgl2,webgpu').split(',');
const threshold = args.find((a) => a.startsWith('--cpuThreshold='))?.slice(15);
const cpuThreshold = threshold === undefined ? undefined : Number(threshold);
const only = args.filter((a) => !a.startsWith('--'));
const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await bundleIife(build, { root, entry: 'src/browser/benchHarness.ts', name: 'mindtsBench' });
const browser = await launchChromium(chromium, { gpu: true });
let code = 0;
try {
  const page = await openBundlePage(browser, bundle, 'bench');
  page.on('console', (m) => process.stderr.write(`${m.text()}\n`));
  const started = Date.now();
  const r = await page.evaluate(([m, o, t]) => globalThis.mindtsBench.runBench(m, o, t), [modes, only, cpuThreshold]);
  console.log(`headless Chromium ${browser.version()} (SwiftShader) · ${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log('median ms of timed runs after warm-up, one side after another; results read back with await data()\n');
  if (r.table) {
    console.log(r.table);
    console.log("(ratio columns: the tfjs side's ms over the gpu.js side's; above 1, mindts is faster)");
  }
  for (const t of r.jitTables) console.log(`\n${t}`);
  if (r.jitTables.length) console.log('(jit speedup: eager ms / jit ms; jit vs tfjs: tfjs ms / jit ms, above 1 the jitted step is faster)');
  for (const t of r.seqTables) console.log(`\n${t}`);
  if (r.seqTables.length)
    console.log(
      '(tfjs / eager and tfjs / jit: above 1, mindts is faster; kernel ms on WebGPU are launch times: gpu.js runs them asynchronously)',
    );
  for (const n of r.notes) console.log(n);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
