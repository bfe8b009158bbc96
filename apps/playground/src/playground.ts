/**
 * The page's controller: the digits tab's trainer and the words tab (wordsTab.ts) on the active
 * backend, and the actions the buttons start (train, stop, reset, switch backend, predict, save
 * and load checkpoints). One action runs at a time, whichever tab starts it; the status line says
 * what happened, and failures are shown there, never swallowed.
 */
import { indexedDBIO } from '@mindts/checkpoint';
import { getBackend } from '@mindts/tensor';
import { type ActiveBackend, BACKEND_CHOICES, BACKEND_LABELS, type BackendChoice, describeBackend } from './backendChoice.js';
import { moveTrainers, type TrainerSlot } from './backendMove.js';
import { BrowserTrainer, type TrainerOptions } from './browserTrainer.js';
import { DIGIT_PIXELS, type Digits } from './digitsAsset.js';
import { downloadCheckpoint } from './download.js';
import { DrawPad } from './drawPad.js';
import { lossChartSvg } from './lossChart.js';
import { intField, type PlaygroundUi, showChart, showPrediction, showTab } from './ui.js';
import { WordsTab } from './wordsTab.js';

/** Where "Save to browser" keeps the checkpoint: `indexeddb://mindts/checkpoints/playground-mlp`. */
export const CHECKPOINT_KEY = 'playground-mlp';

/** How often the page repaints while training, in ms: often enough to look live, rarely enough to cost little. */
const PAINT_MS = 150;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The playground on `ui`, training on `digits` and on the English words of `wordList`.
 * @example
 * const playground = await Playground.start(findUi(document), digits, wordList, 'auto');
 */
export class Playground {
  private trainer: BrowserTrainer | undefined;
  private active: ActiveBackend | undefined;
  private busy: 'busy' | 'training' | undefined;
  private stopRequested = false;
  private input: { pixels: Float32Array; source: string } | undefined;
  private sampleIndex = 0;
  private readonly pad: DrawPad;
  private readonly words: WordsTab;
  private readonly digitsSlot: TrainerSlot<BrowserTrainer>;

  private constructor(
    private readonly ui: PlaygroundUi,
    private readonly digits: Digits,
    wordList: readonly string[],
  ) {
    const page = this;
    this.digitsSlot = {
      get current() {
        return page.trainer;
      },
      make: () => new BrowserTrainer(digits, page.trainer ? page.trainer.options : page.options()),
      adopt: (next) => {
        page.trainer = next;
      },
    };
    this.words = new WordsTab(ui, wordList, {
      run: (kind, label, action) => this.run(kind, label, action),
      stopRequested: () => this.stopRequested,
    });
    ui.tabDigits.addEventListener('click', () => showTab(ui, 'digits'));
    ui.tabWords.addEventListener('click', () => showTab(ui, 'words'));
    this.pad = new DrawPad(ui.pad, (pixels) => void this.predict(pixels, 'drawn'));
    ui.backendSelect.replaceChildren(...BACKEND_CHOICES.map((c) => new Option(BACKEND_LABELS[c], c)));
    ui.backendSelect.addEventListener('change', () => void this.switchBackend(ui.backendSelect.value as BackendChoice));
    ui.train.addEventListener('click', () => void this.train());
    for (const stop of [ui.stop, ui.wordsStop]) {
      stop.addEventListener('click', () => {
        this.stopRequested = true;
      });
    }
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
   * await Playground.start(findUi(document), digits, wordList, 'gpujs-webgl2');
   */
  static async start(ui: PlaygroundUi, digits: Digits, wordList: readonly string[], choice: BackendChoice): Promise<Playground> {
    const playground = new Playground(ui, digits, wordList);
    await playground.switchBackend(choice);
    return playground;
  }

  private setStatus(state: string, message: string): void {
    this.ui.status.dataset.state = state;
    this.ui.status.textContent = message;
  }

  /** Enables what can be used now: everything when idle, only Stop (and the pad, the tabs) while training. */
  private setControls(): void {
    const ui = this.ui;
    for (const el of [ui.backendSelect, ui.train, ui.reset, ui.sample, ui.saveBrowser, ui.loadBrowser, ui.download, ui.loadFile]) {
      el.disabled = this.busy !== undefined;
    }
    for (const el of [ui.steps, ui.batchSize, ui.learningRate, ...this.words.controls]) el.disabled = this.busy !== undefined;
    for (const stop of [ui.stop, ui.wordsStop]) stop.disabled = this.busy !== 'training';
  }

  /** Runs one action: the status says it runs, then its result or its error; `data-done` counts finished actions. */
  private async run(kind: 'busy' | 'training', label: string, action: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.stopRequested = false;
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
    showChart(this.ui.lossChart, lossChartSvg(trainer.losses));
  }

  private async showHeldOut(): Promise<string> {
    const { accuracy, loss, count } = await (this.trainer as BrowserTrainer).evaluate();
    const text = `${(100 * accuracy).toFixed(1)} % of ${count} (loss ${loss.toFixed(3)})`;
    this.ui.heldOut.textContent = text;
    this.ui.heldOut.dataset.accuracy = String(accuracy);
    return text;
  }

  /**
   * Moves both tabs' models to `choice` through in-memory checkpoints, then releases the old
   * backend (backendMove.ts). If that fails, the previous backend stays active.
   */
  async switchBackend(choice: BackendChoice): Promise<void> {
    await this.run('busy', `Starting ${choice}`, async () => {
      this.active = await moveTrainers(choice, this.active, [this.digitsSlot, this.words.slot]);
      this.showBackend();
      this.showProgress();
      const how = this.active.fellBack.length ? ` (${this.active.fellBack.map((f) => f.choice).join(', ')} did not start)` : '';
      const words = this.words.slot.current?.trainWords.length;
      return `Running on ${this.active.name}${how}; ${this.trainer?.trainCount} training digits and ${words} training words from @mindts/datasets.`;
    });
  }

  /** Trains the number of steps in the Steps field (or until Stop), repainting as it goes. */
  async train(): Promise<void> {
    await this.run('training', 'Training', async () => {
      const steps = intField(this.ui.steps, 'Steps', 100_000);
      const trainer = this.trainer as BrowserTrainer;
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

  private download(): Promise<string> {
    const trainer = this.trainer as BrowserTrainer;
    return downloadCheckpoint((io) => trainer.save(io), `mindts-playground-step-${trainer.steps}.ckpt`);
  }
}
