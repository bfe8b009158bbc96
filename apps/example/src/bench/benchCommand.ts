/**
 * `pnpm start -- bench …`: how fast one training step of the app's models runs on each backend
 * here, eager and compiled with `jit`, on a real MNIST batch. (`pnpm bench` at the repository root
 * is the full benchmark, against TensorFlow.js.)
 */
import { loadMnist } from '@mindts/datasets';
import { setSeed, type Tensor } from '@mindts/tensor';
import { BACKEND_NAMES, type BackendName, useBackend } from '../cli/backends.js';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import type { Streams } from '../train/trainCommand.js';
import { createModel, MODEL_NAMES, type ModelName } from '../train/models.js';
import { trainStepFor } from '../train/trainer.js';

/**
 * The help text of `bench`.
 * @example
 * console.log(BENCH_HELP);
 */
export const BENCH_HELP = `Usage: pnpm start -- bench [options]

Times one training step (forward, loss, backward, Adam) of a model on a batch of real MNIST digits,
on each backend, eager and compiled with jit; prints the median ms per step. The loss is read back
after every step, as a training loop does. For the comparison with TensorFlow.js: pnpm bench.

Options:
  --backends LIST     comma-separated, from wasm, cpu, gpujs (default: all three)
  --model mlp|cnn     the model (default mlp)
  --batch-size N      images per step (default 64)
  --steps N           timed steps per backend and mode, after 2 untimed ones (default 10)
  -h, --help          show this message`;

const BENCH_FLAGS: FlagSpecs = {
  '--backends': { key: 'backends', type: 'list', values: BACKEND_NAMES },
  '--model': { key: 'model', type: 'choice', values: MODEL_NAMES },
  '--batch-size': { key: 'batchSize', type: 'integer', min: 1 },
  '--steps': { key: 'steps', type: 'integer', min: 1 },
};

interface BenchArgs {
  readonly backends: readonly BackendName[];
  readonly model: ModelName;
  readonly batchSize: number;
  readonly steps: number;
}

const DEFAULTS: BenchArgs = { backends: BACKEND_NAMES, model: 'mlp', batchSize: 64, steps: 10 };

/**
 * One backend's result: median ms per step, eager and jitted, and what ran the kernels.
 * @example
 * const { eagerMs, jitMs }: BenchRow = await benchStep('cpu', 'mlp', 64, 5);
 */
export interface BenchRow {
  readonly backend: BackendName;
  readonly about: string;
  readonly eagerMs: number;
  readonly jitMs: number;
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

/** Median ms of `steps` steps of a fresh `model` (same seed each time), eager or jitted. */
async function timeSteps(model: ModelName, x: Tensor, y: Tensor, steps: number, useJit: boolean): Promise<number> {
  setSeed(1);
  const net = createModel(model);
  const stepper = trainStepFor(net, 1e-3, useJit);
  const samples: number[] = [];
  try {
    for (let i = 0; i < steps + 2; i++) {
      const started = performance.now();
      const outputs = stepper.step(x, y);
      const loss = (await outputs[0]?.data())?.[0] as number;
      for (const t of outputs) t.dispose();
      if (!Number.isFinite(loss)) throw new Error(`bench: the loss became ${loss} at step ${i + 1}.`);
      if (i >= 2) samples.push(performance.now() - started);
    }
  } finally {
    stepper.dispose();
    net.dispose();
  }
  return median(samples);
}

/**
 * Times the training step of `model` on `backend`, eager then jitted.
 * @example
 * const row = await benchStep('wasm', 'mlp', 64, 10);
 */
export async function benchStep(backend: BackendName, model: ModelName, batchSize: number, steps: number): Promise<BenchRow> {
  const about = await useBackend(backend);
  const data = loadMnist({ split: 'train', limit: batchSize, seed: 1 });
  try {
    const eagerMs = await timeSteps(model, data.images, data.labels, steps, false);
    const jitMs = await timeSteps(model, data.images, data.labels, steps, true);
    return { backend, about, eagerMs, jitMs };
  } finally {
    data.images.dispose();
    data.labels.dispose();
  }
}

/**
 * The table `bench` prints: ms per step, the jit speedup, images per second jitted, and each
 * backend's jitted step against the first backend's.
 * @example
 * console.log(formatBench(rows, 64));
 */
export function formatBench(rows: readonly BenchRow[], batchSize: number): string {
  const base = rows[0];
  const lines = [
    `| backend | eager ms/step | jit ms/step | jit speedup | images/s (jit) | jit vs ${base?.backend ?? '—'} |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.backend} | ${r.eagerMs.toFixed(2)} | ${r.jitMs.toFixed(2)} | ${(r.eagerMs / r.jitMs).toFixed(2)}× | ` +
        `${Math.round((1000 * batchSize) / r.jitMs).toLocaleString('en-US')} | ${base ? (base.jitMs / r.jitMs).toFixed(2) : '—'}× |`,
    ),
  ];
  return [...lines, '', ...rows.map((r) => r.about)].join('\n');
}

/**
 * Runs `bench` with `argv` (the arguments after `bench`); returns the exit status: 0 on success,
 * 2 for a usage mistake. Other errors propagate.
 * @example
 * process.exitCode = await runBench(['--backends', 'wasm,cpu', '--steps', '5']);
 */
export async function runBench(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'bench', specs: BENCH_FLAGS, defaults: DEFAULTS, help: BENCH_HELP }, streams);
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  say(`One ${args.model} training step (Adam), batch ${args.batchSize}, median of ${args.steps} steps per backend and mode`);
  const rows: BenchRow[] = [];
  for (const backend of args.backends) {
    const row = await benchStep(backend, args.model, args.batchSize, args.steps);
    say(`  ${backend} done`);
    rows.push(row);
  }
  say(`\n${formatBench(rows, args.batchSize)}`);
  return 0;
}
