/**
 * The computation behind `nn.MultiheadAttention`, after PyTorch 1.13's
 * `F.multi_head_attention_forward` (which MindSpore's `multi_head_attention_forward` follows),
 * composed from matmul, softmax and where. Inputs are sequence-first (`[L, N, E]`).
 */
import * as ops from '@mindts/ops';
import { isFloat, type Tensor, zeros } from '@mindts/tensor';

/** The projection Parameters (or Tensors) of one attention layer. */
export interface AttentionWeights {
  /** `[3E, E]` packed q/k/v projection, or null when the three are separate. */
  inProjWeight: Tensor | null;
  /** `[3E]` packed q/k/v bias, or null. */
  inProjBias: Tensor | null;
  qProjWeight: Tensor | null;
  kProjWeight: Tensor | null;
  vProjWeight: Tensor | null;
  /** `[1, 1, E]` biases appended to the key and value sequences, or null. */
  biasK: Tensor | null;
  biasV: Tensor | null;
  outProjWeight: Tensor;
  outProjBias: Tensor | null;
}

/** The per-call settings of {@link multiheadAttentionForward}. */
export interface AttentionCall {
  numHeads: number;
  addZeroAttn: boolean;
  /** Dropout probability on the attention weights, applied only when `training`. */
  dropout: number;
  training: boolean;
  /** `[N, S]`, bool (true: ignore that key) or float (added to the scores). */
  keyPaddingMask: Tensor | null;
  /** `[L, S]` or `[N·numHeads, L, S]`, bool (true: may not attend) or float (added). */
  attnMask: Tensor | null;
  needWeights: boolean;
  averageAttnWeights: boolean;
}

/** `x · wᵀ + b`. */
function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const y = ops.matmul(x, w, { transposeB: true });
  return b ? ops.add(y, b) : y;
}

/** Rows `[i·e, (i+1)·e)` of a packed `[3E, …]` tensor. */
function chunk(t: Tensor, i: number, e: number): Tensor {
  return ops.slice(t, [i * e, ...t.shape.slice(1).map(() => 0)], [e, ...t.shape.slice(1)]);
}

/** Appends a column of `false` (or 0) to the last axis of a mask: the appended key is visible. */
function padLast(mask: Tensor | null): Tensor | null {
  return mask === null ? null : ops.concat([mask, zeros([...mask.shape.slice(0, -1), 1], mask.dtype)], -1);
}

/** A bool mask as 0 / −∞, a float mask as it is, in `dtype`. */
function additive(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  return mask.dtype === 'bool' ? ops.cast(ops.where(mask, -Infinity, 0), dtype) : ops.cast(mask, dtype);
}

/**
 * Multi-head attention of `query [L, N, E]` over `key [S, N, Ek]` and `value [S, N, Ev]`: returns
 * `[L, N, E]` and, with `needWeights`, the attention weights `[N, L, S]` (averaged over heads) or
 * `[N, numHeads, L, S]`. A query whose keys are all masked gets NaN, as in PyTorch.
 */
export function multiheadAttentionForward(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  w: AttentionWeights,
  c: AttentionCall,
): [Tensor, Tensor | null] {
  const [tgtLen, bsz, embedDim] = query.shape as [number, number, number];
  const h = c.numHeads;
  const headDim = embedDim / h;
  const [wq, wk, wv] = w.inProjWeight
    ? [0, 1, 2].map((i) => chunk(w.inProjWeight as Tensor, i, embedDim))
    : [w.qProjWeight as Tensor, w.kProjWeight as Tensor, w.vProjWeight as Tensor];
  const [bq, bk, bv] = w.inProjBias ? [0, 1, 2].map((i) => chunk(w.inProjBias as Tensor, i, embedDim)) : [null, null, null];
  const q = linear(query, wq as Tensor, bq ?? null);
  let k = linear(key, wk as Tensor, bk ?? null);
  let v = linear(value, wv as Tensor, bv ?? null);
  let attnMask = c.attnMask;
  let kpm = c.keyPaddingMask;
  if (w.biasK && w.biasV) {
    k = ops.concat([k, ops.broadcastTo(w.biasK, [1, bsz, embedDim])], 0);
    v = ops.concat([v, ops.broadcastTo(w.biasV, [1, bsz, embedDim])], 0);
    attnMask = padLast(attnMask);
    kpm = padLast(kpm);
  }
  // [len, N, E] → [N, heads, len, headDim]
  const heads = (t: Tensor) => ops.transpose(ops.reshape(t, [t.shape[0] as number, bsz, h, headDim]), [1, 2, 0, 3]);
  const qh = heads(ops.div(q, Math.sqrt(headDim)));
  let kh = heads(k);
  let vh = heads(v);
  if (c.addZeroAttn) {
    kh = ops.concat([kh, zeros([bsz, h, 1, headDim], kh.dtype)], 2);
    vh = ops.concat([vh, zeros([bsz, h, 1, headDim], vh.dtype)], 2);
    attnMask = padLast(attnMask);
    kpm = padLast(kpm);
  }
  const srcLen = kh.shape[2] as number;
  let scores = ops.matmul(qh, kh, { transposeB: true }); // [N, heads, L, S]
  const dtype = isFloat(scores.dtype) ? scores.dtype : 'float32';
  if (attnMask) {
    const m = attnMask.rank === 3 ? ops.reshape(attnMask, [bsz, h, tgtLen, srcLen]) : attnMask;
    scores = ops.add(scores, additive(m, dtype));
  }
  if (kpm) scores = ops.add(scores, additive(ops.reshape(kpm, [bsz, 1, 1, srcLen]), dtype));
  let attn = ops.softmax(scores, -1);
  if (c.training && c.dropout > 0) attn = ops.dropout(attn, c.dropout);
  const ctx = ops.reshape(ops.transpose(ops.matmul(attn, vh), [2, 0, 1, 3]), [tgtLen, bsz, embedDim]);
  const out = linear(ctx, w.outProjWeight, w.outProjBias);
  if (!c.needWeights) return [out, null];
  return [out, c.averageAttnWeights ? ops.mean(attn, 1) : attn];
}
