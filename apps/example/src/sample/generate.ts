/**
 * Generating words from a character-level language model: start from `[start, prefix…]`, run the
 * model, draw the next character from its last position's distribution (with a temperature and
 * an optional top-k cut), append it, and repeat until the end token or a full context. With
 * `cache` (the default) each new character costs one position (the GPT's key/value cache, the
 * LSTM's carried state); without it each step re-encodes the whole context.
 */
import type { Cell } from '@mindts/cell';
import { seededRandom, WORD_VOCABULARY } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor, tidy } from '@mindts/tensor';
import { incrementalDecoder } from './incrementalDecoder.js';

/**
 * Options of {@link generateWords}.
 * @example
 * const options: GenerateOptions = { count: 20, temperature: 0.8, topK: 10, seed: 1, prefix: 'un', contextLength: 16 };
 */
export interface GenerateOptions {
  readonly count: number;
  /** Divides the logits: below 1 sharpens the distribution, above 1 flattens it. */
  readonly temperature: number;
  /** Draw only among the `topK` likeliest tokens; null for all. */
  readonly topK: number | null;
  readonly seed: number;
  /** Letters every word starts with ('' for none). */
  readonly prefix: string;
  /** The longest context the model takes, start token included: words have at most `contextLength − 1` letters. */
  readonly contextLength: number;
  /** Feed one new position per character through {@link incrementalDecoder} (default true). */
  readonly cache?: boolean;
}

/**
 * Draws a token from `logits` (one row) after dividing by `temperature` and keeping the `topK`
 * largest (null: all), with `random()` uniform in [0, 1).
 * @example
 * drawToken(Float32Array.from([0, 10, 0]), 1, null, Math.random); // almost always 1
 */
export function drawToken(logits: ArrayLike<number>, temperature: number, topK: number | null, random: () => number): number {
  const n = logits.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (logits[b] as number) - (logits[a] as number));
  const kept = order.slice(0, Math.min(topK ?? n, n));
  const top = logits[kept[0] as number] as number;
  const weights = kept.map((i) => Math.exp(((logits[i] as number) - top) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let j = 0; j < kept.length; j++) {
    r -= weights[j] as number;
    if (r < 0) return kept[j] as number;
  }
  return kept[kept.length - 1] as number;
}

/**
 * Generates `count` words from `net` (token ids `[batch, seq]` → logits `[batch, seq, vocab]`), all
 * in one batch, in inference mode; the same seed gives the same words. A word that reaches the
 * context's end without the end token is cut there. Reads the logits synchronously: on a backend
 * whose reads are asynchronous (gpu.js WebGPU) use {@link generateWordsAsync}.
 * @example
 * generateWords(net, { count: 5, temperature: 1, topK: null, seed: 1, prefix: '', contextLength: 16 }); // ['stoner', …]
 */
export function generateWords(net: Cell, options: GenerateOptions): string[] {
  const draws = wordDraws(net, options);
  try {
    let step = draws.next();
    while (!step.done) step = draws.next(readSync(step.value));
    return step.value;
  } finally {
    draws.return([]);
  }
}

/**
 * {@link generateWords} reading each step's logits with `await data()`, which every backend
 * answers (a browser page on gpu.js WebGPU, whose reads are asynchronous): the same words for
 * the same seed.
 * @example
 * await generateWordsAsync(net, { count: 5, temperature: 1, topK: 8, seed: 1, prefix: 'st', contextLength: 16 });
 */
export async function generateWordsAsync(net: Cell, options: GenerateOptions): Promise<string[]> {
  const draws = wordDraws(net, options);
  try {
    let step = draws.next();
    while (!step.done) step = draws.next(await read(step.value));
    return step.value;
  } finally {
    draws.return([]);
  }
}

/** The values of `t`, read synchronously; `t` is freed. */
function readSync(t: Tensor): Float32Array {
  try {
    return Float32Array.from(t.dataSync());
  } finally {
    t.dispose();
  }
}

/** The values of `t`, read asynchronously; `t` is freed. */
async function read(t: Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/**
 * The generation loop, written once for both reads: yields each step's logits `[count, vocab]`
 * (a tensor the driver reads and frees) and takes back their values.
 */
function* wordDraws(net: Cell, options: GenerateOptions): Generator<Tensor, string[], Float32Array> {
  const { count, temperature, topK, contextLength } = options;
  const vocab = WORD_VOCABULARY;
  const random = seededRandom(options.seed);
  const prefix = vocab.encode(options.prefix).slice(0, -1);
  if (prefix.length >= contextLength) {
    throw new RangeError(`generateWords: prefix must have fewer than ${contextLength - 1} letters, but got ${options.prefix.length}.`);
  }
  const rows = Array.from({ length: count }, () => [...prefix]);
  const done = new Array<boolean>(count).fill(false);
  const training = net.training;
  net.setTrain(false);
  const decoder = options.cache === false ? null : incrementalDecoder(net, count);
  try {
    for (let t = prefix.length; t < contextLength && done.includes(false); t++) {
      let last: Float32Array;
      if (decoder) {
        // Positions before the last one only fill the cache (the prefix); their logits are not read.
        const from = t === prefix.length ? 0 : t - 1;
        for (let p = from; p < t - 1; p++) decoder.step(Int32Array.from(rows, (row) => row[p] as number)).dispose();
        last = yield decoder.step(Int32Array.from(rows, (row) => row[t - 1] as number));
      } else {
        last = yield reencode(net, rows, t);
      }
      const vocabSize = last.length / count;
      rows.forEach((row, i) => {
        // Finished words still draw (and ignore) a token, so each word's draws do not depend on when the others end.
        const next = drawToken(last.subarray(i * vocabSize, (i + 1) * vocabSize), temperature, topK, random);
        if (done[i]) {
          row.push(vocab.end);
          return;
        }
        row.push(next);
        if (next === vocab.end) done[i] = true;
      });
    }
  } finally {
    decoder?.dispose();
    net.setTrain(training);
  }
  return rows.map((row) => {
    const end = row.indexOf(vocab.end);
    return vocab.decode(end < 0 ? row : row.slice(0, end));
  });
}

/** The logits `[count, vocab]` for position `t` from the whole context `rows[·][0..t)`. */
function reencode(net: Cell, rows: number[][], t: number): Tensor {
  const count = rows.length;
  return tidy(() => {
    const ids = fromValues(Int32Array.from(rows.flat()), [count, t], 'int32');
    const logits = net.call(ids) as Tensor;
    const vocabSize = logits.shape[2] as number;
    return ops.reshape(ops.slice(logits, [0, t - 1, 0], [count, 1, vocabSize]), [count, vocabSize]);
  });
}
