/**
 * Generation that costs one position per new character: the GPT keeps each layer's keys and
 * values (a key/value cache) and attends the new position over them; the LSTM carries its
 * hidden and cell state. Both give the logits a full re-encoding of the context gives.
 */
import type { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { jit } from '@mindts/jit';
import { fromValues, keep, type Tensor, tidy } from '@mindts/tensor';
import { CharGPT, CharLSTM } from '../train/languageModels.js';
import { biasAndResidual, rowDense, rowLayerNorm, singleQueryAttention, type StepConstants, stepConstants } from './decoderKernels.js';

/**
 * Feeds a batch of token streams one token at a time: `next(ids)` takes the next token of each
 * row and returns the logits `[batch · vocab]` for the token after it; `step(ids)` does the same
 * but returns them as a `[batch, vocab]` tensor the caller disposes (read it with `await data()`
 * where reads are asynchronous, as on WebGPU). `reset()` starts over, `dispose()` frees the state.
 * @example
 * const decoder = incrementalDecoder(net, 8);
 * const logits = decoder?.next(Int32Array.from({ length: 8 }, () => WORD_VOCABULARY.start));
 */
export interface IncrementalDecoder {
  next(ids: Int32Array): Float32Array;
  step(ids: Int32Array): Tensor;
  /** {@link IncrementalDecoder.next} reading the logits with `await data()`, for backends without synchronous reads (gpu.js WebGPU). */
  nextAsync(ids: Int32Array): Promise<Float32Array>;
  /** Frees the state and starts again at position 0 (a jitted decoder keeps its compiled graphs). */
  reset(): void;
  dispose(): void;
}

function apply(f: Cell | ((x: Tensor) => Tensor), x: Tensor): Tensor {
  return typeof f === 'function' ? f(x) : (f.call(x) as Tensor);
}

/**
 * One new position `x` `[batch, dModel]` through a pre-norm encoder layer over the cached keys and
 * values (null at position 0): `[y, keys, values]`. Kept two-dimensional, so the Dense layers and
 * LayerNorms need no reshapes (each one a copy on the wasm backend), and written in few kernels
 * (decoderKernels.ts): at one position per step, each op costs mostly its dispatch.
 */
function layerStep(
  layer: nn.TransformerEncoderLayer,
  x: Tensor,
  cachedK: Tensor | null,
  cachedV: Tensor | null,
  c: StepConstants,
): [Tensor, Tensor, Tensor] {
  const attn = layer.self_attn;
  const [b, d] = x.shape as [number, number];
  const h = attn.numHeads;
  const hd = attn.headDim;
  const a = rowLayerNorm(layer.norm1, x, c);
  const qkv = biasAndResidual(
    ops.matmul(a, attn.in_proj_weight as Tensor, { transposeB: true }),
    (attn.in_proj_bias as Tensor | null) ?? null,
  );
  // [b, 3d] → three [b, heads, 1, hd]
  const part = (i: number) => ops.reshape(ops.slice(qkv, [0, i * d], [b, d]), [b, h, 1, hd]);
  const k = cachedK ? ops.concat([cachedK, part(1)], 2) : part(1);
  const v = cachedV ? ops.concat([cachedV, part(2)], 2) : part(2);
  const context = ops.reshape(singleQueryAttention(part(0), k, v, c), [b, d]);
  const y = rowDense(attn.out_proj, context, x);
  const hidden = apply(layer.activation, rowDense(layer.linear1, rowLayerNorm(layer.norm2, y, c)));
  return [rowDense(layer.linear2, hidden, y), k, v];
}

/**
 * One position through the GPT: `tokens` int32 `[batch]` (or `[batch, 1]`) at position `at`
 * (int32 `[1]`), over the keys and values cached so far, `[keys₀, values₀, keys₁, …]` of
 * `[batch, heads, t, headDim]` (none at position 0). Returns `[logits [batch, vocab], keys₀,
 * values₀, …]` with the new position appended: a function of tensors only, so `jit` can compile
 * it (one graph per `t`).
 * @example
 * const [logits, ...caches] = gptStep(net, tokens, at, []);
 */
export function gptStep(net: CharGPT, tokens: Tensor, at: Tensor, caches: readonly Tensor[]): Tensor[] {
  const layers = [...net.layers] as nn.TransformerEncoderLayer[];
  const batch = tokens.shape[0] as number;
  const ids = tokens.rank === 1 ? tokens : ops.reshape(tokens, [batch]);
  const first = layers[0]?.self_attn;
  const c = stepConstants(net.config.dModel, first ? first.headDim : 1);
  let x = ops.add(net.token_embedding.call(ids) as Tensor, net.position_embedding.call(at) as Tensor); // [batch, dModel]
  const next: Tensor[] = [];
  layers.forEach((layer, i) => {
    const [y, k, v] = layerStep(layer, x, caches[2 * i] ?? null, caches[2 * i + 1] ?? null, c);
    x = y;
    next.push(k, v);
  });
  return [rowDense(net.head, rowLayerNorm(net.norm, x, c)), ...next];
}

function gptDecoder(net: CharGPT, batch: number, useJit: boolean): IncrementalDecoder {
  const layers = [...net.layers] as nn.TransformerEncoderLayer[];
  if (!layers.every((l) => l.config.normFirst)) {
    throw new Error('gptDecoder: the cache follows pre-norm layers (normFirst: true) only.');
  }
  const eager = (tokens: Tensor, at: Tensor, ...caches: Tensor[]) => tidy(() => gptStep(net, tokens, at, caches));
  // One graph per cache length: the context's positions, the first (no cache) included.
  const jitted = useJit ? jit(eager, { name: 'gptDecoderStep', maxRecompiles: net.config.contextLength + 1 }) : null;
  let caches: Tensor[] = [];
  let position = 0;
  const reset = () => {
    for (const t of caches) t.dispose();
    caches = [];
    position = 0;
  };
  /** Feeds one position; the logits tensor `[batch, vocab]` (the caller reads and frees it). */
  const advance = (ids: Int32Array): Tensor => {
    if (position >= net.config.contextLength) {
      throw new RangeError(`The GPT takes at most ${net.config.contextLength} positions, but got a token for position ${position}.`);
    }
    const tokens = fromValues(ids, [batch], 'int32');
    const at = fromValues(Int32Array.of(position), [1], 'int32');
    let outputs: Tensor[];
    try {
      outputs = (jitted ?? eager)(tokens, at, ...caches) as Tensor[];
    } finally {
      tokens.dispose();
      at.dispose();
    }
    const [logits, ...next] = outputs as [Tensor, ...Tensor[]];
    for (const t of caches) t.dispose();
    caches = next;
    position++;
    return logits;
  };
  return {
    step: advance,
    next: (ids) => readSync(advance(ids)),
    nextAsync: (ids) => readAsync(advance(ids)),
    reset,
    dispose() {
      reset();
      jitted?.clear();
    },
  };
}

/** The values of `t` (read synchronously), then frees it. */
function readSync(t: Tensor): Float32Array {
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}

/** The values of `t` (read with `await data()`), then frees it. */
async function readAsync(t: Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function lstmDecoder(net: CharLSTM, batch: number): IncrementalDecoder {
  let state: [Tensor, Tensor] | null = null;
  const reset = () => {
    for (const t of state ?? []) t.dispose();
    state = null;
  };
  const advance = (ids: Int32Array): Tensor => {
    const previous = state;
    const logits = tidy(() => {
      const emb = net.embedding.call(fromValues(ids, [batch, 1], 'int32')) as Tensor;
      const [output, [h, c]] = net.lstm.call(emb, previous);
      state = [keep(h), keep(c)];
      return ops.reshape(net.head.call(output) as Tensor, [batch, -1]);
    });
    for (const t of previous ?? []) t.dispose();
    return logits;
  };
  return {
    step: advance,
    next: (ids) => readSync(advance(ids)),
    nextAsync: (ids) => readAsync(advance(ids)),
    reset,
    dispose: reset,
  };
}

/**
 * Options of {@link incrementalDecoder}.
 * @example
 * const options: IncrementalDecoderOptions = { jit: true };
 */
export interface IncrementalDecoderOptions {
  /**
   * Compile the GPT's step with `jit` (one graph per cache length, traced on first use, then
   * replayed with fused elementwise kernels); the logits of the eager step. The LSTM ignores it.
   */
  readonly jit?: boolean;
}

/**
 * The incremental decoder of `net` for `batch` rows: a key/value cache for a {@link CharGPT}, the
 * carried state for a {@link CharLSTM}; null for another Cell (then generation re-encodes).
 * @example
 * const decoder = incrementalDecoder(new CharGPT(), 4);
 */
export function incrementalDecoder(net: Cell, batch: number, options: IncrementalDecoderOptions = {}): IncrementalDecoder | null {
  if (net instanceof CharGPT) return gptDecoder(net, batch, options.jit ?? false);
  if (net instanceof CharLSTM) return lstmDecoder(net, batch);
  return null;
}
