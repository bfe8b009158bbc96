/**
 * The page's controller: one trainer on the active backend, and the actions the buttons start
 * (train, stop, reset, switch backend, predict, save and load checkpoints). One action runs at a
 * time; the status line says what happened, and failures are shown there, never swallowed.
 */
import { indexedDBIO, memoryIO } from '@mindts/checkpoint';
import { getBackend } from '@mindts/tensor';
import {
  type ActiveBackend,
  activateBackend,
  BACKEND_CHOICES,
  BACKEND_LABELS,
  type BackendChoice,
  describeBackend,
  releaseBackendsExcept,
} from './backendChoice.js';
import { BrowserTrainer, type TrainerOptions } from './browserTrainer.js';
import { DIGIT_PIXELS, type Digits } from './digitsAsset.js';
import { DrawPad } from './drawPad.js';
import { lossChartSvg } from './lossChart.js';
import { type PlaygroundUi, showChart, showPrediction } from './ui.js';

/** Where "Save to browser" keeps the checkpoint: `indexeddb://mindts/checkpoints/playground-mlp`. */
export const CHECKPOINT_KEY = 'playground-mlp';

/** How often the page repaints while training, in ms: often enough to look live, rarely enough to cost little. */
const PAINT_MS = 150;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A positive integer from an input, or an error naming the field, the range and the value. */
function intField(input: HTMLInputElement, field: string, max: number): number {
  const n = Number(input.value);
  if (!(Number.isInteger(n) && n >= 1 && n <= max))
    throw new RangeError(`${field} must be an integer in [1, ${max}], but got '${input.value}'.`);
  return n;
}

/**
 * The playground on `ui`, training on `digits`.
 * @example
 * const playground = await Playground.start(findUi(document), digits, 'auto');
 */
export class Playground {
  private trainer: BrowserTrainer | undefined;
  private active: ActiveBackend | undefined;
  private busy: 'busy' | 'training' | undefined;
  private stopRequested = false;
  private input: { pixels: Float32Array; source: string } | undefined;
  private sampleIndex = 0;
  private readonly pad: DrawPad;

  private constructor(
    private readonly ui: PlaygroundUi,
    private readonly digits: Digits,
  ) {
    this.pad = new DrawPad(ui.pad, (pixels) => void this.predict(pixels, 'drawn'));
    ui.backendSelect.replaceChildren(...BACKEND_CHOICES.map((c) => new Option(BACKEND_LABELS[c], c)));
    ui.backendSelect.addEventListener('change', () => void this.switchBackend(ui.backendSelect.value as BackendChoice));
    ui.train.addEventListener('click', () => void this.train());
    ui.stop.addEventListener('click', () => {
      this.stopRequested = true;
    });
    ui.reset.addEventListener('click', () => void this.reset());
    ui.clear.addEventListener('click', () => {
      this.pad.clear();
      this.input = undefined;
    });
    ui.sample.addEventListener('click', () => void this.showSample());
    ui.saveBrowser.addEventListener('click', () => void this.run('busy', 'Saving to the browser', () => this.save()));
    ui.loadBrowser.addEventListener('click', () => void this.run('busy', 'Loading from the browser', () => this.load('browser')));
    ui.download.addEventListener('click', () => void this.run('busy', 'Preparing the download', () => this.download()));
    ui.loadFile.addEventListener('change', () => {
      const file = ui.loadFile.files?.[0];
      if (file) void this.run('busy', `Loading ${file.name}`, () => this.load(file));
      ui.loadFile.value = '';
    });
  }

  /**
   * Starts the page on `choice` (falling back along the default chain) with a new model.
   * @example
   * await Playground.start(findUi(document), digits, 'gpujs-webgl2');
   */
  static async start(ui: PlaygroundUi, digits: Digits, choice: BackendChoice): Promise<Playground> {
    const playground = new Playground(ui, digits);
    await playground.switchBackend(choice);
    return playground;
  }

