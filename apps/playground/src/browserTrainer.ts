/**
 * Training on the page: the `train` command's MLP, loss and optimizer (apps/example), driven one
 * step at a time so the page stays responsive, and reading values only with `await t.data()`,
 * which every backend supports (gpu.js's WebGPU mode has no synchronous reads).
 */
import { type Cell, nn } from '@mindts/cell';
import type { CheckpointTarget } from '@mindts/checkpoint';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { fromValues, setSeed, type Tensor, tidy } from '@mindts/tensor';
import { mlp } from '../../example/src/train/models.js';
import { DIGIT_PIXELS, type Digits, type DigitSplit } from './digitsAsset.js';
import { EpochBatches } from './epochBatches.js';
import { loadTrainState, parseHistory, saveTrainState } from './trainState.js';

/**
 * Options of {@link BrowserTrainer}.
 * @example
 * new BrowserTrainer(digits, { batchSize: 32, learningRate: 1e-3, seed: 1 });
 */
export interface TrainerOptions {
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seeds the initial weights and each epoch's shuffle. */
  readonly seed: number;
}

/**
 * What {@link BrowserTrainer.evaluate} measures on the held-out digits.
 * @example
 * const { accuracy }: HeldOut = await trainer.evaluate();
 */
export interface HeldOut {
  readonly accuracy: number;
  readonly loss: number;
  readonly count: number;
}

function checkOptions(options: TrainerOptions): void {
  const { batchSize, learningRate, seed } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1024)) {
    throw new RangeError(`BrowserTrainer: batchSize must be an integer in [1, 1024], but got ${String(batchSize)}.`);
  }
  if (!(typeof learningRate === 'number' && learningRate > 0 && learningRate <= 1)) {
    throw new RangeError(`BrowserTrainer: learningRate must be a number in (0, 1], but got ${String(learningRate)}.`);
  }
  if (!Number.isInteger(seed)) throw new TypeError(`BrowserTrainer: seed must be an integer, but got ${String(seed)}.`);
}

const toTensors = (split: DigitSplit) => ({
  images: fromValues(split.images, [split.labels.length, DIGIT_PIXELS], 'float32'),
  labels: fromValues(split.labels, [split.labels.length], 'int32'),
});

/**
 * A 784-128-10 MLP trained with Adam on softmax cross-entropy, on the active backend. Made on
 * one backend, it stays there: to move, save a checkpoint, make a new trainer on the new backend
 * and load it (what the page does on a backend switch).
 * @example
 * const trainer = new BrowserTrainer(digits, { batchSize: 32, learningRate: 1e-3, seed: 1 });
 * const loss = await trainer.trainStep();
 * const probabilities = await trainer.predict(pixels); // Float32Array(10)
 */
export class BrowserTrainer {
  readonly net: Cell;
  /** Steps taken since the weights were first initialised (restored by {@link load}). */
  steps = 0;
  /** The loss of every step, in order (restored by {@link load}). */
  losses: number[] = [];
  private readonly optimizer: nn.Adam;
  private readonly lossFn = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
  private readonly gradFn: (x: Tensor, y: Tensor) => [Tensor, Tensor[]];
  private readonly train: { images: Tensor; labels: Tensor };
  private readonly test: { images: Tensor; labels: Tensor };
  private readonly stream: EpochBatches;

  constructor(
    digits: Digits,
    /** What the trainer was made with (checked). */
    readonly options: TrainerOptions,
  ) {
    checkOptions(options);
    // The seed fixes the initial weights: one seed, one starting point on every backend.
    setSeed(options.seed);
    // The `train --model mlp` network of the example app, so a checkpoint fits both.
    this.net = mlp();
    this.optimizer = new nn.Adam(this.net.trainableParams(), { learningRate: options.learningRate });
    const forward = (x: Tensor, y: Tensor) => this.lossFn.call(this.net.call(x) as Tensor, y) as Tensor;
    this.gradFn = ops.valueAndGrad(forward, null, this.optimizer.parameters);
    this.train = toTensors(digits.train);
    this.test = toTensors(digits.test);
    this.stream = new EpochBatches(this.train.images, this.train.labels, options.batchSize, options.seed);
  }

  /** The training digits' count. */
  get trainCount(): number {
    return this.train.labels.shape[0] as number;
  }

