/**
 * Multi-head attention, after `MultiheadAttention` in mindspore/python/mindspore/nn/layer/transformer.py
 * (MindSpore master, mindspore-ai/mindspore@0d2d8806fa0c092f7db08b5e3857062e16c636af), whose
 * Parameters and layouts are PyTorch's (`in_proj_weight`, `out_proj.weight`, …).
 */
import { HeUniform, initializer, Uniform, XavierNormal, XavierUniform } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, isFloat, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { checkBool, checkDType, checkPositiveInt, show } from '../checks.js';
import { Dense } from '../dense.js';
import { multiheadAttentionForward } from './multiheadAttentionForward.js';

/**
 * Options of {@link MultiheadAttention}, in MindSpore's order.
 * @example
 * new nn.MultiheadAttention(64, 8, { batchFirst: true, kdim: 32, vdim: 32 });
 */
export interface MultiheadAttentionOptions {
  /** Dropout probability on the attention weights in training mode (default 0). */
  dropout?: number;
  /** Whether the input and output projections have biases (default true). */
  hasBias?: boolean;
  /** Appends the learned `bias_k`/`bias_v` to the key and value sequences (default false). */
  addBiasKv?: boolean;
  /** Appends a zero key and value to the sequences (default false). */
  addZeroAttn?: boolean;
  /** Features of `key` (default `embedDim`). */
  kdim?: number | null;
  /** Features of `value` (default `embedDim`). */
  vdim?: number | null;
  /** Inputs and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

const MHA_KEYS: OptionKeys<MultiheadAttentionOptions> = {
  dropout: true,
  hasBias: true,
  addBiasKv: true,
  addZeroAttn: true,
  kdim: true,
  vdim: true,
  batchFirst: true,
  dtype: true,
};

/** Checks a mask argument: null, or a bool or float Tensor. */
function checkMask(mask: unknown, name: string): Tensor | null {
  if (mask === null || mask === undefined) return null;
  if (!(mask instanceof Tensor) || !(mask.dtype === 'bool' || isFloat(mask.dtype))) {
    // MindSpore: "only bool and floating types of key_padding_mask are supported"
    throw new TypeError(
      `For 'MultiheadAttention', the '${name}' must be a bool or float Tensor or null, but got ${mask instanceof Tensor ? mask.dtype : show(mask)}.`,
    );
  }
  return mask;
}

/** Throws unless `t` has `shape`. */
function checkShape(t: Tensor, shape: readonly number[], name: string): void {
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`For 'MultiheadAttention', the '${name}' must have shape [${shape.join(', ')}], but got [${t.shape.join(', ')}].`);
  }
}

/**
 * Multi-head attention (MindSpore `nn.MultiheadAttention`, PyTorch's layout): the query, key
 * and value are projected, split into `numHeads` heads of `embedDim / numHeads` features,
 * attended with `softmax(q·kᵀ/√headDim + mask)` and projected back by `out_proj`. `call(query,
 * key, value, keyPaddingMask?, needWeights = true, attnMask?, averageAttnWeights = true)` returns
 * `[output, weights]` (`weights` null unless `needWeights`). In a bool mask `true` means "may
 * not attend"; a float mask is added to the scores. A query whose keys are all masked gives NaN
 * in its row, as PyTorch does. Parameters: `in_proj_weight` (or `q_proj_weight`,
 * `k_proj_weight`, `v_proj_weight` when `kdim`/`vdim` differ from `embedDim`), `in_proj_bias`,
 * `out_proj.weight`, `out_proj.bias`, and `bias_k`, `bias_v` with `addBiasKv`.
 * @example
 * const mha = new nn.MultiheadAttention(8, 2);
 * const x = randn([5, 3, 8]); // [seq, batch, embed]
 * const [out, weights] = mha.call(x, x, x); // [5, 3, 8] and [3, 5, 5]
 */
export class MultiheadAttention extends Cell {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly addZeroAttn: boolean;
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  out_proj: Dense;
  bias_k: Parameter | null = null;
  bias_v: Parameter | null = null;

