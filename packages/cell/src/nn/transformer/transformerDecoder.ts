/**
 * A stack of Transformer decoder layers, after `TransformerDecoder` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x).
 */
import { checkOptions, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { typeName } from '../../cellState.js';
import { CellList } from '../cellList.js';
import { checkPositiveInt } from '../checks.js';
import { checkNorm, STACK_KEYS, type TransformerStackOptions } from './transformerEncoder.js';
import { TransformerDecoderLayer } from './transformerDecoderLayer.js';
import { copyParameters } from './transformerLayerOptions.js';

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
    const o = checkOptions<TransformerStackOptions>(options, 'TransformerDecoder', STACK_KEYS);
    if (!(decoderLayer instanceof TransformerDecoderLayer)) {
      throw new TypeError(
        `For 'TransformerDecoder', the 'decoderLayer' must be a TransformerDecoderLayer, but got ${typeName(decoderLayer)}.`,
      );
    }
    this.numLayers = checkPositiveInt(numLayers, 'numLayers', 'TransformerDecoder');
    const norm = checkNorm(o.norm, 'TransformerDecoder');
    const copies = Array.from({ length: numLayers }, () =>
      copyParameters(decoderLayer, new TransformerDecoderLayer(decoderLayer.dModel, decoderLayer.nhead, decoderLayer.config)),
    );
    this.layers = new CellList(copies);
    this.norm = norm;
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
