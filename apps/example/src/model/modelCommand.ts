/**
 * `pnpm start -- model …`: the MNIST CNN (or MLP) trained the way MindSpore's LeNet tutorial
 * trains it — a `mindspore.dataset` pipeline (`MnistDataset` → `map(Rescale)` → `batch`), then
 * `Model.train` with `LossMonitor`, `TimeMonitor` and `ModelCheckpoint`, and `Model.eval` with
 * `Accuracy` — and the same test accuracy counted by a hand loop over the same batches. Where a
 * run needs no progress bar, resume or jit (what `train` does), `Model` is the shorter code.
 */
import { join, resolve } from 'node:path';
import { type Cell, nn } from '@mindts/cell';
import { config, type Dataset, MnistDataset, transforms } from '@mindts/dataset';
import { setSeed, type Tensor } from '@mindts/tensor';
import { Accuracy, CheckpointConfig, LossMonitor, Model, ModelCheckpoint, TimeMonitor } from '@mindts/train';
import { BACKEND_NAMES, type BackendName, useBackend } from '../cli/backends.js';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import { countCorrect } from '../train/evaluate.js';
import { createModel, MODEL_NAMES, type ModelName } from '../train/models.js';
import { freeOptimizerState } from '../train/trainer.js';
import { DEFAULT_OUT, type Streams } from '../train/trainCommand.js';

/**
 * The help text of `model`.
 * @example
 * console.log(MODEL_HELP);
 */
export const MODEL_HELP = `Usage: pnpm start -- model [options]

Trains an MNIST model with MindSpore's high-level API: a dataset pipeline (MnistDataset, map
Rescale, batch), Model.train with LossMonitor, TimeMonitor and ModelCheckpoint, then Model.eval
with Accuracy, checked against a hand loop over the same test batches.

Options:
  --model mlp|cnn        the model (default cnn: LeNet-style, as MindSpore's tutorial)
  --epochs N             epochs (default 1)
  --batch-size N         images per batch (default 32)
  --limit N              training images, class-balanced (default 4000 of 8,000)
  --amp O0|O1|O2|O3      mixed precision (default O0; O2 trains with a dynamic loss scale)
  --backend NAME         wasm (default), cpu or gpujs
  --out DIR              where the checkpoints go, in DIR/model (default apps/example/out)
  -h, --help             show this message

Example:
  pnpm start -- model --epochs 2 --amp O2`;

const MODEL_FLAGS: FlagSpecs = {
  '--model': { key: 'model', type: 'choice', values: MODEL_NAMES },
  '--epochs': { key: 'epochs', type: 'integer', min: 1 },
  '--batch-size': { key: 'batchSize', type: 'integer', min: 1 },
  '--limit': { key: 'limit', type: 'integer', min: 1 },
  '--amp': { key: 'amp', type: 'choice', values: ['O0', 'O1', 'O2', 'O3'] },
  '--backend': { key: 'backend', type: 'choice', values: BACKEND_NAMES },
  '--out': { key: 'out', type: 'path', what: 'a folder' },
};

/**
 * What {@link trainWithModel} runs.
 * @example
 * const options: ModelRunOptions = { model: 'cnn', epochs: 1, batchSize: 32, limit: 4000, amp: 'O0', out: 'out' };
 */
export interface ModelRunOptions {
  readonly model: ModelName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly limit: number;
  readonly amp: 'O0' | 'O1' | 'O2' | 'O3';
  /** The folder the checkpoints are written to (`<out>/model`). */
  readonly out: string;
  /** Held-out images (default all 2,000). */
  readonly testLimit?: number;
}

interface ModelArgs extends Omit<ModelRunOptions, 'out' | 'testLimit'> {
  readonly backend: BackendName;
  readonly out: string | null;
}

const DEFAULTS: ModelArgs = { model: 'cnn', epochs: 1, batchSize: 32, limit: 4000, amp: 'O0', backend: 'wasm', out: null };

/**
 * What {@link trainWithModel} returns: the trained net (the caller disposes it), `Model.eval`'s
 * accuracy and the hand loop's on the same test batches, and the newest checkpoint.
 * @example
 * const { modelAccuracy, handAccuracy } = await trainWithModel(options);
 */
