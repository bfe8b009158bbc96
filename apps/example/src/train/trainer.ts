/**
 * The training loop of the `train` command, MindSpore's functional style: a forward function,
 * `valueAndGrad` over the optimizer's parameters, and the optimizer applied to the gradients. One
 * loop trains the MNIST classifiers (Adam, softmax cross-entropy) and the character-level language
 * models (AdamW with warm-up and cosine decay, cross-entropy per predicted character).
 */
import { type Cell, nn } from '@mindts/cell';
import { loadCheckpoint, loadParamIntoNet, saveCheckpoint } from '@mindts/checkpoint';
import type { Parameter } from '@mindts/parameter';
import { batchCount, batches } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { jit } from '@mindts/jit';
import { setSeed, type Tensor, tidy } from '@mindts/tensor';
import { countCorrect, countLabelled, evaluate } from './evaluate.js';
import { createLanguageModel } from './languageModels.js';
import { createModel } from './models.js';
import type { Progress } from './progress.js';
import { epochLine } from './report.js';
import { type AnyModelName, isLanguageModel, loadTrainingData } from './trainingData.js';

export { natsAndBits, pct } from './report.js';

/**
 * Options of {@link train}.
 * @example
 * await train({ model: 'mlp', epochs: 1, batchSize: 64, lr: 1e-3, limit: 2000, seed: 1 });
 */
export interface TrainOptions {
  readonly model: AnyModelName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  /** At most this many training images (class-balanced) or words; null for all. */
  readonly limit: number | null;
  readonly seed: number;
  /** At most this many held-out images (or words) to evaluate on; null (default) for all 2,000 images, or 2,000 words. */
  readonly testLimit?: number | null;
  /** Where progress goes; nothing is shown without one. */
  readonly progress?: Progress;
  /** A `.ckpt` path written after every epoch: the net, the optimizer's state and the history. */
  readonly checkpoint?: string;
  /** Continue from `checkpoint` (its epoch, weights, optimizer state and curves). */
  readonly resume?: boolean;
  /**
   * Compile the whole step (forward, loss, backward, optimizer update) with `jit`: traced once per
   * batch shape, then replayed as one graph with fused elementwise kernels; same losses as eager.
   */
  readonly jit?: boolean;
}

/**
 * One epoch's results.
 * @example
 * const last: EpochRecord = result.epochs.at(-1)!;
 */
export interface EpochRecord {
  readonly epoch: number;
  /**
   * Mean training loss (nats) and accuracy over the epoch's batches (training mode: dropout on);
   * for words, per predicted character and next-character accuracy.
   */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** On the held-out images (or words), in inference mode. */
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Training time of the epoch, without the evaluation. */
  readonly seconds: number;
  /** Images (or predicted characters) per second. */
  readonly imagesPerSecond: number;
}

/**
 * What {@link train} returns: the trained net (the caller disposes it), one record per epoch and
 * the loss of every step at its position in epochs (step 32 of 125 in epoch 1 is at 0.256).
 * @example
 * const { net, epochs, stepLosses } = await train(options);
 */
export interface TrainResult {
  readonly net: Cell;
  readonly epochs: readonly EpochRecord[];
  readonly stepLosses: ReadonlyArray<readonly [number, number]>;
  /** Training and held-out rows: images, or words. */
  readonly trainImages: number;
  readonly testImages: number;
  /** For words, the bigram baseline's held-out loss in nats per character; null for MNIST. */
  readonly baseline: number | null;
}

/**
 * The loss and the optimizer of a training step, for {@link trainStepFor}.
 * @example
 * const setup: StepSetup = { lossFn: new nn.CrossEntropyLoss(), optimizer: new nn.AdamW(net.trainableParams()) };
 */
export interface StepSetup {
  readonly lossFn: Cell;
  readonly optimizer: nn.Optimizer;
}

/**
 * What the language models train with: `nn.CrossEntropyLoss` (positions past a word's end carry
 * the default `ignoreIndex` −100) and `nn.AdamW` (weight decay 0.01) whose rate rises linearly
 * over the first 5 % of `totalSteps` (`nn.warmupLR`, at least 10 steps) and then follows
 * `nn.cosineDecayLR` down to a tenth of `lr`.
 * @example
 * const setup = languageSetup(net, 3e-3, 600);
 */
