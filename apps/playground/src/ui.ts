/**
 * The page's elements, found once by id (index.html), and the small views that write to them.
 * State the end-to-end test reads is also kept in data attributes, so it never parses prose.
 */

const ELEMENTS = {
  status: HTMLElement,
  backendSelect: HTMLSelectElement,
  backendName: HTMLElement,
  backendNote: HTMLElement,
  backendExplain: HTMLElement,
  steps: HTMLInputElement,
  batchSize: HTMLInputElement,
  learningRate: HTMLInputElement,
  train: HTMLButtonElement,
  stop: HTMLButtonElement,
  reset: HTMLButtonElement,
  stepCount: HTMLElement,
  lastLoss: HTMLElement,
  heldOut: HTMLElement,
  lossChart: HTMLElement,
  pad: HTMLCanvasElement,
  clear: HTMLButtonElement,
  sample: HTMLButtonElement,
  prediction: HTMLElement,
  bars: HTMLElement,
  saveBrowser: HTMLButtonElement,
  loadBrowser: HTMLButtonElement,
  download: HTMLButtonElement,
  loadFile: HTMLInputElement,
  tabDigits: HTMLButtonElement,
  tabWords: HTMLButtonElement,
  panelDigits: HTMLElement,
  panelWords: HTMLElement,
  wordsModel: HTMLSelectElement,
  wordsSteps: HTMLInputElement,
  wordsBatchSize: HTMLInputElement,
  wordsLearningRate: HTMLInputElement,
  wordsTrain: HTMLButtonElement,
  wordsStop: HTMLButtonElement,
  wordsReset: HTMLButtonElement,
  wordsStepCount: HTMLElement,
  wordsLastLoss: HTMLElement,
  wordsHeldOut: HTMLElement,
  wordsBaseline: HTMLElement,
  wordsChart: HTMLElement,
  wordsPrefix: HTMLInputElement,
  wordsTemperature: HTMLInputElement,
  wordsTopK: HTMLInputElement,
  wordsSeed: HTMLInputElement,
  wordsSample: HTMLButtonElement,
  wordsSamples: HTMLOListElement,
  wordsSummary: HTMLElement,
  wordsSaveBrowser: HTMLButtonElement,
  wordsLoadBrowser: HTMLButtonElement,
  wordsDownload: HTMLButtonElement,
  wordsLoadFile: HTMLInputElement,
} as const;

/**
 * Every element the page uses, by role.
 * @example
 * const ui: PlaygroundUi = findUi(document); ui.train.disabled = true;
 */
export type PlaygroundUi = { readonly [K in keyof typeof ELEMENTS]: InstanceType<(typeof ELEMENTS)[K]> };

/** `backendSelect` → `backend-select`. */
const idOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Finds the page's elements; throws naming the first one missing or of the wrong kind.
 * @example
 * const ui = findUi(document);
 */
export function findUi(doc: Document): PlaygroundUi {
  const found: Record<string, Element> = {};
  for (const [key, type] of Object.entries(ELEMENTS)) {
    const el = doc.getElementById(idOf(key));
    if (!(el instanceof type)) {
      throw new Error(`The page needs #${idOf(key)} to be a ${type.name}, but found ${el ? el.constructor.name : 'nothing'}.`);
    }
    found[key] = el;
  }
  return found as PlaygroundUi;
}

/**
 * An integer in [`min`, `max`] from an input, or an error naming the field, the range and the value.
 * @example
 * const steps = intField(ui.steps, 'Steps', 100_000);
 */
export function intField(input: HTMLInputElement, field: string, max: number, min = 1): number {
  const n = Number(input.value);
  if (!(input.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max))
    throw new RangeError(`${field} must be an integer in [${min}, ${max}], but got '${input.value}'.`);
  return n;
}

/**
 * Shows a prediction: the digit, a bar per class, and the probabilities in data attributes
 * (`data-digit`, `data-probabilities`, and `data-version`, which grows with each prediction).
 * @example
 * showPrediction(ui, new Float32Array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]), 'drawn'); // shows 7
 */
export function showPrediction(ui: PlaygroundUi, probabilities: Float32Array, source: string): void {
  if (probabilities.length !== 10) throw new RangeError(`showPrediction: 10 probabilities are needed, but got ${probabilities.length}.`);
  const digit = probabilities.indexOf(Math.max(...probabilities));
  const p = ui.prediction;
  p.dataset.digit = String(digit);
  p.dataset.probabilities = JSON.stringify(Array.from(probabilities));
  p.dataset.version = String(Number(p.dataset.version ?? 0) + 1);
  p.textContent = `${digit} (${(100 * (probabilities[digit] as number)).toFixed(1)} %, ${source})`;
  ui.bars.replaceChildren(
    ...Array.from(probabilities, (v, d) => {
      const row = document.createElement('div');
      row.className = d === digit ? 'bar top' : 'bar';
      const label = document.createElement('span');
      label.textContent = String(d);
      const fill = document.createElement('i');
      fill.style.width = `${(100 * v).toFixed(1)}%`;
      const value = document.createElement('span');
      value.textContent = `${(100 * v).toFixed(1)} %`;
      row.append(label, fill, value);
      return row;
    }),
  );
}

/**
 * Replaces a chart (the content of `target`) with an SVG document.
 * @example
 * showChart(ui.lossChart, lossChartSvg(trainer.losses));
 */
export function showChart(target: HTMLElement, svg: string): void {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') throw new Error(`showChart: the chart is not an SVG document (${root.textContent?.slice(0, 80)}).`);
  target.replaceChildren(document.importNode(root, true));
}

/**
 * Shows sampled words, each with its mark ('real', 'real, held out', 'new'), and keeps both in
 * data attributes of the list (`data-words`, `data-marks`, and `data-version`, which grows).
 * @example
 * showSamples(ui, ['cat', 'zorp'], ['real', 'new']);
 */
export function showSamples(ui: PlaygroundUi, words: readonly string[], marks: readonly string[]): void {
  const list = ui.wordsSamples;
  list.dataset.words = JSON.stringify(words);
  list.dataset.marks = JSON.stringify(marks);
  list.dataset.version = String(Number(list.dataset.version ?? 0) + 1);
  list.replaceChildren(
    ...words.map((word, i) => {
      const item = document.createElement('li');
      const mark = marks[i] ?? '';
      item.className = mark === 'new' ? 'new' : 'real';
      const text = document.createElement('strong');
      text.textContent = word || '(empty)';
      item.append(text, ` ${mark}`);
      return item;
    }),
  );
}

/**
 * Shows one tab's panel (`digits` or `words`) and hides the other.
 * @example
 * showTab(ui, 'words');
 */
export function showTab(ui: PlaygroundUi, tab: 'digits' | 'words'): void {
  const words = tab === 'words';
  ui.panelDigits.hidden = words;
  ui.panelWords.hidden = !words;
  ui.tabDigits.setAttribute('aria-selected', String(!words));
  ui.tabWords.setAttribute('aria-selected', String(words));
}
