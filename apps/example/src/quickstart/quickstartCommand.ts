/**
 * `pnpm start -- quickstart …`: MindSpore's quickstart loop without `tidy` (quickstartLoop.ts)
 * for many steps on each backend, printing live tensors and bytes at the start and the end.
 */
import { BACKEND_NAMES, type BackendName, useBackend } from '../cli/backends.js';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import type { Streams } from '../train/trainCommand.js';
import { type MemorySample, quickstartLoop } from './quickstartLoop.js';

/**
 * The help text of `quickstart`.
 * @example
 * console.log(QUICKSTART_HELP);
 */
export const QUICKSTART_HELP = `Usage: pnpm start -- quickstart [options]

Runs MindSpore's quickstart training loop as MindSpore users write it — valueAndGrad with hasAux,
optimizer.call(grads), batches from the data set, no tidy and no dispose — and prints the live
tensors and bytes (memory()) after the first samples and at the end, on each backend.

Options:
  --backends LIST     comma-separated, from wasm, cpu, gpujs (default: all three)
  --steps N           training steps per backend (default 1000; 100000 for the long check)
  --every N           print a memory sample every N steps (default: steps / 10)
  -h, --help          show this message`;

const FLAGS: FlagSpecs = {
  '--backends': { key: 'backends', type: 'list', values: BACKEND_NAMES },
  '--steps': { key: 'steps', type: 'integer', min: 1 },
  '--every': { key: 'every', type: 'integer', min: 1 },
};

interface QuickstartArgs {
  readonly backends: readonly BackendName[];
  readonly steps: number;
  readonly every?: number;
}

/**
 * Runs `quickstart` with `argv`; returns 0 when memory stayed flat on every backend, 1 when it
 * grew, 2 for a usage mistake.
 * @example
 * process.exitCode = await runQuickstart(['--backends', 'wasm', '--steps', '100000']);
 */
export async function runQuickstart(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs<QuickstartArgs>(
    argv,
    { name: 'quickstart', specs: FLAGS, defaults: { backends: BACKEND_NAMES, steps: 1000 }, help: QUICKSTART_HELP },
    streams,
  );
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const every = args.every ?? Math.max(1, Math.floor(args.steps / 10));
  let grew = 0;
  for (const backend of args.backends) {
    say(`\n${await useBackend(backend)}`);
    const started = performance.now();
    const show = (s: MemorySample) =>
      say(
        `  step ${String(s.step).padStart(7)}: ${s.numTensors} live tensors, ${s.numBytes.toLocaleString('en-US')} bytes, loss ${s.loss.toFixed(4)}`,
      );
    const samples = quickstartLoop({ steps: args.steps, sampleEvery: every, onSample: show });
    const [first, last] = [samples[0], samples.at(-1)];
    const flat = first !== undefined && last !== undefined && first.numTensors === last.numTensors && first.numBytes === last.numBytes;
    if (!flat) grew++;
    const seconds = (performance.now() - started) / 1000;
    say(
      `  ${flat ? 'flat' : 'GREW'}: ${args.steps} steps in ${seconds.toFixed(1)} s, live tensors ${first?.numTensors} → ${last?.numTensors}, bytes ${first?.numBytes} → ${last?.numBytes}`,
    );
  }
  return grew === 0 ? 0 : 1;
}