export function languageSetup(net: Cell, lr: number, totalSteps: number): StepSetup {
  const warmup = nn.warmupLR(lr, Math.max(10, Math.round(totalSteps / 20)));
  const cosine = nn.cosineDecayLR(lr / 10, lr, Math.max(1, totalSteps));
  const schedule = (step: Tensor) => tidy(() => ops.minimum(warmup(step), cosine(step)));
  return {
    lossFn: new nn.CrossEntropyLoss(),
    optimizer: new nn.AdamW(net.trainableParams(), { learningRate: schedule, weightDecay: 0.01 }),
  };
}

/**
 * A training step of `net`, MindSpore's functional style: the forward function, `valueAndGrad`
 * over the optimizer's parameters (the logits come back as an auxiliary output, for the running
 * accuracy) and the optimizer applied to the gradients; compiled whole with `jit` when `useJit`.
 * By default softmax cross-entropy and Adam at `lr`; `setup` gives another loss and optimizer.
 * Logits `[..., C]` of rank 3 or more (a language model's `[batch, seq, C]`) are flattened to
 * `[-1, C]` and the labels to `[-1]`, so the loss is per position.
 * @example
 * const { step } = trainStepFor(createModel('mlp'), 1e-3, true);
 * const [loss, logits] = step(images, labels);
 */
export function trainStepFor(net: Cell, lr: number, useJit: boolean, setup?: StepSetup): TrainStep {
  const lossFn = setup?.lossFn ?? new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
  const optimizer = setup?.optimizer ?? new nn.Adam(net.trainableParams(), { learningRate: lr });
  const forward = (x: Tensor, y: Tensor) => {
    let logits = net.call(x) as Tensor;
    let labels = y;
    if (logits.rank > 2) {
      logits = ops.reshape(logits, [-1, logits.shape[logits.rank - 1] as number]);
      labels = ops.reshape(y, [-1]);
    }
    return [lossFn.call(logits, labels) as Tensor, logits];
  };
  const gradFn = ops.valueAndGrad(forward, null, optimizer.parameters, { hasAux: true });
  // The gradients stay inside the step (freed by tidy, or never materialised under jit).
  const eagerStep = (x: Tensor, y: Tensor) =>
    tidy(() => {
      const [outputs, grads] = gradFn(x, y);
      optimizer.call(grads);
      return outputs;
    });
  const jitted = useJit ? jit(eagerStep, { name: 'trainStep' }) : undefined;
  return {
    lossFn,
    optimizer,
    step: (x, y) => (jitted ? jitted(x, y) : eagerStep(x, y)) as Tensor[],
    dispose: () => {
      // The compiled graphs and the constants they hold.
      jitted?.clear();
      freeOptimizerState(net, optimizer);
    },
  };
}

/**
 * Frees the optimizer's own state (moments, step, rate) once training is over; the net's
 * Parameters, which the optimizer also holds, stay.
 * @example
 * freeOptimizerState(net, optimizer);
 */
export function freeOptimizerState(net: Cell, optimizer: nn.Optimizer): void {
  const own = new Set(net.getParameters());
  for (const p of optimizer.getParameters()) if (!own.has(p)) p.dispose();
}

/**
 * What {@link trainStepFor} builds: the loss, the optimizer, the step itself (returning
 * `[loss, logits]`), and `dispose()`, which frees the compiled graphs and the optimizer's state but
 * not the net.
 * @example
 * const { step, optimizer }: TrainStep = trainStepFor(net, 1e-3, false);
 */
export interface TrainStep {
  readonly lossFn: Cell;
  readonly optimizer: nn.Optimizer;
  step(x: Tensor, y: Tensor): Tensor[];
  dispose(): void;
}