  private setStatus(state: string, message: string): void {
    this.ui.status.dataset.state = state;
    this.ui.status.textContent = message;
  }

  /** Enables what can be used now: everything when idle, only Stop (and the pad) while training. */
  private setControls(): void {
    const ui = this.ui;
    for (const el of [ui.backendSelect, ui.train, ui.reset, ui.sample, ui.saveBrowser, ui.loadBrowser, ui.download, ui.loadFile]) {
      el.disabled = this.busy !== undefined;
    }
    for (const el of [ui.steps, ui.batchSize, ui.learningRate]) el.disabled = this.busy !== undefined;
    ui.stop.disabled = this.busy !== 'training';
  }

  /** Runs one action: the status says it runs, then its result or its error; `data-done` counts finished actions. */
  private async run(kind: 'busy' | 'training', label: string, action: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.setControls();
    this.setStatus(kind, `${label}…`);
    let state = 'ready';
    let message: string;
    try {
      message = await action();
      // What the model says about the current digit may have changed with the weights.
      if (this.input) await this.predictNow();
    } catch (err) {
      state = 'error';
      message = `${label} failed: ${errorText(err)}`;
    }
    this.busy = undefined;
    this.setControls();
    this.setStatus(state, message);
    this.ui.status.dataset.done = String(Number(this.ui.status.dataset.done ?? 0) + 1);
  }

  private options(): TrainerOptions {
    const lr = Number(this.ui.learningRate.value);
    if (!(lr > 0 && lr <= 1)) throw new RangeError(`Learning rate must be a number in (0, 1], but got '${this.ui.learningRate.value}'.`);
    return { batchSize: intField(this.ui.batchSize, 'Batch size', 1024), learningRate: lr, seed: 1 };
  }

  private showBackend(): void {
    const active = this.active;
    if (!active) return;
    const { backendName, backendNote, backendExplain, backendSelect } = this.ui;
    backendName.textContent = active.name;
    backendName.dataset.backend = active.name;
    backendName.dataset.choice = active.choice;
    backendSelect.value = active.choice;
    backendNote.textContent = active.fellBack.map((f) => `${f.choice} did not start: ${f.reason}`).join('\n');
    backendNote.dataset.fellBack = active.fellBack.map((f) => f.choice).join(',');
    backendExplain.textContent = describeBackend(getBackend());
  }

  private showProgress(): void {
    const trainer = this.trainer;
    if (!trainer) return;
    this.ui.stepCount.textContent = String(trainer.steps);
    const last = trainer.losses.at(-1);
    this.ui.lastLoss.textContent = last === undefined ? '–' : last.toFixed(4);
    this.ui.lastLoss.dataset.losses = JSON.stringify(trainer.losses);
    showChart(this.ui, lossChartSvg(trainer.losses));
  }

  private async showHeldOut(): Promise<string> {
    const { accuracy, loss, count } = await (this.trainer as BrowserTrainer).evaluate();
    const text = `${(100 * accuracy).toFixed(1)} % of ${count} (loss ${loss.toFixed(3)})`;
    this.ui.heldOut.textContent = text;
    this.ui.heldOut.dataset.accuracy = String(accuracy);
    return text;
  }

  /**
   * Moves training to `choice`: the weights and Adam's state go through an in-memory checkpoint
   * to a new trainer on the new backend, then the old backend is released. If that fails, the
   * previous backend stays active.
   */
  async switchBackend(choice: BackendChoice): Promise<void> {
    await this.run('busy', `Starting ${choice}`, async () => {
      const previous = this.active;
      const snapshot = memoryIO();
      if (this.trainer) await this.trainer.save(snapshot);
      this.active = await activateBackend(choice);
      let next: BrowserTrainer | undefined;
      try {
        next = new BrowserTrainer(this.digits, this.trainer ? this.trainer.options : this.options());
        if (this.trainer) await next.load(snapshot);
      } catch (err) {
        next?.dispose();
        if (previous) this.active = await activateBackend(previous.choice);
        throw err;
      }
      this.trainer?.dispose();
      this.trainer = next;
      releaseBackendsExcept(this.active.name);
      this.showBackend();
      this.showProgress();
      const how = this.active.fellBack.length ? ` (${this.active.fellBack.map((f) => f.choice).join(', ')} did not start)` : '';
      return `Running on ${this.active.name}${how}; ${this.trainer.trainCount} training digits from @mindts/datasets.`;
    });
  }

