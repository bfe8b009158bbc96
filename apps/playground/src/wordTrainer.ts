/**
 * The language tab's trainer: the `train --model gpt|lstm` networks, loss, AdamW and schedule of
 * the example app, trained one step at a time on a seeded subset of the page's English words, the
 * bigram baseline it is measured against, and sampling with the example app's generator (the
 * key/value cache, reading with `await data()`, which every backend answers).
 */
import type { Cell } from '@mindts/cell';
import type { CheckpointTarget } from '@mindts/checkpoint';
import { loadWords, WORD_VOCABULARY, type Words } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { setSeed, type Tensor, tidy } from '@mindts/tensor';
import { type GenerateOptions, generateWordsAsync } from '../../example/src/sample/generate.js';
import { bigramLoss, fitBigram } from '../../example/src/train/bigram.js';
import { createLanguageModel, GPT_CONFIG, LANGUAGE_MODEL_NAMES, type LanguageModelName } from '../../example/src/train/languageModels.js';
import { languageSetup, type TrainStep, trainStepFor } from '../../example/src/train/trainer.js';
import { EpochBatches } from './epochBatches.js';
import { loadTrainState, parseHistory, parseJson, saveTrainState } from './trainState.js';

/**
 * Options of {@link WordTrainer}.
 * @example
 * new WordTrainer(wordList, { ...WORD_TRAINER_DEFAULTS, model: 'lstm' });
 */
export interface WordTrainerOptions {
  readonly model: LanguageModelName;
  readonly batchSize: number;
  /** The peak of AdamW's warm-up and cosine schedule. */
  readonly learningRate: number;
  /** Seeds the initial weights, the words drawn and each epoch's shuffle. */
  readonly seed: number;
  /** Training words drawn (seeded) from the training split. */
  readonly trainWords: number;
  /** Held-out words the held-out loss is measured on. */
  readonly testWords: number;
}

/**
 * The tab's defaults: the GPT, batches of 32 words, the app's peak rate 3e-3, 4,000 training and
 * 250 held-out words (a held-out measure costs about as much as a few training steps).
 * @example
 * WORD_TRAINER_DEFAULTS.trainWords; // 4000
 */
export const WORD_TRAINER_DEFAULTS: WordTrainerOptions = {
  model: 'gpt',
  batchSize: 32,
  learningRate: 3e-3,
  seed: 1,
  trainWords: 4000,
  testWords: 250,
};

/** The schedule's horizon in steps: warm-up over the first 20, then cosine decay to a tenth by step 400. */
export const SCHEDULE_STEPS = 400;

function checkOptions(o: WordTrainerOptions): void {
  const where = 'WordTrainer';
  if (!LANGUAGE_MODEL_NAMES.includes(o.model)) {
    throw new RangeError(`${where}: model must be one of ${LANGUAGE_MODEL_NAMES.join(', ')}, but got ${JSON.stringify(o.model)}.`);
  }
  for (const [key, max] of [
    ['batchSize', 1024],
    ['trainWords', 250_000],
    ['testWords', 30_000],
  ] as const) {
    if (!(Number.isInteger(o[key]) && o[key] >= 1 && o[key] <= max)) {
      throw new RangeError(`${where}: ${key} must be an integer in [1, ${max}], but got ${String(o[key])}.`);
    }
  }
  if (!(typeof o.learningRate === 'number' && o.learningRate > 0 && o.learningRate <= 1)) {
    throw new RangeError(`${where}: learningRate must be a number in (0, 1], but got ${String(o.learningRate)}.`);
  }
  if (!Number.isInteger(o.seed)) throw new TypeError(`${where}: seed must be an integer, but got ${String(o.seed)}.`);
}

/** Reads a tensor's values (every backend answers `data()`), then frees it. */
async function readAndFree(t: Tensor): Promise<Float32Array | Int32Array> {
  try {
    return (await t.data()) as Float32Array | Int32Array;
  } finally {
    t.dispose();
  }
}

/**
 * A character-level GPT or LSTM on the active backend, trained on `wordList` (the page's list,
 * passed to `loadWords`). Made on one backend, it stays there: to move, save, make a new one on
 * the new backend and load (what the page does on a backend switch).
 * @example
 * const trainer = new WordTrainer(wordList, WORD_TRAINER_DEFAULTS);
 * await trainer.trainStep(); // nats per character
 * await trainer.sample({ count: 8, temperature: 0.8, topK: null, seed: 1, prefix: 'st' });
 */
export class WordTrainer {
  readonly net: Cell;
  /** Steps taken since the weights were first initialised (restored by {@link load}). */
  steps = 0;
  /** The training loss of every step, nats per character (restored by {@link load}). */
  losses: number[] = [];
  /** `[step, held-out nats per character]` of each {@link evaluate} (restored by {@link load}). */
  heldOut: Array<[number, number]> = [];
  private readonly stepper: TrainStep;
  private readonly train: Words;
  private readonly test: Words;
  private readonly stream: EpochBatches;

  constructor(
    wordList: readonly string[],
    /** What the trainer was made with (checked). */
    readonly options: WordTrainerOptions,
  ) {
    checkOptions(options);
    const { model, learningRate, seed, batchSize } = options;
    const contextLength = GPT_CONFIG.contextLength;
    // The words first: loadWords checks the list, before anything else is made.
    this.train = loadWords({ split: 'train', limit: options.trainWords, seed, contextLength, wordList });
    this.test = loadWords({ split: 'test', limit: options.testWords, seed, contextLength, wordList });
    this.stream = new EpochBatches(this.train.inputs, this.train.targets, batchSize, seed);
    // One seed, one starting point on every backend.
    setSeed(seed);
    this.net = createLanguageModel(model);
    this.stepper = trainStepFor(this.net, learningRate, false, languageSetup(this.net, learningRate, SCHEDULE_STEPS));
  }

