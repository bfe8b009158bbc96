/**
 * The language tab: a character-level GPT or LSTM trained live on English words, its loss in
 * bits per character against the bigram baseline, words sampled from a prefix and marked real or
 * new, and checkpoints as in the digits tab. Actions run through the page's one-at-a-time runner
 * (playground.ts), so the status line and the backend switch cover both tabs.
 */
import { type CheckpointIO, indexedDBIO } from '@mindts/checkpoint';
import { WORD_VOCABULARY, wordsOfSplit } from '@mindts/datasets';
import { getBackend } from '@mindts/tensor';
import { markWord } from '../../example/src/sample/markWord.js';
import { bits } from '../../example/src/train/bigram.js';
import { GPT_CONFIG, type LanguageModelName } from '../../example/src/train/languageModels.js';
import type { TrainerSlot } from './backendMove.js';
import { downloadCheckpoint } from './download.js';
import { wordsChartSvg } from './lossChart.js';
import { intField, type PlaygroundUi, showChart, showSamples } from './ui.js';
import { WORD_TRAINER_DEFAULTS, WordTrainer, type WordTrainerOptions } from './wordTrainer.js';

/** Where "Save to browser" keeps the language model: `indexeddb://mindts/checkpoints/playground-words`. */
export const WORDS_CHECKPOINT_KEY = 'playground-words';

/** Words per Sample click. */
const SAMPLE_COUNT = 12;
/** The held-out loss is measured every this many steps (and when training ends). */
const EVAL_EVERY = 50;
/** How often the tab repaints while training, in ms. */
const PAINT_MS = 150;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const bitsText = (nats: number | undefined) => (nats === undefined ? '–' : bits(nats).toFixed(3));

/**
 * What the tab needs from the page: its action runner and whether Stop was pressed.
 * @example
 * const page: PageActions = { run: (kind, label, action) => playground.run(kind, label, action), stopRequested: () => false };
 */
export interface PageActions {
  run(kind: 'busy' | 'training', label: string, action: () => Promise<string>): Promise<void>;
  stopRequested(): boolean;
}

/**
 * The tab on `ui`, drawing its words from `wordList` (the page's embedded list).
 * @example
 * const tab = new WordsTab(ui, wordList, page); // then move tab.slot with the page's backend
 */
export class WordsTab {
  private trainer: WordTrainer | undefined;
  private baseline: number | undefined;
  private marks: { english: Set<string>; heldOut: Set<string> } | undefined;
  /** The tab's trainer, for the page's backend switch (backendMove.ts). */
  readonly slot: TrainerSlot<WordTrainer>;

  constructor(
    private readonly ui: PlaygroundUi,
    private readonly wordList: readonly string[],
    private readonly page: PageActions,
  ) {
    const tab = this;
    this.slot = {
      get current() {
        return tab.trainer;
      },
      make: () => new WordTrainer(wordList, tab.trainer?.options ?? tab.options()),
      adopt: (next) => {
        tab.trainer = next;
        tab.showProgress();
      },
    };
    const on = (el: HTMLElement, event: string, kind: 'busy' | 'training', label: () => string, action: () => Promise<string>) =>
      el.addEventListener(event, () => void page.run(kind, label(), action));
    const model = () => `the ${this.trainer?.options.model ?? ui.wordsModel.value}`;
    on(
      ui.wordsTrain,
      'click',
      'training',
      () => `Training ${model()}`,
      () => this.train(),
    );
    on(
      ui.wordsReset,
      'click',
      'busy',
      () => 'Making a new model',
      () => this.reset(),
    );
    on(
      ui.wordsModel,
      'change',
      'busy',
      () => 'Making a new model',
      () => this.reset(),
    );
    on(
      ui.wordsSample,
      'click',
      'busy',
      () => `Sampling from ${model()}`,
      () => this.sample(),
    );
    on(
      ui.wordsSaveBrowser,
      'click',
      'busy',
      () => 'Saving to the browser',
      () => this.save(),
    );
    on(
      ui.wordsLoadBrowser,
      'click',
      'busy',
      () => 'Loading from the browser',
      () => this.load(indexedDBIO(WORDS_CHECKPOINT_KEY)),
    );
    on(
      ui.wordsDownload,
      'click',
      'busy',
      () => 'Preparing the download',
      () => this.download(),
    );
    ui.wordsLoadFile.addEventListener('change', () => {
      const file = ui.wordsLoadFile.files?.[0];
      if (file) void page.run('busy', `Loading ${file.name}`, () => this.load(file));
      ui.wordsLoadFile.value = '';
    });
  }

  /** The controls the page disables while an action runs. */
  get controls(): (HTMLButtonElement | HTMLInputElement | HTMLSelectElement)[] {
    const ui = this.ui;
    return [
      ...[ui.wordsModel, ui.wordsSteps, ui.wordsBatchSize, ui.wordsLearningRate, ui.wordsTrain, ui.wordsReset],
      ...[ui.wordsPrefix, ui.wordsTemperature, ui.wordsTopK, ui.wordsSeed, ui.wordsSample],
      ...[ui.wordsSaveBrowser, ui.wordsLoadBrowser, ui.wordsDownload, ui.wordsLoadFile],
    ];
  }

  private options(): WordTrainerOptions {
    const lr = Number(this.ui.wordsLearningRate.value);
    if (!(lr > 0 && lr <= 1))
      throw new RangeError(`Learning rate must be a number in (0, 1], but got '${this.ui.wordsLearningRate.value}'.`);
    const model = this.ui.wordsModel.value as LanguageModelName;
    return { ...WORD_TRAINER_DEFAULTS, model, batchSize: intField(this.ui.wordsBatchSize, 'Batch size', 1024), learningRate: lr };
  }

