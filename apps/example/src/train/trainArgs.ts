/**
 * The flags of `train`: `--model mlp|cnn|gpt|lstm --backend wasm|cpu|gpujs --epochs N --batch-size N --lr X
 * --limit N --seed N --out DIR --jit --resume`, as `--flag value` or `--flag=value`.
 */
import { BACKEND_NAMES, type BackendName } from '../cli/backends.js';
import { type FlagSpecs, parseFlags } from '../cli/flags.js';
import { LANGUAGE_MODEL_NAMES } from './languageModels.js';
import { MODEL_NAMES } from './models.js';
import type { AnyModelName } from './trainingData.js';

export { UsageError } from '../cli/flags.js';

/**
 * What `train` runs with.
 * @example
 * const args: TrainArgs = parseTrainArgs(['--model', 'cnn']);
 */
export interface TrainArgs {
  readonly model: AnyModelName;
  /** Where the kernels run: the WebAssembly SIMD backend (default), the pure-TS CPU backend, or gpu.js (its best mode here). */
  readonly backend: BackendName;
  /** null: the model's default, {@link DEFAULT_EPOCHS}. */
  readonly epochs: number | null;
  readonly batchSize: number;
  /** null: the model's default, {@link DEFAULT_LR}. */
  readonly lr: number | null;
  /** At most this many training images or words; null for the model's default, {@link DEFAULT_LIMIT}. */
  readonly limit: number | null;
  readonly seed: number;
  /** Where the plot and the checkpoint go; null for the app's `out/` folder. */
  readonly out: string | null;
  /** Continue from the checkpoint in `out` instead of starting over. */
  readonly resume: boolean;
  /** Compile the whole training step with `jit` (forward, loss, backward, Adam update in one graph). */
  readonly jit: boolean;
  readonly help: boolean;
}

/**
 * Epochs per model when `--epochs` is not given: what the held-out goals (MLP ≥ 92 %, CNN ≥ 96 %)
 * took with the other defaults on the 8,000 training images.
 * @example
 * DEFAULT_EPOCHS.cnn; // 5
 */
export const DEFAULT_EPOCHS: Readonly<Record<AnyModelName, number>> = { mlp: 10, cnn: 5, gpt: 2, lstm: 2 };

/**
 * The learning rate per model when `--lr` is not given: Adam's for the MNIST models, the peak of
 * AdamW's warm-up and cosine schedule for the language models.
 * @example
 * DEFAULT_LR.gpt; // 0.003
 */
export const DEFAULT_LR: Readonly<Record<AnyModelName, number>> = { mlp: 1e-3, cnn: 1e-3, gpt: 3e-3, lstm: 3e-3 };

/**
 * Training rows per model when `--limit` is not given: every MNIST image (null), and for the
 * language models a seeded sample of the 243,591 training words that keeps a run to about a minute
 * or two on a laptop.
 * @example
 * DEFAULT_LIMIT.gpt; // 12000
 */
export const DEFAULT_LIMIT: Readonly<Record<AnyModelName, number | null>> = { mlp: null, cnn: null, gpt: 12_000, lstm: 12_000 };

/**
 * The defaults: the MLP, Adam at 1e-3 on batches of 64, every training image.
 * @example
 * TRAIN_DEFAULTS.batchSize; // 64
 */
export const TRAIN_DEFAULTS: TrainArgs = {
  model: 'mlp',
  backend: 'wasm',
  epochs: null,
  batchSize: 64,
  lr: null,
  limit: null,
  seed: 1,
  out: null,
  resume: false,
  jit: false,
  help: false,
};

/**
 * The help text of `train`.
 * @example
 * console.log(TRAIN_HELP);
 */
export const TRAIN_HELP = `Usage: pnpm start -- train [options]

Trains a model on real MNIST digits (8,000 training images, 2,000 held out) on the CPU,
with Adam and softmax cross-entropy, or a character-level language model on real English words
(243,591 training words, every tenth word of the list held out) with AdamW and a warm-up + cosine
learning-rate schedule; evaluates on held-out data after each epoch (the language models in nats
and bits per character, against a bigram baseline) and writes a loss/accuracy plot (SVG).

Options:
  --model mlp|cnn|gpt|lstm
                      784-128-10 perceptron, a LeNet-style CNN with BatchNorm and Dropout, a
                      decoder-only Transformer (2 layers, dModel 64, 4 heads, context 16), or a
                      2-layer LSTM language model (default mlp)
  --backend wasm|cpu|gpujs
                      WebAssembly SIMD kernels (default), the pure-TypeScript reference backend,
                      or gpu.js in the best mode it finds (in Node without a GPU: its WebAssembly mode)
  --epochs N          passes over the training data (default ${DEFAULT_EPOCHS.mlp} for mlp, ${DEFAULT_EPOCHS.cnn} for cnn, ${DEFAULT_EPOCHS.gpt} for gpt and lstm)
  --batch-size N      images or words per step (default ${TRAIN_DEFAULTS.batchSize})
  --lr X              the learning rate (default ${DEFAULT_LR.mlp}, or a peak of ${DEFAULT_LR.gpt} for gpt and lstm)
  --limit N           train on at most N images (class-balanced) or words (default: all 8,000
                      images, or ${(DEFAULT_LIMIT.gpt ?? 0).toLocaleString('en-US')} words)
  --seed N            seeds initialisation, shuffling and dropout (default ${TRAIN_DEFAULTS.seed})
  --out DIR           folder for the plot and the checkpoint (default apps/example/out)
  --resume            continue from the checkpoint in --out (written after every epoch); for gpt
                      and lstm give the same --epochs, which the learning-rate schedule spans
  --jit               compile the whole training step (forward, loss, backward, optimizer) with jit
  -h, --help          show this message

Examples:
  pnpm start -- train --model cnn --epochs 3 --limit 4000
  pnpm start -- train --model gpt
  pnpm start -- sample --count 20`;

/**
 * The flags of `train`, by name.
 * @example
 * TRAIN_FLAGS['--epochs']; // { key: 'epochs', type: 'integer', min: 1 }
 */
export const TRAIN_FLAGS: FlagSpecs = {
  '--model': { key: 'model', type: 'choice', values: [...MODEL_NAMES, ...LANGUAGE_MODEL_NAMES] },
  '--backend': { key: 'backend', type: 'choice', values: BACKEND_NAMES },
  '--epochs': { key: 'epochs', type: 'integer', min: 1 },
  '--batch-size': { key: 'batchSize', type: 'integer', min: 1 },
  '--lr': { key: 'lr', type: 'positive' },
  '--limit': { key: 'limit', type: 'integer', min: 1 },
  '--seed': { key: 'seed', type: 'integer', min: 0 },
  '--out': { key: 'out', type: 'path', what: 'a folder' },
  '--resume': { key: 'resume', type: 'switch' },
  '--jit': { key: 'jit', type: 'switch' },
};

/**
 * Parses the arguments after `train`; throws a {@link UsageError} naming the flag on a mistake.
 * @example
 * parseTrainArgs(['--model', 'cnn', '--epochs=2']); // { model: 'cnn', epochs: 2, batchSize: 64, … }
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const { values, help } = parseFlags(argv, TRAIN_FLAGS);
  return { ...TRAIN_DEFAULTS, ...values, help } as TrainArgs;
}
