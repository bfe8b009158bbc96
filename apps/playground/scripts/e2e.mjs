// The playground end to end in headless Chromium (SwiftShader's WebGPU and WebGL2, no GPU
// needed): builds the page with Vite, serves dist/ with `vite preview`, then, as a user would,
// trains a few steps, draws a 7, saves and loads checkpoints, switches backends, opens the page
// from the dev server too, runs the words tab (e2eWords.mjs: trains the GPT, samples, restores a
// checkpoint after a reload, moves to wasm), and writes screenshots to apps/playground/out/. Each check counts as
// one test in tooling/scripts/test.mjs (`--json <file>`, see conformanceReport.mjs); a page that
// cannot be built, served or opened fails every check, so a broken run never reads as a passing one.
// Usage: node scripts/e2e.mjs [--json <file>]
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { ConformanceReport, messageOf, takeJsonFlag } from '../../../tooling/scripts/conformanceReport.mjs';
import { launchChromium } from '../../../tooling/scripts/headless.mjs';
import {
  ACTION_MS,
  act,
  backendOf,
  drawSeven,
  maxDiff,
  nextPrediction,
  predictionOf,
  progressOf,
  switchTo,
  train,
  waitStarted,
} from './e2ePage.mjs';
import { runWordChecks, WORD_CHECKS } from './e2eWords.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');
const { jsonPath } = takeJsonFlag(process.argv.slice(2));
const report = new ConformanceReport();
/** Few steps on a small batch: enough for the loss to fall, quick on SwiftShader on 2 cores. */
const STEPS = 15;
const MORE = 4;
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** The checks that have reported, passed or failed. */
const reported = new Set();

/** Runs one check: `body` returns its problems (none: it passed) or throws one. */
async function check(name, body) {
  reported.add(name);
  const t = Date.now();
  let problems;
  try {
    problems = await body();
  } catch (err) {
    problems = [messageOf(err)];
  }
  if (problems.length === 0) {
    report.pass();
    console.log(`[playground] ok   ${name} (${seconds(t)} s)`);
  } else {
    report.fail(name, problems);
    console.log(`[playground] FAIL ${name} (${seconds(t)} s)\n${problems.map((p) => `    ${p}`).join('\n')}`);
  }
  return problems.length === 0;
}

const CHECKS = [
  'page loads and starts a backend',
  `trains ${STEPS} steps with a falling, finite loss`,
  'a held-out digit and a drawn digit get a prediction',
  'a checkpoint saved to IndexedDB and to a file restores the same prediction',
  'switching backends keeps the weights and trains on (cpu, wasm, gpujs-webgl2)',
  'Stop ends training early',
  'without WebGPU, gpujs-webgpu falls back to gpujs-webgl2 and says why',
  'the dev server (vite) serves a page that starts',
  ...WORD_CHECKS,
  'no page errors',
  'screenshot written',
];

/** Reports `names` as failed, not run for `reason`. */
function skip(names, reason) {
  for (const name of names) {
    reported.add(name);
    report.fail(name, [`not run: ${reason}`]);
  }
}

