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
import { pct, train } from './trainer.js';
import { DEFAULT_EPOCHS, TRAIN_DEFAULTS, TRAIN_FLAGS, TRAIN_HELP } from './trainArgs.js';
import { trainingPlot } from './trainingPlot.js';

/**
 * The app's `out/` folder (apps/example/out), from src/ or dist/ alike.
 * @example
 * join(DEFAULT_OUT, 'mnist-mlp.ckpt');
 */
export const DEFAULT_OUT = fileURLToPath(new URL('../../out/', import.meta.url));

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
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const progress = new Progress(streams.stdout);
  say(
    `Training ${args.model} on MNIST (backend ${getBackend().name}${args.jit ? ', jit' : ''}): Adam lr ${args.lr}, batch ${args.batchSize}, ` +
      `${epochs} epoch${epochs === 1 ? '' : 's'}, seed ${args.seed}`,
  );
  const dir = resolve(args.out ?? DEFAULT_OUT);
  mkdirSync(dir, { recursive: true });
  const checkpoint = join(dir, `mnist-${args.model}.ckpt`);
  if (args.resume && !existsSync(checkpoint)) {
    streams.stderr.write(`train: --resume needs a checkpoint, but ${checkpoint} does not exist; run without --resume first.\n`);
    return 2;
  }
  if (args.resume) say(`Resuming from ${checkpoint}`);
  const result = await train({ ...args, epochs, progress, checkpoint });
  result.net.dispose();
  const last = result.epochs.at(-1);
  const perEpoch = result.epochs.reduce((s, r) => s + r.seconds, 0) / result.epochs.length;
  say(
    `${result.trainImages.toLocaleString('en-US')} training images, ${result.testImages.toLocaleString('en-US')} held out · ` +
      `${perEpoch.toFixed(1)} s per epoch · held-out accuracy ${last ? pct(last.testAccuracy) : 'n/a'}`,
  );
  const file = join(dir, `mnist-${args.model}.svg`);
  const title = `mindts · MNIST ${args.model} · ${result.trainImages} images · Adam lr ${args.lr} · batch ${args.batchSize}`;
  writeFileSync(file, trainingPlot(result, title));
  say(`Plot of loss and accuracy: ${file}`);
  say(`Checkpoint (MindSpore .ckpt, written after every epoch): ${checkpoint}`);
  return 0;
}
