// What the playground's end-to-end test does on the page: start actions and wait for them, read
// the state the page keeps in data attributes, draw with the mouse. Every wait has a timeout, so
// a broken page fails a check instead of hanging the run.

/** How long one action (training a few steps, a backend switch, a checkpoint) may take. */
export const ACTION_MS = 45_000;

const statusOf = (page) =>
  page.$eval('#status', (el) => ({ state: el.dataset.state, done: Number(el.dataset.done ?? 0), text: el.textContent }));

/**
 * Runs `start` (a click, a select) and waits (at most `timeout` ms) until the page has finished
 * one more action; resolves to the status text, or throws with it when the action failed.
 */
export async function act(page, start, timeout = ACTION_MS) {
  const before = (await statusOf(page)).done;
  await start();
  await page.waitForFunction(
    (n) => {
      const el = document.getElementById('status');
      return Number(el.dataset.done ?? 0) > n && (el.dataset.state === 'ready' || el.dataset.state === 'error');
    },
    before,
    { timeout },
  );
  const after = await statusOf(page);
  if (after.state === 'error') throw new Error(after.text);
  return after.text;
}

/** Waits until the page has started (or failed to); throws with its status when it failed. */
export async function waitStarted(page) {
  await page.waitForFunction(() => Number(document.getElementById('status').dataset.done ?? 0) >= 1, null, { timeout: ACTION_MS });
  const s = await statusOf(page);
  if (s.state !== 'ready') throw new Error(`the page did not start: ${s.text}`);
  return s.text;
}

/** Trains `steps` steps; resolves to the status text. */
export async function train(page, steps) {
  await page.fill('#steps', String(steps));
  return act(page, () => page.click('#train'));
}

/** Switches the backend select to `choice`; resolves to the status text. */
export function switchTo(page, choice) {
  return act(page, () => page.selectOption('#backend-select', choice));
}

/** The active backend as the page shows it. */
export function backendOf(page) {
  return page.evaluate(() => {
    const name = document.getElementById('backend-name');
    const note = document.getElementById('backend-note');
    return {
      name: name.dataset.backend,
      choice: name.dataset.choice,
      fellBack: note.dataset.fellBack,
      note: note.textContent,
      explain: document.getElementById('backend-explain').textContent,
    };
  });
}

/** The step counter, the loss history and the held-out accuracy the page shows. */
export function progressOf(page) {
  return page.evaluate(() => ({
    steps: Number(document.getElementById('step-count').textContent),
    losses: JSON.parse(document.getElementById('last-loss').dataset.losses ?? '[]'),
    accuracy: Number(document.getElementById('held-out').dataset.accuracy),
  }));
}

/** The prediction shown: digit, probabilities, text and version (grows with each prediction). */
export function predictionOf(page) {
  return page.$eval('#prediction', (el) => ({
    digit: el.dataset.digit === undefined ? undefined : Number(el.dataset.digit),
    probabilities: JSON.parse(el.dataset.probabilities ?? '[]'),
    version: Number(el.dataset.version ?? 0),
    text: el.textContent,
  }));
}

/** Runs `start` (a click, a drawing), then waits for a prediction newer than `version`. */
export async function nextPrediction(page, version, start) {
  await start();
  await page.waitForFunction((v) => Number(document.getElementById('prediction').dataset.version ?? 0) > v, version, {
    timeout: ACTION_MS,
  });
  return predictionOf(page);
}

/**
 * Draws a 7 on the pad with the mouse, as a user would: a top bar, then a slanted stem. The
 * points are fractions of the pad's size.
 */
export async function drawSeven(page) {
  const box = await page.locator('#pad').boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const at = ([fx, fy]) => [box.x + fx * box.width, box.y + fy * box.height];
  const path = [
    [0.3, 0.25],
    [0.7, 0.25],
    [0.45, 0.8],
  ];
  await page.mouse.move(...at(path[0]));
  await page.mouse.down();
  for (const point of path.slice(1)) await page.mouse.move(...at(point), { steps: 12 });
  await page.mouse.up();
}

/** The largest absolute difference between two equally long arrays of numbers. */
export function maxDiff(a, b) {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** The words tab's step counter, losses (nats per step), held-out `[step, nats]` pairs and bigram baseline. */
export function wordsProgressOf(page) {
  return page.evaluate(() => ({
    steps: Number(document.getElementById('words-step-count').textContent),
    losses: JSON.parse(document.getElementById('words-last-loss').dataset.losses ?? '[]'),
    heldOut: JSON.parse(document.getElementById('words-held-out').dataset.heldOut ?? '[]'),
    baseline: Number(document.getElementById('words-baseline').dataset.baseline),
  }));
}

/** Fills the sampling fields (`prefix`, `temperature`, `topK`, `seed`), clicks Sample; resolves to the words, their marks and the summary. */
export async function sampleWords(page, { prefix, temperature, topK, seed }) {
  await page.fill('#words-prefix', prefix);
  await page.fill('#words-temperature', String(temperature));
  await page.fill('#words-top-k', String(topK));
  await page.fill('#words-seed', String(seed));
  const status = await act(page, () => page.click('#words-sample'));
  const shown = await page.$eval('#words-samples', (el) => ({
    words: JSON.parse(el.dataset.words ?? '[]'),
    marks: JSON.parse(el.dataset.marks ?? '[]'),
    items: el.querySelectorAll('li').length,
  }));
  return { ...shown, status, summary: await page.textContent('#words-summary') };
}