  /** Trains the number of steps in the Steps field (or until Stop), repainting as it goes. */
  async train(): Promise<void> {
    await this.run('training', 'Training', async () => {
      const steps = intField(this.ui.steps, 'Steps', 100_000);
      const trainer = this.trainer as BrowserTrainer;
      this.stopRequested = false;
      const started = performance.now();
      let painted = started;
      let done = 0;
      while (done < steps && !this.stopRequested) {
        await trainer.trainStep();
        done++;
        if (performance.now() - painted > PAINT_MS) {
          this.showProgress();
          if (this.input) await this.predictNow();
          await nextTask();
          painted = performance.now();
        }
      }
      const seconds = (performance.now() - started) / 1000;
      this.showProgress();
      this.showBackend();
      const heldOut = await this.showHeldOut();
      const stopped = done < steps ? ' (stopped)' : '';
      return `Trained ${done} steps${stopped} on ${this.active?.name} in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(1)} steps/s); held-out accuracy ${heldOut}.`;
    });
  }

  /** A new, randomly initialised model with the batch size and learning rate of the fields. */
  async reset(): Promise<void> {
    await this.run('busy', 'Resetting the model', async () => {
      const next = new BrowserTrainer(this.digits, this.options());
      this.trainer?.dispose();
      this.trainer = next;
      this.showProgress();
      this.ui.heldOut.textContent = '–';
      return `A new model (batch size ${next.options.batchSize}, learning rate ${next.options.learningRate}) on ${this.active?.name}.`;
    });
  }

  private async predictNow(): Promise<void> {
    const input = this.input;
    if (!input || !this.trainer) return;
    showPrediction(this.ui, await this.trainer.predict(input.pixels), input.source);
  }

  /** Predicts `pixels` now, or after the running action when that one replaces the model. */
  async predict(pixels: Float32Array, source: string): Promise<void> {
    this.input = { pixels, source };
    if (this.busy === 'busy') return; // run() predicts when it finishes
    try {
      await this.predictNow();
    } catch (err) {
      this.setStatus('error', `Prediction failed: ${errorText(err)}`);
    }
  }

  /** Shows the next held-out digit on the pad and predicts it. */
  private async showSample(): Promise<void> {
    const { images, labels } = this.digits.test;
    const i = this.sampleIndex++ % labels.length;
    const pixels = images.slice(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    this.pad.show(pixels);
    await this.predict(pixels, `held-out digit #${i}, a ${labels[i]}`);
  }

  private async save(): Promise<string> {
    const io = indexedDBIO(CHECKPOINT_KEY);
    await (this.trainer as BrowserTrainer).save(io);
    return `Saved step ${this.trainer?.steps} to ${io.name}.`;
  }

  private async load(from: 'browser' | File): Promise<string> {
    const source = from === 'browser' ? indexedDBIO(CHECKPOINT_KEY) : from;
    await (this.trainer as BrowserTrainer).load(source);
    this.showProgress();
    const heldOut = await this.showHeldOut();
    return `Loaded step ${this.trainer?.steps} from ${source.name}; held-out accuracy ${heldOut}.`;
  }

  private async download(): Promise<string> {
    const io = memoryIO();
    await (this.trainer as BrowserTrainer).save(io);
    const name = `mindts-playground-step-${this.trainer?.steps}.ckpt`;
    const url = URL.createObjectURL(new Blob([io.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    // The browser has taken the URL once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return `Downloaded ${name} (${io.bytes?.length} bytes, MindSpore .ckpt).`;
  }
}
