/**
 * A stack of Transformer decoder layers, after `TransformerDecoder` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x).
 */
import { type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import type { CellList } from '../cellList.js';
import type { TransformerStackOptions } from './transformerEncoder.js';
import { TransformerDecoderLayer } from './transformerDecoderLayer.js';
import { transformerStack } from './transformerStack.js';

/**
 * `numLayers` decoder layers applied in turn, then `norm` (MindSpore `nn.TransformerDecoder`).
 * Each layer is an independent copy of `decoderLayer` (fresh Parameters `layers.0.…`, with its
 * current values). `call(tgt, memory, tgtMask?, memoryMask?, tgtKeyPaddingMask?, memoryKeyPaddingMask?)`.
 * @example
 * const layer = new nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 });
 * const decoder = new nn.TransformerDecoder(layer, 2);
 * decoder.call(randn([4, 3, 8]), randn([6, 3, 8])).shape; // [4, 3, 8]
 */
export class TransformerDecoder extends Cell {
  readonly numLayers: number;
  layers: CellList;
  norm: Cell | null;

  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, options?: TransformerStackOptions) {
    super();
    const stack = transformerStack(decoderLayer, numLayers, options, 'TransformerDecoder', 'decoderLayer', TransformerDecoderLayer);
    this.numLayers = stack.numLayers;
    this.layers = stack.layers;
    this.norm = stack.norm;
  }

  override construct(
    tgt: Tensor,
    memory: Tensor,
    tgtMask: Tensor | null = null,
    memoryMask: Tensor | null = null,
    tgtKeyPaddingMask: Tensor | null = null,
    memoryKeyPaddingMask: Tensor | null = null,
  ): Tensor {
    return tidy(() => {
      let out = tgt;
      for (const layer of this.layers) {
        out = (layer as TransformerDecoderLayer).call(out, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
      }
      return this.norm ? (this.norm.call(out) as Tensor) : out;
    });
  }

  override extendRepr(): string {
    return `num_layers=${this.numLayers}`;
  }
}
