/**
 * `pnpm start -- eval …`: loads the checkpoint `train` wrote, evaluates the model on the held-out
 * MNIST digits, and shows its accuracy per digit, its most frequent mistakes and a few digits with
 * their predictions.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nn } from '@mindts/cell';
import { loadCheckpoint, loadParamIntoNet } from '@mindts/checkpoint';
import { loadMnist } from '@mindts/datasets';
import { BACKEND_NAMES, type BackendName, useBackend } from '../cli/backends.js';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import { DEFAULT_OUT, type Streams } from '../train/trainCommand.js';
import { evaluate } from '../train/evaluate.js';
import { createModel, MODEL_NAMES, type ModelName } from '../train/models.js';
import { pct } from '../train/trainer.js';
import { asciiDigit, confusion } from './confusion.js';

/**
 * The help text of `eval`.
 * @example
 * console.log(EVAL_HELP);
 */
export const EVAL_HELP = `Usage: pnpm start -- eval [options]

Evaluates a model trained by \`pnpm start -- train\` on the 2,000 held-out MNIST digits: accuracy and
loss, accuracy per digit, the most frequent mistakes, and a few digits drawn with their predictions.

Options:
  --model mlp|cnn     the model the checkpoint holds (default mlp)
  --checkpoint FILE   the .ckpt to load (default: mnist-<model>.ckpt in --out)
  --out DIR           the folder train wrote to (default apps/example/out)
  --backend wasm|cpu|gpujs
                      where the kernels run (default wasm)
  --limit N           evaluate on at most N held-out digits (default: all 2,000)
  --show N            draw the first N digits with their predictions (default 3; 0 for none)
  -h, --help          show this message

Example:
  pnpm start -- train --model cnn --epochs 1 && pnpm start -- eval --model cnn`;

const EVAL_FLAGS: FlagSpecs = {
  '--model': { key: 'model', type: 'choice', values: MODEL_NAMES },
  '--checkpoint': { key: 'checkpoint', type: 'path', what: 'a file' },
  '--out': { key: 'out', type: 'path', what: 'a folder' },
  '--backend': { key: 'backend', type: 'choice', values: BACKEND_NAMES },
  '--limit': { key: 'limit', type: 'integer', min: 1 },
  '--show': { key: 'show', type: 'integer', min: 0 },
};

interface EvalArgs {
  readonly model: ModelName;
  readonly checkpoint: string | null;
  readonly out: string | null;
  readonly backend: BackendName;
  readonly limit: number | null;
  readonly show: number;
}

const DEFAULTS: EvalArgs = { model: 'mlp', checkpoint: null, out: null, backend: 'wasm', limit: null, show: 3 };

/**
 * Runs `eval` with `argv` (the arguments after `eval`); returns the exit status: 0 on success, 2
 * for a usage mistake or a missing or unfitting checkpoint. Other errors propagate.
 * @example
 * process.exitCode = await runEval(['--model', 'cnn']);
 */
export async function runEval(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'eval', specs: EVAL_FLAGS, defaults: DEFAULTS, help: EVAL_HELP }, streams);
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const file = resolve(args.checkpoint ?? join(args.out ?? DEFAULT_OUT, `mnist-${args.model}.ckpt`));
  if (!existsSync(file)) {
    streams.stderr.write(`eval: no checkpoint at ${file}; train one first: pnpm start -- train --model ${args.model}\n`);
    return 2;
  }
  const backend = await useBackend(args.backend);
  const dict = await loadCheckpoint(file);
  const net = createModel(args.model);
  const test = loadMnist({ split: 'test', ...(args.limit ? { limit: args.limit } : {}) });
  const lossFn = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
  try {
    const [notLoaded, , mismatches] = loadParamIntoNet(net, dict);
    if (notLoaded.length > 0 || mismatches.length > 0) {
      const problems = [
        ...(notLoaded.length ? [`missing ${notLoaded.join(', ')}`] : []),
        ...mismatches.map(
          (m) => `${m.name} is ${m.got.dtype}[${m.got.shape}] but the ${args.model} needs ${m.expected.dtype}[${m.expected.shape}]`,
        ),
      ];
      streams.stderr.write(`eval: ${file} does not hold a ${args.model} model: ${problems.join('; ')}.\n`);
      return 2;
    }
    const epoch = dict.epoch;
    const trained = epoch && typeof epoch !== 'string' ? `, trained ${epoch.dataSync()[0]} epoch(s)` : '';
    const n = test.images.shape[0] as number;
    say(`Evaluating the ${args.model} in ${file}${trained} on ${n.toLocaleString('en-US')} held-out MNIST digits`);
    say(`Backend: ${backend}`);
    const started = performance.now();
    const result = evaluate(net, lossFn, test.images, test.labels);
    const seconds = (performance.now() - started) / 1000;
    say(
      `held-out accuracy ${pct(result.accuracy)}, loss ${result.loss.toFixed(4)} · ${Math.round(n / seconds).toLocaleString('en-US')} img/s`,
    );
    const labels = test.labels.dataSync();
    const { perClass, confusions } = confusion(labels, result.predictions, 10);
    say(`per digit: ${perClass.map((c) => `${c.label} ${c.count ? ((100 * c.correct) / c.count).toFixed(1) : '–'} %`).join(' · ')}`);
    say(
      confusions.length === 0
        ? 'no mistakes'
        : `most frequent mistakes (label → predicted): ${confusions
            .slice(0, 5)
            .map((c) => `${c.label} → ${c.predicted} ×${c.count}`)
            .join(', ')}`,
    );
    const pixels = test.images.dataSync();
    for (let i = 0; i < Math.min(args.show, n); i++) {
      const [label, predicted] = [labels[i] as number, result.predictions[i] as number];
      say(`\ndigit ${i + 1}: label ${label}, predicted ${predicted}${label === predicted ? '' : '  ✗'}`);
      say(asciiDigit(pixels.subarray(i * 784, (i + 1) * 784)));
    }
    return 0;
  } finally {
    net.dispose();
    for (const v of Object.values(dict)) if (typeof v !== 'string' && !v.isDisposed) v.dispose();
    test.images.dispose();
    test.labels.dispose();
  }
}