async function runChecks(browser, url) {
  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  const loaded = await check(CHECKS[0], async () => {
    await page.goto(url);
    const status = await waitStarted(page);
    const b = await backendOf(page);
    const problems = [];
    if (!/2500 training digits/.test(status)) problems.push(`the status does not say how many digits loaded: ${status}`);
    if (b.name !== 'gpujs' || !/mode 'webgpu'|mode 'webgl2'/.test(b.explain))
      problems.push(`auto did not start gpu.js on a GPU mode: ${b.name}\n${b.explain}`);
    console.log(`[playground]      ${b.explain.split('\n').slice(0, 2).join(' · ')}`);
    return problems;
  });
  if (!loaded) return skip(CHECKS.slice(1), 'the page did not start');
  await check(CHECKS[1], async () => {
    console.log(`[playground]      ${await train(page, STEPS)}`);
    const { steps, losses, accuracy } = await progressOf(page);
    const problems = [];
    if (steps !== STEPS || losses.length !== STEPS) problems.push(`step ${steps} with ${losses.length} losses shown, not ${STEPS}`);
    if (!losses.every(Number.isFinite)) problems.push(`a loss is not finite: ${losses.join(', ')}`);
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    if (!(mean(losses.slice(-5)) < mean(losses.slice(0, 5))))
      problems.push(`the loss did not fall: ${losses.map((l) => l.toFixed(3)).join(', ')}`);
    if (!(accuracy > 0.2)) problems.push(`held-out accuracy ${accuracy} is not above chance (0.1) by a margin`);
    const curve = (await page.locator('#loss-chart svg path.series').first().getAttribute('d')) ?? '';
    if (curve.split('L').length !== STEPS) problems.push(`the loss curve does not have ${STEPS} points: '${curve.slice(0, 60)}…'`);
    return problems;
  });
  await check(CHECKS[2], async () => {
    const problems = [];
    const shown = (p, what) => {
      const sum = p.probabilities.reduce((a, b) => a + b, 0);
      if (p.probabilities.length !== 10 || Math.abs(sum - 1) > 1e-3)
        problems.push(`${what}: probabilities do not sum to 1: ${p.probabilities}`);
      if (!(p.digit >= 0 && p.digit <= 9) || !p.text.startsWith(String(p.digit))) problems.push(`${what}: no digit shown: '${p.text}'`);
      console.log(`[playground]      ${what} is read as ${p.text}`);
    };
    const sample = await nextPrediction(page, (await predictionOf(page)).version, () => page.click('#sample'));
    shown(sample, 'the first held-out digit');
    if (!sample.text.includes('held-out digit #0, a ')) problems.push(`the prediction does not name the held-out digit: '${sample.text}'`);
    await page.click('#clear');
    const drawn = await nextPrediction(page, sample.version, () => drawSeven(page));
    shown(drawn, 'the 7 drawn');
    if (!drawn.text.includes('drawn')) problems.push(`the prediction is not of the drawing: '${drawn.text}'`);
    return problems;
  });
  await check(CHECKS[3], async () => {
    const problems = [];
    const saved = await predictionOf(page);
    await act(page, () => page.click('#save-browser'));
    const [download] = await Promise.all([page.waitForEvent('download'), act(page, () => page.click('#download'))]);
    const file = join(out, 'playground.ckpt');
    await download.saveAs(file);
    if (statSync(file).size < 100_000) problems.push(`the downloaded checkpoint has only ${statSync(file).size} bytes`);
    const restoredBy = async (what, load) => {
      await train(page, MORE);
      const moved = await predictionOf(page);
      if (!(maxDiff(moved.probabilities, saved.probabilities) > 1e-6))
        problems.push(`training ${MORE} more steps did not change the prediction`);
      console.log(`[playground]      ${await act(page, load)}`);
      const back = await predictionOf(page);
      const diff = maxDiff(back.probabilities, saved.probabilities);
      if (!(diff <= 1e-5)) problems.push(`loading ${what} gave probabilities ${diff} away from those saved`);
      if ((await progressOf(page)).steps !== STEPS) problems.push(`loading ${what} did not restore step ${STEPS}`);
    };
    await restoredBy('the file', () => page.setInputFiles('#load-file', file));
    await restoredBy('IndexedDB', () => page.click('#load-browser'));
    return problems;
  });
  await check(CHECKS[4], async () => {
    const problems = [];
    for (const choice of ['cpu', 'wasm', 'gpujs-webgl2']) {
      const before = await predictionOf(page);
      const { steps } = await progressOf(page);
      await switchTo(page, choice);
      const b = await backendOf(page);
      if (b.name !== choice || b.fellBack) problems.push(`asked for ${choice}, runs ${b.name}: ${b.note}`);
      const after = await predictionOf(page);
      const diff = maxDiff(after.probabilities, before.probabilities);
      if (!(diff <= 1e-4)) problems.push(`on ${choice} the prediction moved by ${diff}: the weights did not come along`);
      const status = await train(page, 3);
      const now = await progressOf(page);
      if (now.steps !== steps + 3 || !now.losses.every(Number.isFinite))
        problems.push(`on ${choice}: step ${now.steps} (not ${steps + 3}), losses ${now.losses.slice(-3)}`);
      console.log(`[playground]      ${b.explain.split('\n')[0]} · ${status}`);
    }
    return problems;
  });
  await check(CHECKS[5], async () => {
    const { steps } = await progressOf(page);
    await page.fill('#steps', '10000');
    const status = await act(page, async () => {
      await page.click('#train');
      await page.waitForFunction((n) => Number(document.getElementById('step-count').textContent) > n, steps, { timeout: ACTION_MS });
      await page.click('#stop');
    });
    const now = (await progressOf(page)).steps;
    console.log(`[playground]      ${status}`);
    return /\(stopped\)/.test(status) && now > steps && now < steps + 10000 ? [] : [`training did not stop: step ${now}, '${status}'`];
  });
  await check(CHECKS[6], async () => {
    // A browser without WebGPU: the same page with navigator.gpu taken away before it loads.
    const bare = await browser.newPage();
    bare.on('pageerror', (err) => errors.push(`page error (no WebGPU): ${err.message}`));
    try {
      await bare.addInitScript(() => delete Navigator.prototype.gpu);
      await bare.goto(url);
      await waitStarted(bare);
      await switchTo(bare, 'gpujs-webgpu');
      const b = await backendOf(bare);
      const problems = [];
      if (b.name !== 'gpujs-webgl2' || b.fellBack !== 'gpujs-webgpu') problems.push(`runs ${b.name} after ${b.fellBack || 'no fallback'}`);
      if (!/gpujs-webgpu did not start: .*navigator\.gpu is missing/.test(b.note)) problems.push(`the page does not say why: '${b.note}'`);
      if (!(await bare.locator('#backend-note').isVisible())) problems.push('the reason is not visible');
      console.log(`[playground]      ${b.note}`);
      return problems;
    } finally {
      await bare.close();
    }
  });
  await check(CHECKS[7], async () => {
    // `pnpm --filter @mindts/playground dev`: the packages' sources, unbundled, with the digits
    // served by the plugin's middleware.
    const dev = await createServer({ root, logLevel: 'warn', server: { host: 'localhost', port: 0, strictPort: false } });
    const devPage = await browser.newPage();
    devPage.on('pageerror', (err) => errors.push(`page error (dev server): ${err.message}`));
    try {
      await dev.listen();
      await devPage.goto(dev.resolvedUrls?.local[0] ?? 'dev server has no URL');
      const status = await waitStarted(devPage);
      return /2500 training digits/.test(status) ? [] : [`the dev page says: ${status}`];
    } finally {
      await devPage.close();
      await dev.close();
    }
  });
  await runWordChecks(browser, url, check, skip, errors, out);
  await check(CHECKS.at(-2), async () => errors);
  await check(CHECKS.at(-1), async () => {
    const file = join(out, 'playground.png');
    await page.screenshot({ path: file, fullPage: true });
    const bytes = readFileSync(file);
    const png = bytes.subarray(1, 4).toString('latin1') === 'PNG';
    console.log(`[playground]      ${file}`);
    return png && bytes.length > 20_000 ? [] : [`${file} is not a screenshot (${bytes.length} bytes)`];
  });
}

let server;
try {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const t = Date.now();
  await build({ root, logLevel: 'warn' });
  console.log(`[playground] built dist/ in ${seconds(t)} s`);
  server = await preview({ root, logLevel: 'warn', preview: { host: 'localhost', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no local URL');
  const browser = await launchChromium(chromium, { gpu: true });
  try {
    await runChecks(browser, url);
  } finally {
    await browser.close();
  }
} catch (err) {
  console.log(`[playground] could not run: ${messageOf(err)}`);
  for (const name of CHECKS) if (!reported.has(name)) report.fail(name, [`not run: ${messageOf(err)}`]);
} finally {
  await server?.close();
}
report.write(jsonPath);
console.log(`[playground] ${report.passed} passed, ${report.failed} failed in ${seconds(started)} s`);
process.exit(report.failed === 0 ? 0 : 1);
