// The words tab end to end, on a page of its own (so it starts on the default backend): trains
// the GPT a few steps, samples words with a prefix, saves a checkpoint, reloads the page and
// restores it (the same words for the same seed), then moves to wasm and trains on.
import { join } from 'node:path';
import { ACTION_MS, act, backendOf, sampleWords, switchTo, waitStarted, wordsProgressOf } from './e2ePage.mjs';

/** Few steps on small batches: enough for the loss to fall, quick on SwiftShader on 2 cores. */
const STEPS = 10;
const SAMPLING = { prefix: 'st', temperature: 0.8, topK: 10, seed: 7 };
/** A GPT step costs more than an MLP step on SwiftShader: training gets more time than other actions. */
const TRAIN_MS = 3 * ACTION_MS;
const MARKS = new Set(['real', 'real, held out', 'new']);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The checks, in order; each counts as one test. */
export const WORD_CHECKS = [
  'the words tab opens with its words, on the default backend',
  `the words tab trains the GPT ${STEPS} steps with a falling, finite loss and a falling held-out loss`,
  'words sampled with a prefix start with it, each marked real or new',
  'a words checkpoint saved to IndexedDB and to a file restores the same samples after a reload',
  'the words model moves to wasm, samples the same words and trains on',
];

/** Runs the checks with `check(name, body)` (e2e.mjs); page errors go to `errors`. */
export async function runWordChecks(browser, url, check, skip, errors, out) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (err) => errors.push(`page error (words): ${err.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error (words): ${m.text()}`));
  const openTab = async () => {
    const status = await waitStarted(page);
    await page.click('#tab-words');
    return status;
  };
  try {
    const opened = await check(WORD_CHECKS[0], async () => {
      await page.goto(url);
      const status = await openTab();
      const b = await backendOf(page);
      const problems = [];
      if (!/4000 training words/.test(status)) problems.push(`the status does not say how many words loaded: ${status}`);
      if (!(await page.locator('#words-train').isVisible()) || (await page.locator('#pad').isVisible()))
        problems.push('the words tab is not the one shown');
      console.log(`[playground]      words on ${b.name}: ${b.explain.split('\n')[0]}`);
      return problems;
    });
    if (!opened) return skip(WORD_CHECKS.slice(1), 'the words tab did not open');
    await check(WORD_CHECKS[1], async () => {
      await page.fill('#words-steps', String(STEPS));
      await page.fill('#words-batch-size', '16');
      await page.fill('#words-learning-rate', '0.01');
      await act(page, () => page.click('#words-reset'));
      console.log(`[playground]      ${await act(page, () => page.click('#words-train'), TRAIN_MS)}`);
      const { steps, losses, heldOut, baseline } = await wordsProgressOf(page);
      const problems = [];
      if (steps !== STEPS || losses.length !== STEPS) problems.push(`step ${steps} with ${losses.length} losses shown, not ${STEPS}`);
      if (!losses.every(Number.isFinite)) problems.push(`a loss is not finite: ${losses.join(', ')}`);
      if (!(mean(losses.slice(-3)) < mean(losses.slice(0, 3)) - 0.1))
        problems.push(`the loss did not fall: ${losses.map((l) => l.toFixed(3)).join(', ')}`);
      if (heldOut.length !== 2 || !(heldOut[1][1] < heldOut[0][1]))
        problems.push(`the held-out loss did not fall: ${JSON.stringify(heldOut)}`);
      if (!(baseline > 2 && baseline < 3)) problems.push(`the bigram baseline ${baseline} nats is not about 2.5`);
      const curve = (await page.locator('#words-chart svg path.series').first().getAttribute('d')) ?? '';
      if (curve.split('L').length !== STEPS) problems.push(`the loss curve does not have ${STEPS} points: '${curve.slice(0, 60)}…'`);
      return problems;
    });
    let saved;
    await check(WORD_CHECKS[2], async () => {
      saved = await sampleWords(page, SAMPLING);
      const problems = [];
      if (saved.words.length !== 12 || saved.items !== 12) problems.push(`${saved.words.length} words, ${saved.items} shown, not 12`);
      if (!saved.words.every((w) => /^st[a-z]*$/.test(w))) problems.push(`a word does not start with 'st': ${saved.words.join(', ')}`);
      if (!saved.marks.every((m) => MARKS.has(m))) problems.push(`a word is not marked: ${saved.marks.join(', ')}`);
      if (!/real English words/.test(saved.summary)) problems.push(`no summary: '${saved.summary}'`);
      console.log(`[playground]      ${saved.words.map((w, i) => `${w} (${saved.marks[i]})`).join(', ')}`);
      console.log(`[playground]      ${saved.summary}`);
      return problems;
    });
    await check(WORD_CHECKS[3], async () => {
      if (!saved) return ['not run: nothing was sampled'];
      const problems = [];
      const trained = await wordsProgressOf(page);
      await act(page, () => page.click('#words-save-browser'));
      const [download] = await Promise.all([page.waitForEvent('download'), act(page, () => page.click('#words-download'))]);
      const file = join(out, 'playground-words.ckpt');
      await download.saveAs(file);
      await page.reload();
      await openTab();
      const fresh = await sampleWords(page, SAMPLING);
      if ((await wordsProgressOf(page)).steps !== 0) problems.push('the reloaded page does not start from a new model');
      if (same(fresh.words, saved.words))
        problems.push('a new model samples the very words of the trained one: the check would prove nothing');
      const restoredBy = async (what, load) => {
        console.log(`[playground]      ${await act(page, load)}`);
        const back = await sampleWords(page, SAMPLING);
        if (!same(back.words, saved.words))
          problems.push(`loading ${what} samples ${back.words.join(', ')}, not ${saved.words.join(', ')}`);
        const now = await wordsProgressOf(page);
        if (now.steps !== STEPS || !same(now.losses, trained.losses))
          problems.push(`loading ${what} did not restore step ${STEPS} and its losses`);
      };
      await restoredBy('IndexedDB', () => page.click('#words-load-browser'));
      await act(page, () => page.click('#words-reset'));
      await restoredBy('the file', () => page.setInputFiles('#words-load-file', file));
      return problems;
    });
    await check(WORD_CHECKS[4], async () => {
      if (!saved) return ['not run: nothing was sampled'];
      const problems = [];
      await switchTo(page, 'wasm');
      const b = await backendOf(page);
      if (b.name !== 'wasm') problems.push(`asked for wasm, runs ${b.name}: ${b.note}`);
      const moved = await sampleWords(page, SAMPLING);
      if (!same(moved.words, saved.words))
        problems.push(`on wasm the model samples ${moved.words.join(', ')}, not ${saved.words.join(', ')}`);
      await page.fill('#words-steps', '3');
      const status = await act(page, () => page.click('#words-train'), TRAIN_MS);
      const now = await wordsProgressOf(page);
      if (now.steps !== STEPS + 3 || !now.losses.every(Number.isFinite))
        problems.push(`on wasm: step ${now.steps}, losses ${now.losses.slice(-3)}`);
      console.log(`[playground]      ${status}`);
      await page.screenshot({ path: join(out, 'playground-words.png'), fullPage: true });
      return problems;
    });
  } finally {
    await page.close();
  }
}
