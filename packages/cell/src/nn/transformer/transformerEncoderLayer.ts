/**
 * One Transformer encoder layer, after `TransformerEncoderLayer` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x) with PyTorch's child names.
 */
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { MultiheadAttention } from '../attention/multiheadAttention.js';
import { show } from '../checks.js';
import { Dense } from '../dense.js';
import { Dropout } from '../dropout.js';
import { LayerNorm } from '../layerNorm.js';
import {
  activationFn,
  activationRepr,
  applyActivation,
  type LayerConfig,
  layerConfig,
  type TransformerEncoderLayerOptions,
} from './transformerLayerOptions.js';

/**
 * Self-attention and a feed-forward block, each with a residual connection and a LayerNorm
 * (MindSpore `nn.TransformerEncoderLayer`): post-norm `x = norm1(x + sa(x)); x = norm2(x + ff(x))`,
 * or with `normFirst` pre-norm `x = x + sa(norm1(x)); x = x + ff(norm2(x))`, where
 * `ff(x) = linear2(dropout(activation(linear1(x))))`. `call(src, srcMask?, srcKeyPaddingMask?)`
 * takes the masks of {@link MultiheadAttention} (null to skip one). Children: `self_attn`,
 * `linear1`, `dropout`, `linear2`, `norm1`, `norm2`, `dropout1`, `dropout2`.
 * @example
 * const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0 });
 * layer.call(randn([5, 3, 8])).shape; // [5, 3, 8]
 */
export class TransformerEncoderLayer extends Cell {
  readonly dModel: number;
  readonly nhead: number;
  /** The options with their defaults (what a stack copies the layer with). */
  readonly config: LayerConfig;
  self_attn: MultiheadAttention;
  linear1: Dense;
  dropout: Dropout;
  linear2: Dense;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  /** The feed-forward activation: a child Cell when one was given, else a function ('relu', 'gelu'). */
  activation: Cell | ((x: Tensor) => Tensor);

  constructor(dModel: number, nhead: number, options?: TransformerEncoderLayerOptions) {
    super();
    const c = layerConfig('TransformerEncoderLayer', dModel, nhead, options);
    this.dModel = dModel;
    this.nhead = nhead;
    this.config = c;
    const { dtype } = c;
    this.self_attn = new MultiheadAttention(dModel, nhead, { dropout: c.dropout, batchFirst: c.batchFirst, dtype });
    this.linear1 = new Dense(dModel, c.dimFeedforward, { dtype });
    this.dropout = new Dropout({ p: c.dropout });
    this.linear2 = new Dense(c.dimFeedforward, dModel, { dtype });
    this.norm1 = new LayerNorm([dModel], { epsilon: c.layerNormEps, dtype });
    this.norm2 = new LayerNorm([dModel], { epsilon: c.layerNormEps, dtype });
    this.dropout1 = new Dropout({ p: c.dropout });
    this.dropout2 = new Dropout({ p: c.dropout });
    this.activation = activationFn(c.activation);
  }

  override construct(src: Tensor, srcMask: Tensor | null = null, srcKeyPaddingMask: Tensor | null = null): Tensor {
    return tidy(() => {
      let x = src;
      if (this.config.normFirst) {
        x = ops.add(x, this.saBlock(this.norm1.call(x), srcMask, srcKeyPaddingMask));
        x = ops.add(x, this.ffBlock(this.norm2.call(x)));
      } else {
        x = this.norm1.call(ops.add(x, this.saBlock(x, srcMask, srcKeyPaddingMask)));
        x = this.norm2.call(ops.add(x, this.ffBlock(x)));
      }
      return x;
    });
  }

  private saBlock(x: Tensor, mask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    return this.dropout1.call(this.self_attn.call(x, x, x, keyPaddingMask, false, mask)[0]);
  }

  private ffBlock(x: Tensor): Tensor {
    const h = this.dropout.call(applyActivation(this.activation, this.linear1.call(x)));
    return this.dropout2.call(this.linear2.call(h));
  }

  override extendRepr(): string {
    const c = this.config;
    return (
      `d_model=${this.dModel}, nhead=${this.nhead}, dim_feedforward=${c.dimFeedforward}, dropout=${c.dropout}, ` +
      `activation=${activationRepr(c.activation)}, layer_norm_eps=${c.layerNormEps}, batch_first=${show(c.batchFirst)}, norm_first=${show(c.normFirst)}`
    );
  }
}
