/**
 * A stack of Transformer encoder layers, after `TransformerEncoder` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x).
 */
import { type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import type { CellList } from '../cellList.js';
import { TransformerEncoderLayer } from './transformerEncoderLayer.js';
import { transformerStack } from './transformerStack.js';

/**
 * Options of {@link TransformerEncoder} and {@link TransformerDecoder}.
 * @example
 * new nn.TransformerEncoder(layer, 6, { norm: new nn.LayerNorm([512], { epsilon: 1e-5 }) });
 */
export interface TransformerStackOptions {
  /** A Cell applied to the last layer's output, usually a LayerNorm (default null: none). */
  norm?: Cell | null;
}

/**
 * `numLayers` encoder layers applied in turn, then `norm` (MindSpore `nn.TransformerEncoder`).
 * Each layer is an independent copy of `encoderLayer` (its options and current Parameter values,
 * in fresh Parameters named `layers.0.…`, `layers.1.…`); `encoderLayer` itself is not part of
 * the stack. `call(src, srcMask?, srcKeyPaddingMask?)`.
 * @example
 * const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
 * const encoder = new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm([8]) });
 * encoder.call(randn([5, 3, 8])).shape; // [5, 3, 8]
 */
export class TransformerEncoder extends Cell {
  readonly numLayers: number;
  layers: CellList;
  norm: Cell | null;

  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, options?: TransformerStackOptions) {
    super();
    const stack = transformerStack(encoderLayer, numLayers, options, 'TransformerEncoder', 'encoderLayer', TransformerEncoderLayer);
    this.numLayers = stack.numLayers;
    this.layers = stack.layers;
    this.norm = stack.norm;
  }

  override construct(src: Tensor, srcMask: Tensor | null = null, srcKeyPaddingMask: Tensor | null = null): Tensor {
    return tidy(() => {
      let out = src;
      for (const layer of this.layers) out = (layer as TransformerEncoderLayer).call(out, srcMask, srcKeyPaddingMask);
      return this.norm ? (this.norm.call(out) as Tensor) : out;
    });
  }

  override extendRepr(): string {
    return `num_layers=${this.numLayers}`;
  }
}
