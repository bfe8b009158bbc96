/**
 * A stack of Transformer encoder layers, after `TransformerEncoder` in
 * mindspore/python/mindspore/nn/layer/transformer.py (MindSpore 2.x).
 */
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';
import { CellList } from '../cellList.js';
import { checkPositiveInt } from '../checks.js';
import { TransformerEncoderLayer } from './transformerEncoderLayer.js';
import { copyParameters } from './transformerLayerOptions.js';

/**
 * Options of {@link TransformerEncoder} and {@link TransformerDecoder}.
 * @example
 * new nn.TransformerEncoder(layer, 6, { norm: new nn.LayerNorm([512], { epsilon: 1e-5 }) });
 */
export interface TransformerStackOptions {
  /** A Cell applied to the last layer's output, usually a LayerNorm (default null: none). */
  norm?: Cell | null;
}

/** @internal The keys of {@link TransformerStackOptions}. */
export const STACK_KEYS: OptionKeys<TransformerStackOptions> = { norm: true };

/** @internal Checks the `norm` option. */
export function checkNorm(norm: unknown, cls: string): Cell | null {
  if (norm === undefined || norm === null) return null;
  if (!isCell(norm)) throw new TypeError(`For '${cls}', the 'norm' must be a Cell or null, but got ${typeName(norm)}.`);
  return norm;
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
    const o = checkOptions<TransformerStackOptions>(options, 'TransformerEncoder', STACK_KEYS);
    if (!(encoderLayer instanceof TransformerEncoderLayer)) {
      throw new TypeError(
        `For 'TransformerEncoder', the 'encoderLayer' must be a TransformerEncoderLayer, but got ${typeName(encoderLayer)}.`,
      );
    }
    this.numLayers = checkPositiveInt(numLayers, 'numLayers', 'TransformerEncoder');
    const norm = checkNorm(o.norm, 'TransformerEncoder');
    const copies = Array.from({ length: numLayers }, () =>
      copyParameters(encoderLayer, new TransformerEncoderLayer(encoderLayer.dModel, encoderLayer.nhead, encoderLayer.config)),
    );
    this.layers = new CellList(copies);
    this.norm = norm;
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