  constructor(embedDim: number, numHeads: number, options?: MultiheadAttentionOptions) {
    super();
    const o = checkOptions<MultiheadAttentionOptions>(options, 'MultiheadAttention', MHA_KEYS);
    const cls = 'MultiheadAttention';
    this.embedDim = checkPositiveInt(embedDim, 'embedDim', cls);
    this.numHeads = checkPositiveInt(numHeads, 'numHeads', cls);
    this.kdim = o.kdim == null ? embedDim : checkPositiveInt(o.kdim, 'kdim', cls);
    this.vdim = o.vdim == null ? embedDim : checkPositiveInt(o.vdim, 'vdim', cls);
    this.headDim = Math.floor(embedDim / numHeads);
    if (this.headDim * numHeads !== embedDim) {
      // MindSpore: "The init argument 'embed_dim' must be divisible by 'num_heads'."
      throw new RangeError(`The init argument 'embedDim' must be divisible by 'numHeads', but got ${embedDim} and ${numHeads}.`);
    }
    const dropout = o.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
      throw new RangeError(`For '${cls}', the 'dropout' must be a number in range [0, 1), but got ${show(dropout)}.`);
    }
    this.dropout = dropout;
    const hasBias = checkBool(o.hasBias ?? true, 'hasBias', cls);
    const addBiasKv = checkBool(o.addBiasKv ?? false, 'addBiasKv', cls);
    this.addZeroAttn = checkBool(o.addZeroAttn ?? false, 'addZeroAttn', cls);
    this.batchFirst = checkBool(o.batchFirst ?? false, 'batchFirst', cls);
    const dtype = checkDType(o.dtype, cls);
    const param = (init: Parameters<typeof initializer>[0], shape: number[], name: string) =>
      new Parameter(initializer(init, shape, dtype), name);
    if (this.kdim === embedDim && this.vdim === embedDim) {
      this.in_proj_weight = param(new XavierUniform(), [3 * embedDim, embedDim], 'in_proj_weight');
    } else {
      this.q_proj_weight = param(new XavierUniform(), [embedDim, embedDim], 'q_proj_weight');
      this.k_proj_weight = param(new XavierUniform(), [embedDim, this.kdim], 'k_proj_weight');
      this.v_proj_weight = param(new XavierUniform(), [embedDim, this.vdim], 'v_proj_weight');
    }
    if (hasBias) this.in_proj_bias = param('zeros', [3 * embedDim], 'in_proj_bias');
    this.out_proj = new Dense(embedDim, embedDim, {
      hasBias,
      weightInit: new HeUniform({ negativeSlope: Math.sqrt(5) }),
      biasInit: new Uniform({ scale: 1 / Math.sqrt(embedDim) }),
      dtype,
    });
    if (addBiasKv) {
      this.bias_k = param(new XavierNormal(), [1, 1, embedDim], 'bias_k');
      this.bias_v = param(new XavierNormal(), [1, 1, embedDim], 'bias_v');
    }
  }

  override construct(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    keyPaddingMask: Tensor | null = null,
    needWeights: boolean | null = true,
    attnMask: Tensor | null = null,
    averageAttnWeights: boolean | null = true,
  ): [Tensor, Tensor | null] {
    const kpm = checkMask(keyPaddingMask, 'keyPaddingMask');
    const mask = checkMask(attnMask, 'attnMask');
    // null skips an argument: its default.
    const withWeights = checkBool(needWeights ?? true, 'needWeights', 'MultiheadAttention');
    const average = checkBool(averageAttnWeights ?? true, 'averageAttnWeights', 'MultiheadAttention');
    const batched = query.rank === 3;
    if (!(query.rank === 2 || batched) || key.rank !== query.rank || value.rank !== query.rank) {
      throw new RangeError(
        `For 'MultiheadAttention', query, key and value must all be 3-D (batched) or 2-D (unbatched), but got shapes [${query.shape}], [${key.shape}] and [${value.shape}].`,
      );
    }
    return tidy(() => {
      // Sequence-first, batched: [len, N, feature].
      const prep = (t: Tensor) => (!batched ? ops.expandDims(t, 1) : this.batchFirst ? ops.transpose(t, [1, 0, 2]) : t);
      const [q, k, v] = [prep(query), prep(key), prep(value)];
      const [tgtLen, bsz] = q.shape as [number, number];
      const srcLen = k.shape[0] as number;
      checkShape(q, [tgtLen, bsz, this.embedDim], 'query (as [L, N, embedDim])');
      checkShape(k, [srcLen, bsz, this.kdim], 'key (as [S, N, kdim])');
      checkShape(v, [srcLen, bsz, this.vdim], 'value (as [S, N, vdim])');
      if (kpm) checkShape(kpm, batched ? [bsz, srcLen] : [srcLen], 'keyPaddingMask');
      if (mask) {
        const shapes = [
          [tgtLen, srcLen],
          [bsz * this.numHeads, tgtLen, srcLen],
        ];
        checkShape(mask, shapes[mask.rank === 3 ? 1 : 0] as number[], 'attnMask');
      }
      let [out, weights] = multiheadAttentionForward(
        q,
        k,
        v,
        {
          inProjWeight: this.in_proj_weight,
          inProjBias: this.in_proj_bias,
          qProjWeight: this.q_proj_weight,
          kProjWeight: this.k_proj_weight,
          vProjWeight: this.v_proj_weight,
          biasK: this.bias_k,
          biasV: this.bias_v,
          outProjWeight: this.out_proj.weight,
          outProjBias: this.out_proj.bias,
        },
        {
          numHeads: this.numHeads,
          addZeroAttn: this.addZeroAttn,
          dropout: this.dropout,
          training: this.training,
          keyPaddingMask: kpm && !batched ? ops.expandDims(kpm, 0) : kpm,
          attnMask: mask,
          needWeights: withWeights,
          averageAttnWeights: average,
        },
      );
      if (!batched) {
        out = ops.squeeze(out, 1);
        weights = weights && ops.squeeze(weights, 0);
      } else if (this.batchFirst) {
        out = ops.transpose(out, [1, 0, 2]);
      }
      return [out, weights];
    });
  }

  override extendRepr(): string {
    return `embed_dim=${this.embedDim}, num_heads=${this.numHeads}, kdim=${this.kdim}, vdim=${this.vdim}, dropout=${this.dropout}, batch_first=${show(this.batchFirst)}`;
  }
}
