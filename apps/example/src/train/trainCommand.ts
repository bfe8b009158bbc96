/**
 * `pnpm start -- train …`: parses the flags, trains, reports each epoch, writes the plot and says
 * where it is.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackend } from '@mindts/tensor';
import { useBackend } from '../cli/backends.js';
import { commandArgs } from '../cli/flags.js';
import { Progress, type ProgressStream } from './progress.js';
import { natsAndBits, pct, train } from './trainer.js';
import { DEFAULT_EPOCHS, DEFAULT_LIMIT, DEFAULT_LR, TRAIN_DEFAULTS, TRAIN_FLAGS, TRAIN_HELP } from './trainArgs.js';
import { type AnyModelName, isLanguageModel } from './trainingData.js';
import { trainingPlot } from './trainingPlot.js';

/**
 * The app's `out/` folder (apps/example/out), from src/ or dist/ alike.
 * @example
 * join(DEFAULT_OUT, 'mnist-mlp.ckpt');
 */
export const DEFAULT_OUT = fileURLToPath(new URL('../../out/', import.meta.url));

/**
 * The file name (without extension) of a model's checkpoint and plot: `mnist-mlp`, `words-gpt`.
 * @example
 * join(DEFAULT_OUT, `${runName('gpt')}.ckpt`); // …/out/words-gpt.ckpt
 */
export function runName(model: AnyModelName): string {
  return `${isLanguageModel(model) ? 'words' : 'mnist'}-${model}`;
}

/**
 * Where the command writes: stdout (progress and results) and stderr (errors).
 * @example
 * await runTrain(['--epochs', '1'], { stdout: process.stdout, stderr: process.stderr });
 */
export interface Streams {
  readonly stdout: ProgressStream;
  readonly stderr: { write(text: string): unknown };
}

/**
 * Runs `train` with `argv` (the arguments after `train`); returns the exit status: 0 on
 * success, 2 for a usage mistake. Other errors propagate.
 * @example
 * process.exitCode = await runTrain(process.argv.slice(3));
 */
export async function runTrain(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'train', specs: TRAIN_FLAGS, defaults: TRAIN_DEFAULTS, help: TRAIN_HELP }, streams);
  if (typeof args === 'number') return args;
  await useBackend(args.backend);
  const epochs = args.epochs ?? DEFAULT_EPOCHS[args.model];
  const lr = args.lr ?? DEFAULT_LR[args.model];
  const limit = args.limit ?? DEFAULT_LIMIT[args.model];
  const language = isLanguageModel(args.model);
  const optimizer = language ? `AdamW lr ${lr} (warm-up, cosine)` : `Adam lr ${lr}`;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const progress = new Progress(streams.stdout);
  say(
    `Training ${args.model} on ${language ? 'English words' : 'MNIST'} (backend ${getBackend().name}${args.jit ? ', jit' : ''}): ` +
      `${optimizer}, batch ${args.batchSize}, ${epochs} epoch${epochs === 1 ? '' : 's'}, seed ${args.seed}`,
  );
  const dir = resolve(args.out ?? DEFAULT_OUT);
  mkdirSync(dir, { recursive: true });
  const name = runName(args.model);
  const checkpoint = join(dir, `${name}.ckpt`);
  if (args.resume && !existsSync(checkpoint)) {
    streams.stderr.write(`train: --resume needs a checkpoint, but ${checkpoint} does not exist; run without --resume first.\n`);
    return 2;
  }
  if (args.resume) say(`Resuming from ${checkpoint}`);
  const result = await train({ ...args, epochs, lr, limit, progress, checkpoint });
  result.net.dispose();
  const last = result.epochs.at(-1);
  const perEpoch = result.epochs.reduce((s, r) => s + r.seconds, 0) / result.epochs.length;
  const rows = language ? 'words' : 'images';
  const counts = `${result.trainImages.toLocaleString('en-US')} training ${rows}, ${result.testImages.toLocaleString('en-US')} held out`;
  if (result.baseline !== null && last) {
    const gain = 1 - last.testLoss / result.baseline;
    say(
      `${counts} · ${perEpoch.toFixed(1)} s per epoch · held-out ${natsAndBits(last.testLoss)} vs bigram ${natsAndBits(result.baseline)}: ` +
        `${gain >= 0 ? `${pct(gain)} lower` : `${pct(-gain)} higher`}`,
    );
  } else {
    say(`${counts} · ${perEpoch.toFixed(1)} s per epoch · held-out accuracy ${last ? pct(last.testAccuracy) : 'n/a'}`);
  }
  const file = join(dir, `${name}.svg`);
  const title = `mindts · ${language ? 'English words' : 'MNIST'} ${args.model} · ${result.trainImages} ${rows} · ${optimizer} · batch ${args.batchSize}`;
  writeFileSync(file, trainingPlot(result, title));
  say(`Plot of loss and accuracy: ${file}`);
  say(`Checkpoint (MindSpore .ckpt, written after every epoch): ${checkpoint}`);
  if (language) say(`Sample words from it: pnpm start -- sample --model ${args.model}${args.out ? ` --out ${args.out}` : ''}`);
  return 0;
}