export interface ModelRunResult {
  readonly net: Cell;
  readonly modelAccuracy: number;
  readonly handAccuracy: number;
  readonly checkpoint: string;
}

/**
 * MindSpore's MNIST pipeline: the digits as uint8 `[28, 28, 1]`, rescaled to [0, 1] floats, in
 * batches (the models flatten them); seeded, so a run repeats.
 */
function mnist(usage: 'train' | 'test', numSamples: number | undefined, batchSize: number): Dataset {
  return new MnistDataset({ usage, shuffle: usage === 'train', ...(numSamples !== undefined ? { numSamples } : {}) })
    .map([new transforms.Rescale(1 / 255, 0)], 'image')
    .batch(batchSize);
}

/**
 * Trains `options.model` with `Model` on the active backend and evaluates it twice: with
 * `Model.eval` and with a plain loop counting arg-max hits over the same test batches.
 * @example
 * const { net, modelAccuracy } = await trainWithModel({ model: 'cnn', epochs: 1, batchSize: 32, limit: 2000, amp: 'O0', out: 'out' });
 */
export async function trainWithModel(options: ModelRunOptions): Promise<ModelRunResult> {
  setSeed(1);
  config.setSeed(1);
  const train = mnist('train', options.limit, options.batchSize);
  const test = mnist('test', options.testLimit, 250);
  const net = new nn.SequentialCell([new nn.Flatten(), createModel(options.model)]);
  const optimizer = new nn.Adam(net.trainableParams(), { learningRate: 1e-3 });
  const model = new Model(net, {
    lossFn: new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' }),
    optimizer,
    metrics: { accuracy: new Accuracy() },
    ampLevel: options.amp,
  });
  const steps = train.getDatasetSize();
  const checkpoint = new ModelCheckpoint(
    `mnist-${options.model}`,
    join(options.out, 'model'),
    new CheckpointConfig({ saveCheckpointSteps: steps, keepCheckpointMax: 2 }),
  );
  await model.train(options.epochs, train, {
    callbacks: [new LossMonitor(Math.max(1, Math.floor(steps / 4))), new TimeMonitor(), checkpoint],
  });
  const { accuracy } = await model.eval(test);
  // The hand loop: the network in inference mode over the same batches, arg-max against the label.
  net.setTrain(false);
  let correct = 0;
  let seen = 0;
  for (const [image, label] of test.createTupleIterator()) {
    const logits = net.call(image as Tensor) as Tensor;
    correct += countCorrect(logits, label as Tensor);
    seen += (label as Tensor).shape[0] as number;
    logits.dispose();
  }
  freeOptimizerState(net, optimizer);
  return { net, modelAccuracy: accuracy as number, handAccuracy: correct / seen, checkpoint: checkpoint.latestCkptFileName };
}

/**
 * Runs `model` with `argv` (the arguments after `model`); returns the exit status: 0 when both
 * evaluations agree, 1 when they do not, 2 for a usage mistake.
 * @example
 * process.exitCode = await runModel(['--epochs', '2']);
 */
export async function runModel(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'model', specs: MODEL_FLAGS, defaults: DEFAULTS, help: MODEL_HELP }, streams);
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  say(await useBackend(args.backend));
  const out = resolve(args.out ?? DEFAULT_OUT);
  say(
    `Model.train: ${args.model} on ${args.limit} MNIST digits, ${args.epochs} epoch(s) of batches of ${args.batchSize}, amp level ${args.amp}`,
  );
  const result = await trainWithModel({ ...args, out });
  try {
    say(`Model.eval accuracy on the 2,000 held-out digits: ${(result.modelAccuracy * 100).toFixed(2)} %`);
    say(`the same by a hand loop over the same batches: ${(result.handAccuracy * 100).toFixed(2)} %`);
    say(`checkpoint: ${result.checkpoint}`);
    if (result.modelAccuracy !== result.handAccuracy) {
      streams.stderr.write('model: Model.eval and the hand loop disagree\n');
      return 1;
    }
    return 0;
  } finally {
    result.net.dispose();
  }
}
