/**
 * 2-D convolution, after `_Conv` and `Conv2d` in mindspore/python/mindspore/nn/layer/conv.py
 * (MindSpore master, mirrored in mindspore-ai/mindspore_test@33fc988904ab0be3fb0fbb9b13ec7c05543a3e67).
 */
import type { InitLike } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import type { DType, OptionKeys, Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkBool, checkDType, checkNonNegativeInt, checkPair, checkPositiveInt, initRepr, positionalOptions, show } from './checks.js';
import { convParameters } from './convParameters.js';

/**
 * How a convolution or pooling layer pads: MindSpore's `pad_mode`.
 * @example
 * new nn.Conv2d(3, 8, 3, { padMode: 'valid' });
 */
export type PadMode = 'same' | 'valid' | 'pad';

/**
 * Options of {@link Conv2d}, in MindSpore's order.
 * @example
 * new nn.Conv2d(3, 8, 3, { stride: 2, padMode: 'pad', padding: 1, hasBias: true });
 */
export interface Conv2dOptions {
  /** Step of the window, `n` or `[h, w]` (default 1). */
  stride?: number | readonly [number, number];
  /** 'same' (default: output `ceil(in / stride)`, extra padding bottom/right), 'valid' (none) or 'pad' (`padding`). */
  padMode?: PadMode;
  /** With 'pad': one number for all sides or `[top, bottom, left, right]` (default 0; must be 0 otherwise). */
  padding?: number | readonly [number, number, number, number];
  /** Spacing of the kernel taps, `n` or `[h, w]` (default 1). */
  dilation?: number | readonly [number, number];
  /** Channel groups; both channel counts must divide by it (default 1). */
  group?: number;
  /** Whether to add a bias (default false). */
  hasBias?: boolean;
  /** The weight's initializer (default `new HeUniform({ negativeSlope: Math.sqrt(5) })`). */
  weightInit?: InitLike;
  /** The bias' initializer (default `new Uniform({ scale: 1 / Math.sqrt(fanIn) })`, or 'zeros' when `fanIn` is 0). */
  biasInit?: InitLike;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

const CONV2D_KEYS: OptionKeys<Conv2dOptions> = {
  stride: true,
  padMode: true,
  padding: true,
  dilation: true,
  group: true,
  hasBias: true,
  weightInit: true,
  biasInit: true,
  dtype: true,
};

type Pair = number | readonly [number, number];
type Pads = number | readonly [number, number, number, number];

/**
 * What may follow Conv2d's kernel size: the options, or MindSpore's positional `stride`, then
 * `padMode`, then `padding`, each optionally followed by the remaining options.
 * @example
 * const rest: Conv2dRest = [2, 'pad', 1, { hasBias: true }];
 */
export type Conv2dRest =
  | [options?: Conv2dOptions]
  | [stride: Pair, options?: Omit<Conv2dOptions, 'stride'>]
  | [stride: Pair, padMode: PadMode, options?: Omit<Conv2dOptions, 'stride' | 'padMode'>]
  | [stride: Pair, padMode: PadMode, padding: Pads, options?: Omit<Conv2dOptions, 'stride' | 'padMode' | 'padding'>];

/**
 * The 2-D convolution (cross-correlation) of `[N, C_in, H, W]` inputs with a `weight` of shape
 * `[outChannels, inChannels / group, kH, kW]`, plus an optional `bias` `[outChannels]`
 * (MindSpore `nn.Conv2d`, NCHW).
 * @example
 * const conv = new nn.Conv2d(3, 8, 3);
 * conv.call(ones([1, 3, 32, 32])).shape; // [1, 8, 32, 32] ('same' padding)
 */
export class Conv2d extends Cell {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padMode: PadMode;
  readonly padding: number | readonly [number, number, number, number];
  readonly dilation: [number, number];
  readonly group: number;
  readonly hasBias: boolean;
  weight: Parameter;
  bias: Parameter | null;
  readonly #weightInit: InitLike;
  readonly #biasInit: InitLike | undefined;