  private get current(): WordTrainer {
    if (!this.trainer) throw new Error('The language model has not started yet.');
    return this.trainer;
  }

  private showProgress(): void {
    const { ui, trainer } = this;
    if (!trainer) return;
    ui.wordsModel.value = trainer.options.model;
    ui.wordsStepCount.textContent = String(trainer.steps);
    ui.wordsLastLoss.textContent = bitsText(trainer.losses.at(-1));
    ui.wordsLastLoss.dataset.losses = JSON.stringify(trainer.losses);
    ui.wordsHeldOut.textContent = bitsText(trainer.heldOut.at(-1)?.[1]);
    ui.wordsHeldOut.dataset.heldOut = JSON.stringify(trainer.heldOut);
    ui.wordsBaseline.textContent = bitsText(this.baseline);
    ui.wordsBaseline.dataset.baseline = String(this.baseline ?? '');
    showChart(ui.wordsChart, wordsChartSvg(trainer.losses, trainer.heldOut, this.baseline));
  }

  /** Trains the number of steps in the Steps field (or until Stop), measuring the held-out loss as it goes. */
  private async train(): Promise<string> {
    const steps = intField(this.ui.wordsSteps, 'Steps', 100_000);
    const trainer = this.current;
    this.baseline ??= await trainer.bigramBaseline();
    if (trainer.heldOut.length === 0) await trainer.evaluate();
    const started = performance.now();
    let painted = started;
    let done = 0;
    while (done < steps && !this.page.stopRequested()) {
      await trainer.trainStep();
      done++;
      if (trainer.steps % EVAL_EVERY === 0) await trainer.evaluate();
      if (performance.now() - painted > PAINT_MS) {
        this.showProgress();
        await nextTask();
        painted = performance.now();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const heldOut = trainer.heldOut.at(-1)?.[0] === trainer.steps ? trainer.heldOut.at(-1)?.[1] : await trainer.evaluate();
    this.showProgress();
    const chars = (done * trainer.options.batchSize * GPT_CONFIG.contextLength) / seconds;
    return (
      `Trained the ${trainer.options.model} ${done} steps${done < steps ? ' (stopped)' : ''} on ${getBackend().name} in ${seconds.toFixed(1)} s ` +
      `(${(done / seconds).toFixed(1)} steps/s, ${Math.round(chars)} positions/s); held-out ${bitsText(heldOut)} bits/char, ` +
      `bigram baseline ${bitsText(this.baseline)}.`
    );
  }

  /** A new, randomly initialised model of the kind, batch size and learning rate in the fields. */
  private async reset(): Promise<string> {
    const next = new WordTrainer(this.wordList, this.options());
    this.trainer?.dispose();
    this.trainer = next;
    this.showProgress();
    const { model, batchSize, learningRate } = next.options;
    return `A new ${model} (batch size ${batchSize}, peak learning rate ${learningRate}) on ${getBackend().name}, ${next.trainWords.length} training words.`;
  }

  /** Samples words with the prefix, temperature, top-k and seed of the fields, and marks them. */
  private async sample(): Promise<string> {
    const ui = this.ui;
    const prefix = ui.wordsPrefix.value.trim();
    const most = GPT_CONFIG.contextLength - 2;
    if (!/^[a-z]*$/.test(prefix) || prefix.length > most) {
      throw new RangeError(`Prefix must be at most ${most} letters a–z, but got '${prefix}'.`);
    }
    const temperature = Number(ui.wordsTemperature.value);
    if (!(temperature > 0 && temperature <= 10))
      throw new RangeError(`Temperature must be in (0, 10], but got '${ui.wordsTemperature.value}'.`);
    const topK = ui.wordsTopK.value.trim() === '' ? null : intField(ui.wordsTopK, 'Top-k', WORD_VOCABULARY.size);
    const seed = intField(ui.wordsSeed, 'Seed', 2 ** 31 - 1, 0);
    const trainer = this.current;
    const words = await trainer.sample({ count: SAMPLE_COUNT, temperature, topK, seed, prefix });
    const contextLength = GPT_CONFIG.contextLength;
    this.marks ??= { english: new Set(this.wordList), heldOut: new Set(wordsOfSplit('test', contextLength, this.wordList)) };
    const { english, heldOut } = this.marks;
    const marks = words.map((w) => markWord(w, english, heldOut));
    showSamples(ui, words, marks);
    const real = marks.filter((m) => m !== 'new').length;
    const held = marks.filter((m) => m === 'real, held out').length;
    const pct = (n: number) => `${Math.round((100 * n) / words.length)} %`;
    ui.wordsSummary.textContent = `${real} of ${words.length} real English words (${pct(real)}; ${held} held out of training), ${words.length - real} new (${pct(words.length - real)}).`;
    return `Sampled ${words.length} words from the ${trainer.options.model} at step ${trainer.steps}: ${real} real, ${words.length - real} new.`;
  }

  private async save(): Promise<string> {
    const io = indexedDBIO(WORDS_CHECKPOINT_KEY);
    await this.current.save(io);
    return `Saved the ${this.current.options.model} at step ${this.current.steps} to ${io.name}.`;
  }

  private async load(source: File | CheckpointIO): Promise<string> {
    await this.current.load(source);
    this.baseline ??= await this.current.bigramBaseline();
    this.showProgress();
    const heldOut = bitsText(this.current.heldOut.at(-1)?.[1]);
    return `Loaded the ${this.current.options.model} at step ${this.current.steps} from ${source.name}; held-out ${heldOut} bits/char.`;
  }

  private download(): Promise<string> {
    const { model } = this.current.options;
    return downloadCheckpoint((io) => this.current.save(io), `mindts-playground-${model}-step-${this.current.steps}.ckpt`);
  }
}