/**
 * Trains `options.model` on the active backend, evaluating on the held-out split after every
 * epoch: an MNIST classifier with Adam and softmax cross-entropy, or a language model on English
 * words with {@link languageSetup}.
 * @example
 * const { epochs } = await train({ model: 'mlp', epochs: 2, batchSize: 64, lr: 1e-3, limit: null, seed: 1 });
 * epochs.at(-1)?.testAccuracy; // ≈ 0.94
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { epochs, batchSize, seed, progress } = options;
  setSeed(seed);
  const data = loadTrainingData(options.model, options);
  const { train: trainSet, test: testSet } = data;
  const language = isLanguageModel(options.model);
  const net = language ? createLanguageModel(options.model) : createModel(options.model);
  const n = trainSet.x.shape[0] as number;
  const steps = batchCount(n, batchSize);
  const setup = language ? languageSetup(net, options.lr, steps * epochs) : undefined;
  const stepper = trainStepFor(net, options.lr, options.jit ?? false, setup);
  const { lossFn, optimizer, step: trainStep } = stepper;
  const records: EpochRecord[] = [];
  const stepLosses: Array<[number, number]> = [];
  // Everything a checkpoint holds: the net (BatchNorm statistics included) and the optimizer's state.
  const saved = (): Parameter[] => [...new Set([...net.getParameters(), ...optimizer.getParameters()])];
  let first = 1;
  try {
    if (options.resume) first = await resume(options.checkpoint, net, optimizer, records, stepLosses);
    for (let epoch = first; epoch <= epochs; epoch++) {
      // Each epoch's randomness (dropout) depends only on the seed and the epoch, so a resumed
      // run repeats an uninterrupted one exactly.
      setSeed(seed * 1000 + epoch);
      net.setTrain(true);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let step = 0;
      const started = performance.now();
      for (const batch of batches(trainSet.x, trainSet.y, batchSize, { shuffle: true, seed: seed * 1000 + epoch })) {
        const outputs = trainStep(batch.images, batch.labels);
        const [loss, logits] = outputs;
        // The loss is a mean over the labelled positions: rows, or predicted characters.
        const b = countLabelled(batch.labels);
        const value = loss?.dataSync()[0] as number;
        if (!Number.isFinite(value)) throw new Error(`The loss became ${value} at step ${step + 1} of epoch ${epoch}; try a smaller --lr.`);
        correct += countCorrect(logits as Tensor, batch.labels);
        for (const t of [...outputs, batch.images, batch.labels]) t.dispose();
        lossSum += value * b;
        seen += b;
        step++;
        stepLosses.push([epoch - 1 + step / steps, value]);
        const elapsed = (performance.now() - started) / 1000;
        progress?.step({
          epoch,
          epochs,
          step,
          steps,
          loss: lossSum / seen,
          imagesPerSecond: seen / elapsed,
          unit: language ? 'char' : 'img',
        });
      }
      const seconds = (performance.now() - started) / 1000;
      const test = evaluate(net, lossFn, testSet.x, testSet.y, language ? 100 : 500);
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / seen,
        trainAccuracy: correct / seen,
        testLoss: test.loss,
        testAccuracy: test.accuracy,
        seconds,
        imagesPerSecond: seen / seconds,
      };
      records.push(record);
      if (options.checkpoint) {
        const history = JSON.stringify({ records, stepLosses });
        await saveCheckpoint(saved(), options.checkpoint, { appendDict: { epoch, history } });
      }
      progress?.line(epochLine(record, epochs, data.baseline));
    }
  } finally {
    stepper.dispose();
    data.dispose();
  }
  return { net, epochs: records, stepLosses, trainImages: n, testImages: testSet.x.shape[0] as number, baseline: data.baseline };
}

/** Loads `checkpoint` into the net and the optimizer; returns the epoch to continue from. */
async function resume(
  checkpoint: string | undefined,
  net: Cell,
  optimizer: Cell,
  records: EpochRecord[],
  stepLosses: Array<[number, number]>,
): Promise<number> {
  if (!checkpoint) throw new Error('Resuming needs a checkpoint path.');
  const dict = await loadCheckpoint(checkpoint);
  const epoch = dict.epoch;
  const history = dict.history;
  if (typeof epoch === 'string' || !epoch || typeof history !== 'string') {
    throw new Error(`${checkpoint} is not a training checkpoint of this app (it has no epoch and history).`);
  }
  for (const cell of [net, optimizer]) {
    const [notLoaded, , mismatches] = loadParamIntoNet(cell, dict);
    if (notLoaded.length || mismatches.length) {
      throw new Error(
        `${checkpoint} does not fit this model: missing ${notLoaded.join(', ') || 'nothing'}, mismatched ${mismatches.map((m) => m.name).join(', ') || 'nothing'}.`,
      );
    }
  }
  const past = JSON.parse(history) as { records: EpochRecord[]; stepLosses: Array<[number, number]> };
  records.push(...past.records);
  stepLosses.push(...past.stepLosses);
  const done = epoch.dataSync()[0] as number;
  for (const v of Object.values(dict)) if (typeof v !== 'string' && !v.isDisposed) v.dispose();
  return done + 1;
}
