/**
 * Generation with the example app's GPT (issue 21): `batch` words generated greedily, one new
 * character per row per step, from the start token to a full context. With the key/value cache
 * (the app's `incrementalDecoder`, what `pnpm start -- sample` uses) each step feeds one position;
 * without it each step re-encodes the whole context so far (the app's `sample` with the cache off),
 * so step `t` costs `t` positions.
 */
import { WORD_VOCABULARY } from '@mindts/datasets';
import { type IncrementalDecoder, incrementalDecoder } from '@mindts/example/sample/incrementalDecoder';
import { CharGPT, GPT_CONFIG, type GPTConfig } from '@mindts/example/train/languageModels';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor, tidy } from '@mindts/tensor';

/**
 * The sizes of a generation row: the model (its `contextLength` is the generated length) and how
 * many words are generated together.
 * @example
 * const tiny: GenerationConfig = { model: { ...GPT_CONFIG, contextLength: 4, dModel: 8, nhead: 2, numLayers: 1 }, batch: 2 };
 */
export interface GenerationConfig {
  readonly model: GPTConfig;
  readonly batch: number;
}

/**
 * The benchmarked generation: the app's GPT with a context of 32, 20 words at once (`sample`'s
 * default `--count`), 32 characters each.
 * @example
 * GENERATION.batch * GENERATION.model.contextLength; // 640 tokens a run
 */
export const GENERATION = {
  label: `GPT generation (app model, d ${GPT_CONFIG.dModel}, ${GPT_CONFIG.numLayers} layers), context 32, 20 words at once`,
  model: { ...GPT_CONFIG, contextLength: 32 },
  batch: 20,
  warmup: 1,
  runs: 5,
} as const;

/**
 * What one generation run produced: every row's tokens `[batch, contextLength]` (the start token,
 * then the generated ones; the last is drawn but not fed back) and the last step's logits.
 * @example
 * const { tokens, lastLogits }: Generated = generateCached(net, 20);
 */
export interface Generated {
  readonly tokens: Int32Array;
  readonly lastLogits: Float32Array;
}

/** The likeliest token of each row of `logits` `[batch · vocab]`. */
function greedy(logits: Float32Array, batch: number): Int32Array {
  const vocab = logits.length / batch;
  return Int32Array.from({ length: batch }, (_, r) => {
    let best = 0;
    for (let c = 1; c < vocab; c++) if ((logits[r * vocab + c] as number) > (logits[r * vocab + best] as number)) best = c;
    return best;
  });
}

/**
 * A new GPT of `config` in inference mode, weights drawn from the current seed.
 * @example
 * setSeed(7); const net = generationNet(GENERATION.model);
 */
export function generationNet(config: GPTConfig): CharGPT {
  const net = new CharGPT(config);
  net.setTrain(false);
  return net;
}

/**
 * Generates `batch` rows with the key/value cache: one position a step, through a new eager
 * decoder, or through `reuse` (reset first, and left alive: a jitted one keeps its graphs).
 * @example
 * const { tokens } = generateCached(net, 20);
 */
export function generateCached(net: CharGPT, batch: number, reuse?: IncrementalDecoder): Generated {
  const n = net.config.contextLength;
  const tokens = new Int32Array(batch * n);
  reuse?.reset();
  const decoder = reuse ?? incrementalDecoder(net, batch);
  if (!decoder) throw new Error('generateCached: the GPT has no incremental decoder.');
  let ids: Int32Array = new Int32Array(batch).fill(WORD_VOCABULARY.start);
  let lastLogits: Float32Array = new Float32Array(0);
  try {
    for (let t = 0; t < n; t++) {
      ids.forEach((id, r) => {
        tokens[r * n + t] = id;
      });
      lastLogits = decoder.next(ids);
      ids = greedy(lastLogits, batch);
    }
  } finally {
    if (!reuse) decoder.dispose();
  }
  return { tokens, lastLogits };
}