  /**
   * One step of Adam on the next mini-batch; resolves to its loss. Throws when the loss is not
   * finite (the learning rate is too high), before recording it.
   * @example
   * for (let i = 0; i < 10; i++) console.log(await trainer.trainStep());
   */
  async trainStep(): Promise<number> {
    const batch = this.stream.next();
    this.net.setTrain(true);
    const loss = tidy(() => {
      const [value, grads] = this.gradFn(batch.images, batch.labels);
      this.optimizer.call(grads);
      return value;
    });
    batch.images.dispose();
    batch.labels.dispose();
    try {
      const value = (await loss.data())[0] as number;
      if (!Number.isFinite(value)) {
        throw new Error(`The loss became ${value} at step ${this.steps + 1}; lower the learning rate (now ${this.options.learningRate}).`);
      }
      this.steps++;
      this.losses.push(value);
      return value;
    } finally {
      loss.dispose();
    }
  }

  /**
   * The probability of each digit 0–9 for one image of 784 pixels in [0, 1], in inference mode.
   * @example
   * const p = await trainer.predict(toMnistPixels(rgba, 280, 280)!);
   * p.indexOf(Math.max(...p)); // the predicted digit
   */
  async predict(pixels: Float32Array): Promise<Float32Array> {
    if (!(pixels instanceof Float32Array) || pixels.length !== DIGIT_PIXELS) {
      throw new RangeError(`predict: pixels must be a Float32Array of ${DIGIT_PIXELS} values, but got ${String(pixels?.length)} values.`);
    }
    this.net.setTrain(false);
    const probabilities = tidy(() => ops.softmax(this.net.call(fromValues(pixels, [1, DIGIT_PIXELS], 'float32')) as Tensor));
    try {
      return Float32Array.from(await probabilities.data());
    } finally {
      probabilities.dispose();
    }
  }

  /**
   * Accuracy and mean loss on the held-out digits, in inference mode.
   * @example
   * const { accuracy } = await trainer.evaluate(); // 0.9 after a few hundred steps
   */
  async evaluate(): Promise<HeldOut> {
    this.net.setTrain(false);
    const { images, labels } = this.test;
    const [hits, loss] = tidy(() => {
      const logits = this.net.call(images) as Tensor;
      const correct = ops.sum(ops.cast(ops.equal(ops.argmax(logits, 1), labels), 'int32'));
      return [correct, this.lossFn.call(logits, labels) as Tensor];
    }) as [Tensor, Tensor];
    try {
      const count = labels.shape[0] as number;
      const [c, l] = await Promise.all([hits.data(), loss.data()]);
      return { accuracy: (c[0] as number) / count, loss: l[0] as number, count };
    } finally {
      hits.dispose();
      loss.dispose();
    }
  }

  /** Everything a checkpoint holds: the net's weights and Adam's state (moments, step). */
  private saved(): Parameter[] {
    return [...new Set([...this.net.getParameters(), ...this.optimizer.getParameters()])];
  }

  /**
   * Saves the weights, Adam's state, the step count and the loss history in MindSpore's `.ckpt`
   * format to `target` (bytes via `memoryIO()`, `indexedDBIO(key)`, …).
   * @example
   * const io = memoryIO(); await trainer.save(io); io.bytes; // the .ckpt file
   */
  async save(target: CheckpointTarget): Promise<void> {
    await saveTrainState(this.saved(), target, { steps: String(this.steps), losses: JSON.stringify(this.losses) });
  }

  /**
   * Loads a checkpoint written by {@link save} (from IndexedDB, a file's Blob, bytes…) and goes
   * on from there: the next step is the one the saving trainer would have taken (with the same
   * batch size). Throws, leaving the trainer unchanged, when the checkpoint does not fit.
   * @example
   * await trainer.load(indexedDBIO('playground'));
   */
  async load(source: CheckpointTarget): Promise<void> {
    const owner = { cells: [this.net, this.optimizer], params: this.saved(), what: "the playground's MLP" };
    const history = await loadTrainState(source, owner, parseHistory);
    this.steps = history.steps;
    this.losses = history.losses;
    this.stream.seek(history.steps);
  }

  /** Frees the weights, Adam's state and the digits on the backend. */
  dispose(): void {
    for (const p of this.saved()) p.dispose();
    for (const t of [this.train.images, this.train.labels, this.test.images, this.test.labels]) t.dispose();
  }
}
