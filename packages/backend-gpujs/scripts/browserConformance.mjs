// Runs the conformance suite on gpu.js's WebGL2, WebGL (GLSL ES 1.00, whose loop and index rules
// headless-gl's compiler does not enforce) and WebGPU modes in headless Chromium (SwiftShader, no
// GPU needed), then the PyTorch 1.13 fixtures of the nn layers (packages/cell/fixtures/torch, the
// cases the vitest suite runs on cpu, wasm and gpu.js in Node) on each mode. Usage: node scripts/browserConformance.mjs [--json <file>] [mode…]
// The harness is bundled and minified with Vite first, which also checks that the generated
// kernel sources survive a minifier. Chromium comes from the system (Debian: apt-get install chromium).
// `--json <file>` also writes the counts for tooling/scripts/test.mjs (the root `pnpm test`).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { ConformanceReport, messageOf, runConformanceScript, takeJsonFlag } from '../../../tooling/scripts/conformanceReport.mjs';
import { bundleIife, openBundlePage } from '../../../tooling/scripts/headless.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { jsonPath, rest } = takeJsonFlag(process.argv.slice(2));
const modes = rest.length ? rest : ['webgl2', 'webgl', 'webgpu'];
const vitestStub = fileURLToPath(new URL('../src/browser/vitestStub.ts', import.meta.url));
const report = new ConformanceReport();
const umbrellaRoot = fileURLToPath(new URL('../../mindts/', import.meta.url));

// The suite again, every case jitted (traced, then replayed with fused elementwise kernels); a
// known chain that must replay as one gpu.js kernel compiled and run on the device; and every
// per-op template composed into a fused kernel. Each jitted case and each check counts as a test.

/** A kernel gpu.js could not compile or build ran on the CPU backend: right values, but a failure of the mode. */
function reportUnbuilt(tag, unbuilt) {
  if (unbuilt.length === 0) return;
  console.log(`[${tag}] FAIL kernels gpu.js could not build ran on the CPU backend:\n${unbuilt.map((p) => `    ${p}`).join('\n')}`);
  report.fail(`${tag}: kernels not built`, unbuilt);
}

async function runJitMode(page, mode) {
  const started = Date.now();
  const r = await page.evaluate((m) => globalThis.mindtsConformance.runJitConformance(m), mode);
  console.log(`[${mode} jit] ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const fell = Object.entries(r.fellBack);
  const fellCount = fell.reduce((n, [, k]) => n + k, 0);
  console.log(
    `[${mode} jit] fused programs: ${r.fusedGroups} in the replayed graphs, ${r.declined} declined by the backend (dtype/op without a gpu.js form), ` +
      `${fellCount} ran op by op${fell.length ? ':' : ''}`,
  );
  for (const [reason, count] of fell) console.log(`[${mode} jit]   ×${count}: ${reason}`);
  if (r.fellBackCases.length) console.log(`[${mode} jit]   in: ${r.fellBackCases.join(' · ')}`);
  reportUnbuilt(`${mode} jit`, r.unbuilt);
  for (const f of r.failed) {
    console.log(`[${mode} jit] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
    report.fail(`${mode} jit: ${f.name}`, f.problems);
  }
  if (r.mode === mode) report.pass(r.passed);
  else report.fail(`${mode} jit: mode`, [`ran in ${r.mode} instead: ${r.modeReason}`]);
  const chain = await page.evaluate((m) => globalThis.mindtsConformance.checkFusedChain(m), mode);
  console.log(`[${mode} jit] fused chain on the device: ${chain.length === 0 ? 'one kernel, compiled and run' : chain.join('; ')}`);
  if (chain.length === 0) report.pass();
  else report.fail(`${mode} jit: fused chain`, chain);
  const templates = await page.evaluate((m) => globalThis.mindtsConformance.checkFusedTemplates(m), mode);
  console.log(`[${mode} jit] every op template in a fused kernel: ${templates.length === 0 ? 'compiled, ran on the device, agreed' : ''}`);
  for (const p of templates) console.log(`[${mode} jit]   ${p}`);
  if (templates.length === 0) report.pass();
  else report.fail(`${mode} jit: fused templates`, templates);
}

