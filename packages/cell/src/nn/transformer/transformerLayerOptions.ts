/**
 * What the Transformer encoder and decoder layers share: their options, the activation of the
 * feed-forward block, and copying a layer into fresh Parameters for a stack.
 */
import * as ops from '@mindts/ops';
import { checkOptions, type DType, type OptionKeys, type Tensor } from '@mindts/tensor';
import type { Cell } from '../../cell.js';
import { isCell } from '../../cellState.js';
import { checkBool, checkDType, checkPositiveInt, show } from '../checks.js';

/**
 * An activation of the feed-forward block: a name, a Cell, or a function of a Tensor.
 * @example
 * const activations: nn.TransformerActivation[] = ['relu', 'gelu', new nn.GELU(), (x) => ops.tanh(x)];
 */
export type TransformerActivation = 'relu' | 'gelu' | Cell | ((x: Tensor) => Tensor);

/**
 * Options of {@link TransformerEncoderLayer} and {@link TransformerDecoderLayer}, in MindSpore's order.
 * @example
 * new nn.TransformerEncoderLayer(512, 8, { dimFeedforward: 1024, activation: 'gelu', normFirst: true });
 */
export interface TransformerEncoderLayerOptions {
  /** Features of the feed-forward block's hidden layer (default 2048). */
  dimFeedforward?: number;
  /** Dropout probability of every dropout in the layer, attention weights included (default 0.1). */
  dropout?: number;
  /** The feed-forward activation: 'relu' (default), 'gelu' (exact, `approximate: 'none'`), a Cell or a function. */
  activation?: TransformerActivation;
  /** The `epsilon` of the LayerNorms (default 1e-5). */
  layerNormEps?: number;
  /** Inputs and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** LayerNorm before each block (pre-norm) instead of after the residual sum (default false). */
  normFirst?: boolean;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

/**
 * Options of {@link TransformerDecoderLayer}: the same as the encoder layer's.
 * @example
 * new nn.TransformerDecoderLayer(512, 8, { batchFirst: true });
 */
export type TransformerDecoderLayerOptions = TransformerEncoderLayerOptions;

const LAYER_KEYS: OptionKeys<TransformerEncoderLayerOptions> = {
  dimFeedforward: true,
  dropout: true,
  activation: true,
  layerNormEps: true,
  batchFirst: true,
  normFirst: true,
  dtype: true,
};

/** The options with their defaults filled in and checked. */
export type LayerConfig = Required<TransformerEncoderLayerOptions>;

/** Checks a layer's arguments and fills in the defaults. */
export function layerConfig(cls: string, dModel: number, nhead: number, options: unknown): LayerConfig {
  const o = checkOptions<TransformerEncoderLayerOptions>(options, cls, LAYER_KEYS);
  checkPositiveInt(dModel, 'dModel', cls);
  checkPositiveInt(nhead, 'nhead', cls);
  const dropout = o.dropout ?? 0.1;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new RangeError(`For '${cls}', the 'dropout' must be a number in range [0, 1), but got ${show(dropout)}.`);
  }
  const layerNormEps = o.layerNormEps ?? 1e-5;
  if (typeof layerNormEps !== 'number' || !(layerNormEps >= 0)) {
    throw new TypeError(`For '${cls}', the 'layerNormEps' must be a number >= 0, but got ${show(layerNormEps)}.`);
  }
  const activation = o.activation ?? 'relu';
  if (!(activation === 'relu' || activation === 'gelu' || isCell(activation) || typeof activation === 'function')) {
    // MindSpore: "The argument 'activation' must be str, callable or Cell instance, but get {activation}."
    throw new TypeError(`For '${cls}', the 'activation' must be 'relu', 'gelu', a Cell or a function, but got ${show(activation)}.`);
  }
  return {
    dimFeedforward: checkPositiveInt(o.dimFeedforward ?? 2048, 'dimFeedforward', cls),
    dropout,
    activation,
    layerNormEps,
    batchFirst: checkBool(o.batchFirst ?? false, 'batchFirst', cls),
    normFirst: checkBool(o.normFirst ?? false, 'normFirst', cls),
    dtype: checkDType(o.dtype, cls),
  };
}

/** The activation as a function ('gelu' is the exact GELU, as MindSpore's `ops.gelu` and PyTorch's). */
export function activationFn(activation: TransformerActivation): Cell | ((x: Tensor) => Tensor) {
  if (activation === 'relu') return ops.relu;
  if (activation === 'gelu') return (x: Tensor) => ops.gelu(x, { approximate: 'none' });
  return activation;
}

/** Applies an activation held as a Cell or a function. */
export function applyActivation(activation: Cell | ((x: Tensor) => Tensor), x: Tensor): Tensor {
  return isCell(activation) ? (activation.call(x) as Tensor) : activation(x);
}

/** The activation as MindSpore prints it. */
export function activationRepr(activation: TransformerActivation): string {
  return typeof activation === 'string' ? activation : isCell(activation) ? String(activation) : activation.name || 'function';
}

/**
 * `fresh` with the values of `layer`'s Parameters, matched by path: an independent copy for a
 * stack (PyTorch's `copy.deepcopy` of the layer).
 */
export function copyParameters<T extends Cell>(layer: Cell, fresh: T): T {
  const target = new Map(fresh.parametersAndNames());
  for (const [path, param] of layer.parametersAndNames()) target.get(path)?.setData(param);
  return fresh;
}