/**
 * {@link generateCached} reading each step's logits with the decoder's `nextAsync` (`await
 * data()`), for backends without synchronous reads (gpu.js WebGPU).
 * @example
 * const { tokens } = await generateCachedAsync(net, 20);
 */
export async function generateCachedAsync(net: CharGPT, batch: number, reuse?: IncrementalDecoder): Promise<Generated> {
  const n = net.config.contextLength;
  const tokens = new Int32Array(batch * n);
  reuse?.reset();
  const decoder = reuse ?? incrementalDecoder(net, batch);
  if (!decoder) throw new Error('generateCachedAsync: the GPT has no incremental decoder.');
  let ids: Int32Array = new Int32Array(batch).fill(WORD_VOCABULARY.start);
  let lastLogits: Float32Array = new Float32Array(0);
  try {
    for (let t = 0; t < n; t++) {
      ids.forEach((id, r) => {
        tokens[r * n + t] = id;
      });
      lastLogits = await decoder.nextAsync(ids);
      ids = greedy(lastLogits, batch);
    }
  } finally {
    if (!reuse) decoder.dispose();
  }
  return { tokens, lastLogits };
}

/** Row-major `[batch, t]` context of `tokens` `[batch, n]`. */
function contextOf(tokens: Int32Array, batch: number, n: number, t: number): Int32Array {
  return Int32Array.from({ length: batch * t }, (_, k) => tokens[Math.floor(k / t) * n + (k % t)] as number);
}

/** The last position's logits `[batch, 1, vocab]` of `forward` on the context of length `t`. */
function lastPosition(forward: (ids: Tensor) => Tensor, context: Int32Array, batch: number, t: number): Tensor {
  return tidy(() => {
    const logits = forward(fromValues(context, [batch, t], 'int32'));
    return ops.slice(logits, [0, t - 1, 0], [batch, 1, logits.shape[2] as number]);
  });
}

/**
 * Generates `batch` rows without a cache: step `t` runs `forward` (ids `[batch, t]` → logits
 * `[batch, t, vocab]`; `net.call`, or a jitted one) on the whole context and keeps the last position.
 * @example
 * const { tokens } = generateUncached((ids) => net.call(ids) as Tensor, 20, 32);
 */
export function generateUncached(forward: (ids: Tensor) => Tensor, batch: number, contextLength: number): Generated {
  const n = contextLength;
  const tokens = new Int32Array(batch * n);
  for (let r = 0; r < batch; r++) tokens[r * n] = WORD_VOCABULARY.start;
  let lastLogits: Float32Array = new Float32Array(0);
  for (let t = 1; t <= n; t++) {
    const last = lastPosition(forward, contextOf(tokens, batch, n, t), batch, t);
    lastLogits = last.dataSync() as Float32Array;
    last.dispose();
    if (t < n) greedy(lastLogits, batch).forEach((id, r) => void (tokens[r * n + t] = id));
  }
  return { tokens, lastLogits };
}

/**
 * {@link generateUncached} reading each step's logits with `await data()`, for backends without
 * synchronous reads (gpu.js WebGPU).
 * @example
 * const { tokens } = await generateUncachedAsync((ids) => net.call(ids) as Tensor, 20, 32);
 */
export async function generateUncachedAsync(forward: (ids: Tensor) => Tensor, batch: number, contextLength: number): Promise<Generated> {
  const n = contextLength;
  const tokens = new Int32Array(batch * n);
  for (let r = 0; r < batch; r++) tokens[r * n] = WORD_VOCABULARY.start;
  let lastLogits: Float32Array = new Float32Array(0);
  for (let t = 1; t <= n; t++) {
    const last = lastPosition(forward, contextOf(tokens, batch, n, t), batch, t);
    try {
      lastLogits = Float32Array.from(await last.data());
    } finally {
      last.dispose();
    }
    if (t < n) greedy(lastLogits, batch).forEach((id, r) => void (tokens[r * n + t] = id));
  }
  return { tokens, lastLogits };
}