  /**
   * `new nn.Conv2d(inChannels, outChannels, kernelSize, options?)`, or with MindSpore's positional
   * `stride`, `padMode` and `padding` after the kernel size: `new nn.Conv2d(1, 2, 3, 2, 'pad', 1)`.
   */
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, ...rest: Conv2dRest) {
    const options = positionalOptions<Conv2dOptions>(rest, ['stride', 'padMode', 'padding'], 'Conv2d', CONV2D_KEYS, 3);
    super();
    this.inChannels = checkPositiveInt(inChannels, 'inChannels', 'Conv2d');
    this.outChannels = checkPositiveInt(outChannels, 'outChannels', 'Conv2d');
    this.kernelSize = checkPair(kernelSize, 'kernelSize', 'Conv2d');
    this.stride = checkPair(options.stride ?? 1, 'stride', 'Conv2d');
    this.dilation = checkPair(options.dilation ?? 1, 'dilation', 'Conv2d');
    this.group = checkPositiveInt(options.group ?? 1, 'group', 'Conv2d');
    if (inChannels % this.group !== 0 || outChannels % this.group !== 0) {
      // MindSpore: "The argument 'group' should be divisible by 'in_channels' and 'out_channels', but got group:{}, ..."
      throw new RangeError(
        `The argument 'group' should be divisible by 'inChannels' and 'outChannels', but got group:${this.group}, inChannels:${inChannels}, outChannels:${outChannels}.`,
      );
    }
    this.padMode = checkPadMode(options.padMode ?? 'same');
    this.padding = checkPadding(options.padding ?? 0, this.padMode);
    this.hasBias = checkBool(options.hasBias ?? false, 'hasBias', 'Conv2d');
    const dtype = checkDType(options.dtype, 'Conv2d');
    const shape = [outChannels, inChannels / this.group, ...this.kernelSize];
    const made = convParameters(shape, outChannels, this.hasBias, options.weightInit, options.biasInit, dtype);
    this.#weightInit = made.weightInit;
    this.#biasInit = made.biasInit;
    this.weight = made.weight;
    this.bias = made.bias;
  }

  override construct(x: Tensor): Tensor {
    const p = this.padding;
    const padding = this.padMode !== 'pad' ? this.padMode : typeof p === 'number' ? p : ([...p] as [number, number, number, number]);
    return ops.conv2d(x, this.weight, {
      bias: this.bias ?? undefined,
      stride: this.stride,
      padding,
      dilation: this.dilation,
      groups: this.group,
    });
  }

  override extendRepr(): string {
    return (
      `input_channels=${this.inChannels}, output_channels=${this.outChannels}, kernel_size=${show(this.kernelSize)}, ` +
      `stride=${show(this.stride)}, pad_mode=${this.padMode}, padding=${show(this.padding)}, dilation=${show(this.dilation)}, ` +
      `group=${this.group}, has_bias=${show(this.hasBias)}, weight_init=${initRepr(this.#weightInit)}, ` +
      `bias_init=${initRepr(this.#biasInit)}, format=NCHW`
    );
  }
}

function checkPadMode(mode: unknown): PadMode {
  const lower = typeof mode === 'string' ? mode.toLowerCase() : mode;
  if (lower !== 'same' && lower !== 'valid' && lower !== 'pad') {
    throw new RangeError(`For 'Conv2d', the 'padMode' must be str and must be in '['valid', 'same', 'pad']', but got ${show(mode)}.`);
  }
  return lower;
}

function checkPadding(padding: unknown, padMode: PadMode): number | readonly [number, number, number, number] {
  let pads: number[];
  if (typeof padding === 'number') pads = [checkNonNegativeInt(padding, 'padding', 'Conv2d')];
  else if (Array.isArray(padding) && padding.length === 4) pads = padding.map((v) => checkNonNegativeInt(v, 'padding item', 'Conv2d'));
  else throw new TypeError(`For 'Conv2d', the type of 'padding' must be int or tuple(int) of 4, but got ${show(padding)}.`);
  if (padMode !== 'pad' && pads.some((v) => v !== 0)) {
    // MindSpore (P.Conv2D): "the 'pad' must be zero when 'pad_mode' is not 'pad'".
    throw new RangeError(
      `For 'Conv2d', the 'padding' must be zero when 'padMode' is not 'pad', but got 'padding': ${show(padding)} and 'padMode': ${padMode}. ` +
        `Set the option padMode: 'pad' to pad explicitly (or padMode 'same' to keep the size).`,
    );
  }
  return typeof padding === 'number' ? padding : (Object.freeze([...pads]) as unknown as readonly [number, number, number, number]);
}
