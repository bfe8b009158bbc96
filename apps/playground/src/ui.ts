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
 * Replaces the loss chart with an SVG document.
 * @example
 * showChart(ui, lossChartSvg(trainer.losses));
 */
export function showChart(ui: PlaygroundUi, svg: string): void {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') throw new Error(`showChart: the chart is not an SVG document (${root.textContent?.slice(0, 80)}).`);
  ui.lossChart.replaceChildren(document.importNode(root, true));
}
