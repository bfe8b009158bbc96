/**
 * Generation that costs one position per new character: the GPT keeps each layer's keys and
 * values (a key/value cache) and attends the new position over them; the LSTM carries its
 * hidden and cell state. Both give the logits a full re-encoding of the context gives.
 */
import type { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, keep, type Tensor, tidy } from '@mindts/tensor';
import { CharGPT, CharLSTM } from '../train/languageModels.js';

/**
 * Feeds a batch of token streams one token at a time: `next(ids)` takes the next token of each
 * row and returns the logits `[batch · vocab]` for the token after it; `step(ids)` does the same
 * but returns them as a `[batch, vocab]` tensor the caller disposes (read it with `await data()`
 * where reads are asynchronous, as on WebGPU). `dispose()` frees the state.
 * @example
 * const decoder = incrementalDecoder(net, 8);
 * const logits = decoder?.next(Int32Array.from({ length: 8 }, () => WORD_VOCABULARY.start));
 */
export interface IncrementalDecoder {
  next(ids: Int32Array): Float32Array;
  step(ids: Int32Array): Tensor;
  dispose(): void;
}

/** `next` from `step`: the logits read synchronously, the tensor freed. */
function withNext(decoder: Omit<IncrementalDecoder, 'next'>): IncrementalDecoder {
  return {
    ...decoder,
    next(ids) {
      const logits = decoder.step(ids);
      try {
        return logits.dataSync() as Float32Array;
      } finally {
        logits.dispose();
      }
    },
  };
}

function apply(f: Cell | ((x: Tensor) => Tensor), x: Tensor): Tensor {
  return typeof f === 'function' ? f(x) : (f.call(x) as Tensor);
}

/** One new position through a pre-norm encoder layer, over the cached keys and values. */
function layerStep(layer: nn.TransformerEncoderLayer, x: Tensor, cache: { k: Tensor | null; v: Tensor | null }): Tensor {
  const attn = layer.self_attn;
  const [b, , d] = x.shape as [number, number, number];
  const h = attn.numHeads;
  const hd = attn.headDim;
  const a = layer.norm1.call(x) as Tensor;
  let qkv = ops.matmul(ops.reshape(a, [b, d]), attn.in_proj_weight as Tensor, { transposeB: true });
  if (attn.in_proj_bias) qkv = ops.add(qkv, attn.in_proj_bias);
  // [b, 3d] → three [b, heads, 1, hd]
  const part = (i: number) => ops.reshape(ops.slice(qkv, [0, i * d], [b, d]), [b, h, 1, hd]);
  const q = ops.div(part(0), Math.sqrt(hd));
  const k = cache.k ? ops.concat([cache.k, part(1)], 2) : part(1);
  const v = cache.v ? ops.concat([cache.v, part(2)], 2) : part(2);
  cache.k = keep(k);
  cache.v = keep(v);
  const weights = ops.softmax(ops.matmul(q, k, { transposeB: true }), -1); // [b, heads, 1, t]
  const context = ops.reshape(ops.matmul(weights, v), [b, 1, d]);
  const y = ops.add(x, attn.out_proj.call(context) as Tensor);
  const ff = layer.linear2.call(apply(layer.activation, layer.linear1.call(layer.norm2.call(y) as Tensor) as Tensor)) as Tensor;
  return ops.add(y, ff);
}

function gptDecoder(net: CharGPT, batch: number): IncrementalDecoder {
  const layers = [...net.layers] as nn.TransformerEncoderLayer[];
  if (!layers.every((l) => l.config.normFirst)) {
    throw new Error('gptDecoder: the cache follows pre-norm layers (normFirst: true) only.');
  }
  const caches = layers.map(() => ({ k: null as Tensor | null, v: null as Tensor | null }));
  let position = 0;
  const release = () => {
    for (const c of caches) for (const t of [c.k, c.v]) t?.dispose();
  };
  return withNext({
    step(ids) {
      if (position >= net.config.contextLength) {
        throw new RangeError(`The GPT takes at most ${net.config.contextLength} positions, but got a token for position ${position}.`);
      }
      const old = caches.map((c) => [c.k, c.v]);
      const logits = tidy(() => {
        const tokens = fromValues(ids, [batch, 1], 'int32');
        const at = fromValues(Int32Array.of(position), [1], 'int32');
        let x = ops.add(net.token_embedding.call(tokens) as Tensor, net.position_embedding.call(at) as Tensor);
        layers.forEach((layer, i) => {
          x = layerStep(layer, x, caches[i] as { k: Tensor | null; v: Tensor | null });
        });
        return ops.reshape(net.head.call(net.norm.call(x) as Tensor) as Tensor, [batch, -1]);
      });
      for (const pair of old) for (const t of pair) t?.dispose();
      position++;
      return logits;
    },
    dispose: release,
  });
}

function lstmDecoder(net: CharLSTM, batch: number): IncrementalDecoder {
  let state: [Tensor, Tensor] | null = null;
  return withNext({
    step(ids) {
      const previous = state;
      const logits = tidy(() => {
        const emb = net.embedding.call(fromValues(ids, [batch, 1], 'int32')) as Tensor;
        const [output, [h, c]] = net.lstm.call(emb, previous);
        state = [keep(h), keep(c)];
        return ops.reshape(net.head.call(output) as Tensor, [batch, -1]);
      });
      for (const t of previous ?? []) t.dispose();
      return logits;
    },
    dispose: () => {
      for (const t of state ?? []) t.dispose();
    },
  });
}

/**
 * The incremental decoder of `net` for `batch` rows: a key/value cache for a {@link CharGPT}, the
 * carried state for a {@link CharLSTM}; null for another Cell (then generation re-encodes).
 * @example
 * const decoder = incrementalDecoder(new CharGPT(), 4);
 */
export function incrementalDecoder(net: Cell, batch: number): IncrementalDecoder | null {
  if (net instanceof CharGPT) return gptDecoder(net, batch);
  if (net instanceof CharLSTM) return lstmDecoder(net, batch);
  return null;
}