  /** The words trained on. */
  get trainWords(): readonly string[] {
    return this.train.words;
  }

  /**
   * One AdamW step on the next batch of words; resolves to its loss in nats per character.
   * Throws when the loss is not finite, before recording it.
   * @example
   * for (let i = 0; i < 10; i++) console.log(await trainer.trainStep());
   */
  async trainStep(): Promise<number> {
    const batch = this.stream.next();
    this.net.setTrain(true);
    let outputs: Tensor[];
    try {
      outputs = this.stepper.step(batch.images, batch.labels);
    } finally {
      batch.images.dispose();
      batch.labels.dispose();
    }
    const [loss, ...rest] = outputs;
    for (const t of rest) t.dispose();
    const value = (await readAndFree(loss as Tensor))[0] as number;
    if (!Number.isFinite(value)) {
      throw new Error(`The loss became ${value} at step ${this.steps + 1}; lower the learning rate (now ${this.options.learningRate}).`);
    }
    this.steps++;
    this.losses.push(value);
    return value;
  }

  /**
   * The mean loss per predicted character on the held-out words (nats), in inference mode;
   * recorded in {@link heldOut} at the current step.
   * @example
   * const nats = await trainer.evaluate();
   */
  async evaluate(): Promise<number> {
    const training = this.net.training;
    this.net.setTrain(false);
    let loss: Tensor;
    try {
      loss = tidy(() => {
        const logits = this.net.call(this.test.inputs) as Tensor;
        const flat = ops.reshape(logits, [-1, WORD_VOCABULARY.size]);
        return this.stepper.lossFn.call(flat, ops.reshape(this.test.targets, [-1])) as Tensor;
      });
    } finally {
      this.net.setTrain(training);
    }
    const value = (await readAndFree(loss))[0] as number;
    this.heldOut = [...this.heldOut.filter(([s]) => s !== this.steps), [this.steps, value]];
    return value;
  }

  /**
   * The bigram baseline's held-out loss (nats per character): pairs counted in the training words.
   * @example
   * const baseline = await trainer.bigramBaseline(); // ≈ 2.4
   */
  async bigramBaseline(): Promise<number> {
    const [x, y, hx, hy] = await Promise.all(
      [this.train.inputs, this.train.targets, this.test.inputs, this.test.targets].map((t) => t.data()),
    );
    return bigramLoss(fitBigram(x as Int32Array, y as Int32Array, WORD_VOCABULARY.size), hx as Int32Array, hy as Int32Array);
  }

  /**
   * Words drawn from the model (the same for the same weights and seed), with the example app's
   * generator and its key/value cache.
   * @example
   * await trainer.sample({ count: 10, temperature: 1, topK: 5, seed: 1, prefix: 're' });
   */
  sample(options: Omit<GenerateOptions, 'contextLength' | 'cache'>): Promise<string[]> {
    return generateWordsAsync(this.net, { ...options, contextLength: GPT_CONFIG.contextLength });
  }

  /** Everything a checkpoint holds: the net's weights and AdamW's state (moments, step). */
  private saved(): Parameter[] {
    return [...new Set([...this.net.getParameters(), ...this.stepper.optimizer.getParameters()])];
  }

  /**
   * Saves the weights, AdamW's state, the model's name and the history in MindSpore's `.ckpt`
   * format to `target` (bytes via `memoryIO()`, `indexedDBIO(key)`, …).
   * @example
   * const io = memoryIO(); await trainer.save(io);
   */
  async save(target: CheckpointTarget): Promise<void> {
    await saveTrainState(this.saved(), target, {
      model: this.options.model,
      steps: String(this.steps),
      losses: JSON.stringify(this.losses),
      heldOut: JSON.stringify(this.heldOut),
    });
  }

  /**
   * Loads a checkpoint written by {@link save} of the same model and goes on from there. Throws,
   * leaving the trainer unchanged, when the checkpoint does not fit.
   * @example
   * await trainer.load(indexedDBIO('playground-words-gpt'));
   */
  async load(source: CheckpointTarget): Promise<void> {
    const { model } = this.options;
    const owner = { cells: [this.net, this.stepper.optimizer], params: this.saved(), what: `the playground's ${model}` };
    const state = await loadTrainState(source, owner, (entries) => {
      if (entries.model !== undefined && entries.model !== model) {
        throw new Error(`This checkpoint holds the ${entries.model}, not the ${model}: pick ${entries.model} as the model first.`);
      }
      const heldOut = parseJson(entries.heldOut ?? '[]');
      const pairs = Array.isArray(heldOut) && heldOut.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite));
      if (!pairs) throw new Error(`This checkpoint's held-out history is damaged: '${String(entries.heldOut).slice(0, 40)}…'.`);
      return { ...parseHistory(entries), heldOut: heldOut as Array<[number, number]> };
    });
    this.steps = state.steps;
    this.losses = state.losses;
    this.heldOut = state.heldOut;
    this.stream.seek(state.steps);
  }

  /** Frees the weights, AdamW's state and the words on the backend. */
  dispose(): void {
    this.stepper.dispose();
    for (const p of this.net.getParameters()) p.dispose();
    for (const t of [this.train.inputs, this.train.targets, this.test.inputs, this.test.targets]) t.dispose();
  }
}