async function runMode(browser, bundle, mode) {
  let page;
  try {
    page = await openBundlePage(browser, bundle, mode);
    const started = Date.now();
    const r = await page.evaluate((m) => globalThis.mindtsConformance.runConformance(m), mode);
    console.log(`[${mode}] ${r.passed} passed, ${r.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(r.summary.replace(/^/gm, `[${mode}]   `));
    reportUnbuilt(mode, r.unbuilt);
    for (const f of r.failed) {
      console.log(`[${mode}] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      report.fail(`${mode}: ${f.name}`, f.problems);
    }
    // Cases that passed in another mode say nothing about this one.
    if (r.mode === mode) report.pass(r.passed);
    else {
      console.log(`[${mode}] FAIL ran in ${r.mode} instead: ${r.modeReason}`);
      report.fail(`${mode}: mode`, [`ran in ${r.mode} instead: ${r.modeReason}`]);
    }
    await runJitMode(page, mode);
    const wide = await page.evaluate((m) => globalThis.mindtsConformance.checkWideMatMul(m), mode);
    console.log(
      `[${mode}] MatMul, four-wide (WebGPU) or packed (GL) where allowed: ${wide.length === 0 ? 'agreed with the CPU backend, kernels as expected' : ''}`,
    );
    for (const p of wide) console.log(`[${mode}]   ${p}`);
    if (wide.length === 0) report.pass();
    else report.fail(`${mode}: four-wide MatMul`, wide);
    const read = await page.evaluate((m) => globalThis.mindtsConformance.checkReadBack(m), mode);
    console.log(`[${mode}] read-back (packed on WebGL2 from 16384 floats): ${read.length === 0 ? 'exact, paths as expected' : ''}`);
    for (const p of read) console.log(`[${mode}]   ${p}`);
    if (read.length === 0) report.pass();
    else report.fail(`${mode}: read-back`, read);
    const long = await page.evaluate((m) => globalThis.mindtsConformance.checkLongReductions(m), mode);
    console.log(
      `[${mode}] long reductions (two stages on the GPU modes): ${long.length === 0 ? 'agreed with the CPU backend, paths as expected' : ''}`,
    );
    for (const p of long) console.log(`[${mode}]   ${p}`);
    if (long.length === 0) report.pass();
    else report.fail(`${mode}: long reductions`, long);
    const layouts = await page.evaluate((m) => globalThis.mindtsConformance.checkLayouts(m), mode);
    console.log(
      `[${mode}] results kept blocked or in packed rows (WebGL2 only): ${layouts.length === 0 ? 'agreed with the CPU backend, paths as expected, storage freed' : ''}`,
    );
    for (const p of layouts) console.log(`[${mode}]   ${p}`);
    if (layouts.length === 0) report.pass();
    else report.fail(`${mode}: layouts`, layouts);
    const shared = await page.evaluate((m) => globalThis.mindtsConformance.checkSharedReshape(m), mode);
    console.log(
      `[${mode}] reshapes sharing their input's texture (GL modes only): ${shared.length === 0 ? 'agreed with the CPU backend, paths as expected, storage freed' : ''}`,
    );
    for (const p of shared) console.log(`[${mode}]   ${p}`);
    if (shared.length === 0) report.pass();
    else report.fail(`${mode}: shared reshapes`, shared);
    if (mode === 'webgl2') {
      const lost = await page.evaluate(() => globalThis.mindtsConformance.checkContextLoss());
      console.log(`[${mode}] context loss: ${lost.length === 0 ? 'handled' : lost.join('; ')}`);
      if (lost.length === 0) report.pass();
      else report.fail(`${mode}: context loss`, lost);
    }
  } catch (err) {
    console.log(`[${mode}] could not run: ${messageOf(err)}`);
    report.fail(`${mode}: could not run`, [messageOf(err)]);
  }
  await page?.close();
}

/** The fixture files of packages/cell/fixtures/torch, parsed: file name → JSON. */
function readTorchFixtures() {
  const dir = new URL('../../cell/fixtures/torch/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]));
}

// Each fixture case counts as a test. The page's bundle is packages/mindts/fixtures/browserTorchFixtures.ts:
// the umbrella package depends on @mindts/cell and this backend (the cell package cannot: the
// backends test with it), so it is bundled from there.
async function runFixturesMode(browser, bundle, files, mode) {
  let page;
  try {
    page = await openBundlePage(browser, bundle, `${mode} fixtures`);
    const started = Date.now();
    const r = await page.evaluate(([m, f]) => globalThis.mindtsTorchFixtures.runTorchFixtures(m, f), [mode, files]);
    console.log(
      `[${mode} fixtures] PyTorch 1.13 layer fixtures, float32, forward and gradients: ${r.passed} passed, ${r.failed.length} failed ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; worst relative error ${r.worst.toExponential(2)} at ${r.worstAt} (tolerance 1e-4); ` +
        `slowest: ${r.slowest.join(', ')}`,
    );
    reportUnbuilt(`${mode} fixtures`, r.unbuilt);
    for (const f of r.failed) {
      console.log(`[${mode} fixtures] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      report.fail(`${mode} fixtures: ${f.name}`, f.problems);
    }
    if (r.mode === mode) report.pass(r.passed);
    else report.fail(`${mode} fixtures: mode`, [`ran in ${r.mode} instead: ${r.modeReason}`]);
  } catch (err) {
    console.log(`[${mode} fixtures] could not run: ${messageOf(err)}`);
    report.fail(`${mode} fixtures: could not run`, [messageOf(err)]);
  }
  await page?.close();
}

await runConformanceScript({
  build,
  chromium,
  root,
  vitestStub,
  gpu: true,
  report,
  jsonPath,
  run: async (browser, bundle) => {
    let fixtures;
    try {
      fixtures = await bundleIife(build, { root: umbrellaRoot, entry: 'fixtures/browserTorchFixtures.ts', name: 'mindtsTorchFixtures' });
    } catch (err) {
      console.log(`[fixtures] could not bundle: ${messageOf(err)}`);
      report.fail('fixtures: could not bundle', [messageOf(err)]);
    }
    const files = readTorchFixtures();
    for (const mode of modes) {
      await runMode(browser, bundle, mode);
      if (fixtures) await runFixturesMode(browser, fixtures, files, mode);
    }
  },
});
