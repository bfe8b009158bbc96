/**
 * The encoder-decoder Transformer, after `Transformer` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x).
 */
import { initializer } from '@mindts/initializer';
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';
import { checkPositiveInt } from '../checks.js';
import { LayerNorm } from '../layerNorm.js';
import { TransformerDecoder } from './transformerDecoder.js';
import { TransformerDecoderLayer } from './transformerDecoderLayer.js';
import { TransformerEncoder } from './transformerEncoder.js';
import { TransformerEncoderLayer } from './transformerEncoderLayer.js';
import type { TransformerEncoderLayerOptions } from './transformerLayerOptions.js';

/**
 * Options of {@link Transformer}, in MindSpore's order: the sizes and the layers' options.
 * @example
 * new nn.Transformer({ dModel: 256, nhead: 4, numEncoderLayers: 3, numDecoderLayers: 3, batchFirst: true });
 */
export interface TransformerOptions extends TransformerEncoderLayerOptions {
  /** Features of the inputs (default 512). */
  dModel?: number;
  /** Attention heads (default 8). */
  nhead?: number;
  /** Encoder layers (default 6). */
  numEncoderLayers?: number;
  /** Decoder layers (default 6). */
  numDecoderLayers?: number;
  /** An encoder Cell used instead of the default stack (default null). */
  customEncoder?: Cell | null;
  /** A decoder Cell used instead of the default stack (default null). */
  customDecoder?: Cell | null;
}

const TRANSFORMER_KEYS: OptionKeys<TransformerOptions> = {
  dModel: true,
  nhead: true,
  numEncoderLayers: true,
  numDecoderLayers: true,
  dimFeedforward: true,
  dropout: true,
  activation: true,
  customEncoder: true,
  customDecoder: true,
  layerNormEps: true,
  batchFirst: true,
  normFirst: true,
  dtype: true,
};

/**
 * An encoder stack and a decoder stack, each ending in a LayerNorm (MindSpore `nn.Transformer`);
 * every Parameter of rank > 1 is re-initialised Xavier-uniform. `call(src, tgt, srcMask?,
 * tgtMask?, memoryMask?, srcKeyPaddingMask?, tgtKeyPaddingMask?, memoryKeyPaddingMask?)` encodes
 * `src` and decodes `tgt` against it. Children: `encoder`, `decoder`.
 * @example
 * const model = new nn.Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 });
 * model.call(randn([6, 2, 8]), randn([4, 2, 8])).shape; // [4, 2, 8]
 */
export class Transformer extends Cell {
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;
  encoder: Cell;
  decoder: Cell;

  constructor(options?: TransformerOptions) {
    super();
    const o = checkOptions<TransformerOptions>(options, 'Transformer', TRANSFORMER_KEYS);
    const { dModel = 512, nhead = 8, numEncoderLayers = 6, numDecoderLayers = 6, customEncoder, customDecoder, ...layerOptions } = o;
    checkPositiveInt(numEncoderLayers, 'numEncoderLayers', 'Transformer');
    checkPositiveInt(numDecoderLayers, 'numDecoderLayers', 'Transformer');
    for (const [name, cell] of [
      ['customEncoder', customEncoder],
      ['customDecoder', customDecoder],
    ] as const) {
      if (cell != null && !isCell(cell))
        throw new TypeError(`For 'Transformer', the '${name}' must be a Cell or null, but got ${typeName(cell)}.`);
    }
    const eps = layerOptions.layerNormEps ?? 1e-5;
    const norm = () => new LayerNorm([dModel], { epsilon: eps, dtype: layerOptions.dtype });
    if (customEncoder) {
      this.encoder = customEncoder;
    } else {
      const layer = new TransformerEncoderLayer(dModel, nhead, layerOptions);
      this.encoder = new TransformerEncoder(layer, numEncoderLayers, { norm: norm() });
      layer.dispose();
    }
    if (customDecoder) {
      this.decoder = customDecoder;
    } else {
      const layer = new TransformerDecoderLayer(dModel, nhead, layerOptions);
      this.decoder = new TransformerDecoder(layer, numDecoderLayers, { norm: norm() });
      layer.dispose();
    }
    for (const param of this.getParameters()) {
      if (param.rank > 1) {
        // setData copies its argument: the initializer tensor is freed here, not left to the GC.
        const init = initializer('xavier_uniform', param.shape, param.dtype);
        try {
          param.setData(init);
        } finally {
          init.dispose();
        }
      }
    }
    this.dModel = dModel;
    this.nhead = nhead;
    this.batchFirst = layerOptions.batchFirst ?? false;
  }

  override construct(
    src: Tensor,
    tgt: Tensor,
    srcMask: Tensor | null = null,
    tgtMask: Tensor | null = null,
    memoryMask: Tensor | null = null,
    srcKeyPaddingMask: Tensor | null = null,
    tgtKeyPaddingMask: Tensor | null = null,
    memoryKeyPaddingMask: Tensor | null = null,
  ): Tensor {
    const batchAxis = this.batchFirst ? 0 : 1;
    if (src.rank === 3 && src.shape[batchAxis] !== tgt.shape[batchAxis]) {
      // MindSpore: "The number of batch size for 'src' and 'tgt' must be equal."
      throw new RangeError(
        `The number of batch size for 'src' and 'tgt' must be equal, but got ${src.shape[batchAxis]} and ${tgt.shape[batchAxis]}.`,
      );
    }
    if (src.shape[src.rank - 1] !== this.dModel || tgt.shape[tgt.rank - 1] !== this.dModel) {
      throw new RangeError(
        `The number of features for 'src' and 'tgt' must be equal to 'dModel' (${this.dModel}), but got ${src.shape[src.rank - 1]} and ${tgt.shape[tgt.rank - 1]}.`,
      );
    }
    return tidy(() => {
      const memory = this.encoder.call(src, srcMask, srcKeyPaddingMask) as Tensor;
      return this.decoder.call(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask) as Tensor;
    });
  }

  override extendRepr(): string {
    return `d_model=${this.dModel}, nhead=${this.nhead}, batch_first=${this.batchFirst ? 'True' : 'False'}`;
  }
}
