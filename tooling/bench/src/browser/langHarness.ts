/**
 * The language-model rows (issue 21) in a browser page, bundled by `scripts/browserLangBench.mjs`:
 * the example app's GPT training step on gpu.js WebGL2 and WebGPU (default settings), eager and
 * jitted, next to the same GPT in tfjs ops on tfjs-backend-webgl / webgpu; and GPT generation at
 * context 32 with the key/value cache and without it. Every result is read with `await data()`.
 * The page has no word list (`loadWords` reads it from disk), so the batch is made from a fixed
 * list of words through the same vocabulary.
 */
import { cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, gpujs } from '@mindts/backend-gpujs';
import { WORD_VOCABULARY, WORDS_IGNORE_INDEX } from '@mindts/datasets';
import { getBackend, listBackends, registerBackend, setBackend, setSeed, type Tensor } from '@mindts/tensor';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { tfjsSide } from '../gpujsComparison.js';
import { GENERATION, generateCachedAsync, generateUncachedAsync, generationNet } from '../gptGeneration.js';
import { GPT_STEP, mindtsGptParts, type TokenBatch, tfjsGptParts } from '../gptStep.js';

const WORDS = ['anchor', 'bright', 'candle', 'dragon', 'elbow', 'forest', 'garden', 'harbor', 'island', 'jungle', 'kettle', 'lemon'];

/**
 * `batch` words of {@link WORDS}, repeated, as a token batch of `contextLength`, laid out as `loadWords` lays them out.
 * @example
 * fixedWordBatch(64, 16).inputs.length; // 1024
 */
export function fixedWordBatch(batch: number, contextLength: number): TokenBatch {
  const inputs = new Int32Array(batch * contextLength).fill(WORD_VOCABULARY.end);
  const targets = new Int32Array(batch * contextLength).fill(WORDS_IGNORE_INDEX);
  for (let i = 0; i < batch; i++) {
    const ids = WORD_VOCABULARY.encode(WORDS[i % WORDS.length] as string);
    inputs.set(ids.slice(0, -1), i * contextLength);
    targets.set(ids.slice(1), i * contextLength);
  }
  return { inputs, targets };
}

async function read(t: { data(): Promise<ArrayLike<number>>; dispose(): void }): Promise<number> {
  try {
    return (await t.data())[0] as number;
  } finally {
    t.dispose();
  }
}

/** Median ms of `f` after `warmup` untimed runs. */
async function median(f: () => Promise<unknown>, warmup: number, runs: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await f();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1] as number;
}

const rate = (tokens: number, ms: number) => Math.round((tokens * 1000) / ms).toLocaleString('en-US');

/** The training row on the active gpu.js mode and its tfjs peer: a table line, or a note why not. */
async function trainLine(name: string, peer: string, warmup: number, runs: number): Promise<string> {
  const c = GPT_STEP;
  const data = fixedWordBatch(c.batch, c.model.contextLength);
  const eager = mindtsGptParts(c, false, data);
  const jitted = mindtsGptParts(c, true, data);
  const theirs = tfjsGptParts(c, eager.net, data);
  try {
    const first = [await read(eager.step()), await read(jitted.step()), await read(theirs.step())];
    if (!(Math.abs((first[2] as number) - (first[0] as number)) <= 1e-3 * Math.abs(first[0] as number))) {
      return `| ${name} | first losses disagree: mindts ${first[0]}, tfjs ${first[2]}; not timed | | | | |`;
    }
    const eagerMs = await median(() => read(eager.step()), warmup, runs);
    const jitMs = await median(() => read(jitted.step()), warmup, runs);
    const tfjsMs = await median(() => read(theirs.step()), warmup, runs);
    const tokens = c.batch * c.model.contextLength;
    return `| ${name} vs ${peer} | ${rate(tokens, eagerMs)} | ${rate(tokens, jitMs)} | ${rate(tokens, tfjsMs)} | ${(tfjsMs / eagerMs).toFixed(2)}× | ${(tfjsMs / jitMs).toFixed(2)}× |`;
  } finally {
    eager.dispose();
    jitted.dispose();
    theirs.dispose();
  }
}

/** The generation row on the active gpu.js mode, eager: a table line. */
async function generationLine(name: string, warmup: number, runs: number): Promise<string> {
  setSeed(11);
  const net = generationNet(GENERATION.model);
  const n = GENERATION.model.contextLength;
  const b = GENERATION.batch;
  try {
    const uncachedMs = await median(() => generateUncachedAsync((ids) => net.call(ids) as Tensor, b, n), warmup, runs);
    const cachedMs = await median(() => generateCachedAsync(net, b), warmup, runs);
    return `| ${name} | ${rate(b * n, cachedMs)} | ${rate(b * n, uncachedMs)} | ${(uncachedMs / cachedMs).toFixed(2)}× |`;
  } finally {
    net.dispose();
  }
}

const TFJS_PEER = { webgl2: 'webgl', webgpu: 'webgpu' } as const;

/**
 * Runs the rows (`rows`: training, generation or both) on each gpu.js mode; returns the two tables and notes (fallbacks, modes not run).
 * @example
 * const { table, notes } = await runLangBench(['webgl2', 'webgpu']);
 */
export async function runLangBench(
  modes: readonly ('webgl2' | 'webgpu')[],
  warmup = 1,
  runs = 3,
  rows: readonly ('train' | 'generation')[] = ['train', 'generation'],
): Promise<{ readonly table: string; readonly notes: readonly string[] }> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const train = [
    `| ${GPT_STEP.label}, tokens/s | mindts eager | mindts jit | tfjs | tfjs / eager | tfjs / jit |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  const generation = [`| ${GENERATION.label}, tokens/s | with cache | without (eager) | cache speed-up |`, '|---|---:|---:|---:|'];
  const notes: string[] = [];
  for (const mode of modes) {
    const name = `gpujs-${mode}`;
    try {
      if (!listBackends().includes(name)) registerBackend(gpujs({ name, mode }));
      await setBackend(name);
      const peer = tfjsSide(TFJS_PEER[mode]);
      await peer.activate();
      if (rows.includes('train')) {
        train.push(await trainLine(name, peer.name, warmup, runs));
        console.log(`  ${name}: training done`);
      }
      if (rows.includes('generation')) {
        generation.push(await generationLine(name, warmup, runs));
        console.log(`  ${name}: generation done`);
      }
      const fallbacks = (getBackend() as GpujsBackend).explain().fallbacks;
      notes.push(`${name} fallbacks: ${fallbacks.map((f) => `${f.primitive}×${f.count} (${f.reason.slice(0, 60)})`).join('; ') || 'none'}`);
    } catch (err) {
      notes.push(`${mode}: not run (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const tables = [...(rows.includes('train') ? [train] : []), ...(rows.includes('generation') ? [generation] : [])];
  return { table: tables.map((t) => t.join('\n')).join('\n\n'), notes };
}
