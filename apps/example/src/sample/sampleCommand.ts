/**
 * `pnpm start -- sample …`: loads a language model's checkpoint, generates words and says which
 * are real English words (and of those, which were held out of training) and which are new.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCheckpoint, loadParamIntoNet } from '@mindts/checkpoint';
import { englishWords, wordsOfSplit } from '@mindts/datasets';
import { BACKEND_NAMES, type BackendName, useBackend } from '../cli/backends.js';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import { createLanguageModel, GPT_CONFIG, LANGUAGE_MODEL_NAMES, type LanguageModelName } from '../train/languageModels.js';
import { DEFAULT_OUT, runName, type Streams } from '../train/trainCommand.js';
import { pct } from '../train/trainer.js';
import { generateWords } from './generate.js';
import { markWord } from './markWord.js';

/**
 * What `sample` runs with.
 * @example
 * const args: SampleArgs = { ...SAMPLE_DEFAULTS, count: 5 };
 */
export interface SampleArgs {
  readonly model: LanguageModelName;
  readonly count: number;
  readonly temperature: number;
  /** null: draw among every token. */
  readonly topK: number | null;
  readonly seed: number;
  readonly prefix: string;
  /** The folder holding `words-<model>.ckpt`; null for the app's `out/` folder. */
  readonly out: string | null;
  readonly backend: BackendName;
  /** Re-encode the whole context for every character instead of one position per character. */
  readonly noCache: boolean;
}

/**
 * The defaults of `sample`: 20 words from the GPT at temperature 1, no top-k cut, seed 1.
 * @example
 * SAMPLE_DEFAULTS.count; // 20
 */
export const SAMPLE_DEFAULTS: SampleArgs = {
  model: 'gpt',
  count: 20,
  temperature: 1,
  topK: null,
  seed: 1,
  prefix: '',
  out: null,
  backend: 'wasm',
  noCache: false,
};

const SAMPLE_FLAGS: FlagSpecs = {
  '--model': { key: 'model', type: 'choice', values: LANGUAGE_MODEL_NAMES },
  '--count': { key: 'count', type: 'integer', min: 1 },
  '--temperature': { key: 'temperature', type: 'positive' },
  '--top-k': { key: 'topK', type: 'integer', min: 1 },
  '--seed': { key: 'seed', type: 'integer', min: 0 },
  '--prefix': { key: 'prefix', type: 'path', what: 'letters a–z' },
  '--out': { key: 'out', type: 'path', what: 'a folder' },
  '--backend': { key: 'backend', type: 'choice', values: BACKEND_NAMES },
  '--no-cache': { key: 'noCache', type: 'switch' },
};

/**
 * The help text of `sample`.
 * @example
 * console.log(SAMPLE_HELP);
 */
export const SAMPLE_HELP = `Usage: pnpm start -- sample [options]

Loads the checkpoint that \`train --model gpt\` (or lstm) wrote and generates words, one character
at a time, marking each as a real English word (of the an-array-of-english-words list; "held out"
when the word was never in any training run) or a new one, with the share of each.

Options:
  --model gpt|lstm    which model's checkpoint (default gpt)
  --count N           how many words (default ${SAMPLE_DEFAULTS.count})
  --temperature X     divides the logits: < 1 plays safe, > 1 takes risks (default ${SAMPLE_DEFAULTS.temperature})
  --top-k N           draw only among the N likeliest characters (default: all)
  --seed N            seeds the draws (default ${SAMPLE_DEFAULTS.seed})
  --prefix TEXT       letters every word starts with (default none)
  --out DIR           the folder holding words-<model>.ckpt (default apps/example/out)
  --backend wasm|cpu|gpujs
                      where the kernels run (default wasm)
  --no-cache          re-encode the whole context for every character, instead of one position
                      per character (the GPT's key/value cache, the LSTM's carried state)
  -h, --help          show this message

Example:
  pnpm start -- sample --count 10 --temperature 0.8 --prefix re`;

/**
 * Runs `sample` with `argv` (the arguments after `sample`); returns the exit status: 0 on success,
 * 2 for a usage mistake or a missing or unfitting checkpoint.
 * @example
 * process.exitCode = await runSample(['--count', '10']);
 */
export async function runSample(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'sample', specs: SAMPLE_FLAGS, defaults: SAMPLE_DEFAULTS, help: SAMPLE_HELP }, streams);
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const fail = (line: string) => {
    streams.stderr.write(`sample: ${line}\n`);
    return 2;
  };
  if (!/^[a-z]*$/.test(args.prefix)) return fail(`--prefix must hold only the letters a–z, but got '${args.prefix}'.`);
  if (args.prefix.length > GPT_CONFIG.contextLength - 2) {
    return fail(`--prefix must have at most ${GPT_CONFIG.contextLength - 2} letters, but got ${args.prefix.length}.`);
  }
  const file = resolve(join(args.out ?? DEFAULT_OUT, `${runName(args.model)}.ckpt`));
  if (!existsSync(file)) return fail(`no checkpoint at ${file}; train one first: pnpm start -- train --model ${args.model}`);
  await useBackend(args.backend);
  const dict = await loadCheckpoint(file);
  const net = createLanguageModel(args.model);
  try {
    const [notLoaded, , mismatches] = loadParamIntoNet(net, dict);
    if (notLoaded.length > 0 || mismatches.length > 0) {
      return fail(
        `${file} does not hold a ${args.model} model: missing ${notLoaded.join(', ') || 'nothing'}, mismatched ${mismatches.map((m) => m.name).join(', ') || 'nothing'}.`,
      );
    }
    const epoch = dict.epoch;
    const trained = epoch && typeof epoch !== 'string' ? `, trained ${epoch.dataSync()[0]} epoch(s)` : '';
    say(
      `Sampling ${args.count} word${args.count === 1 ? '' : 's'} from the ${args.model} in ${file}${trained} ` +
        `(temperature ${args.temperature}, top-k ${args.topK ?? 'all'}, seed ${args.seed}${args.prefix ? `, prefix '${args.prefix}'` : ''})`,
    );
    const started = performance.now();
    const words = generateWords(net, { ...args, contextLength: GPT_CONFIG.contextLength, cache: !args.noCache });
    const seconds = (performance.now() - started) / 1000;
    const english = new Set(englishWords());
    const heldOut = new Set(wordsOfSplit('test', GPT_CONFIG.contextLength));
    const marks = words.map((w) => markWord(w, english, heldOut));
    const width = Math.max(...words.map((w) => w.length), 4);
    const digits = String(words.length).length;
    words.forEach((w, i) => {
      say(`${String(i + 1).padStart(digits)}. ${(w || '(empty)').padEnd(width)}  ${marks[i]}`);
    });
    const real = marks.filter((m) => m !== 'new').length;
    const held = marks.filter((m) => m === 'real, held out').length;
    say(
      `${real} of ${words.length} real English words (${pct(real / words.length)}; ${held} of them held out of training), ` +
        `${words.length - real} new (${pct((words.length - real) / words.length)}) · ${seconds.toFixed(1)} s, ` +
        `${args.noCache ? 're-encoding the context' : 'one position per character'}`,
    );
    return 0;
  } finally {
    net.dispose();
    for (const v of Object.values(dict)) if (typeof v !== 'string' && !v.isDisposed) v.dispose();
  }
}
