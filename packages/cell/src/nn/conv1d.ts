/**
 * 1-D convolution, after `Conv1d` in mindspore/python/mindspore/nn/layer/conv.py (MindSpore 2.x,
 * mirrored in mindspore-ai/mindspore_test@33fc988904ab0be3fb0fbb9b13ec7c05543a3e67), which runs a
 * 2-D convolution of unit height. The weight here is `[out, in / group, k]` (PyTorch's layout and
 * MindSpore `mint`'s); MindSpore's `nn.Conv1d` stores the same values as `[out, in / group, 1, k]`.
 */
import type { InitLike } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, type OptionKeys, type Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkBool, checkDType, checkPositiveInt, initRepr } from './checks.js';
import type { PadMode } from './conv2d.js';
import { convParameters } from './convParameters.js';
import { checkPadding, checkPadMode, opPadding } from './convChecks.js';

/**
 * Options of {@link Conv1d}, in MindSpore's order.
 * @example
 * new nn.Conv1d(3, 8, 3, { stride: 2, padMode: 'pad', padding: 1, hasBias: true });
 */
export interface Conv1dOptions {
  /** Step of the window (default 1). */
  stride?: number;
  /** 'same' (default: output `ceil(L / stride)`, the odd padding at the end), 'valid' or 'pad'. */
  padMode?: PadMode;
  /** With 'pad': zeros added at both ends (default 0; must be 0 otherwise). */
  padding?: number;
  /** Spacing of the kernel taps (default 1). */
  dilation?: number;
  /** Channel groups; both channel counts must divide by it (default 1). */
  group?: number;
  /** Whether to add a bias (default false). */
  hasBias?: boolean;
  /** The weight's initializer (default `new HeUniform({ negativeSlope: Math.sqrt(5) })`). */
  weightInit?: InitLike;
  /** The bias' initializer (default `new Uniform({ scale: 1 / Math.sqrt(fanIn) })`). */
  biasInit?: InitLike;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

const KEYS: OptionKeys<Conv1dOptions> = {
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

/**
 * The 1-D convolution (cross-correlation) of `[N, C_in, L]` inputs with a `weight`
 * `[outChannels, inChannels / group, kernelSize]`, plus an optional `bias` `[outChannels]`
 * (MindSpore `nn.Conv1d`).
 * @example
 * const conv = new nn.Conv1d(3, 8, 3);
 * conv.call(ones([2, 3, 16])).shape; // [2, 8, 16] ('same' padding)
 */
export class Conv1d extends Cell {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padMode: PadMode;
  readonly padding: number;
  readonly dilation: number;
  readonly group: number;
  readonly hasBias: boolean;
  weight: Parameter;
  bias: Parameter | null;
  readonly #weightInit: InitLike;
  readonly #biasInit: InitLike | undefined;

  constructor(inChannels: number, outChannels: number, kernelSize: number, options: Conv1dOptions = {}) {
    super();
    const opts = checkOptions<Conv1dOptions>(options, 'Conv1d', KEYS);
    this.inChannels = checkPositiveInt(inChannels, 'inChannels', 'Conv1d');
    this.outChannels = checkPositiveInt(outChannels, 'outChannels', 'Conv1d');
    this.kernelSize = checkPositiveInt(kernelSize, 'kernelSize', 'Conv1d');
    this.stride = checkPositiveInt(opts.stride ?? 1, 'stride', 'Conv1d');
    this.dilation = checkPositiveInt(opts.dilation ?? 1, 'dilation', 'Conv1d');
    this.group = checkPositiveInt(opts.group ?? 1, 'group', 'Conv1d');
    if (inChannels % this.group !== 0 || outChannels % this.group !== 0) {
      throw new RangeError(
        `The argument 'group' should be divisible by 'inChannels' and 'outChannels', but got group:${this.group}, inChannels:${inChannels}, outChannels:${outChannels}.`,
      );
    }
    this.padMode = checkPadMode(opts.padMode ?? 'same', 'Conv1d');
    this.padding = checkPadding(opts.padding ?? 0, this.padMode, 'Conv1d', 1);
    this.hasBias = checkBool(opts.hasBias ?? false, 'hasBias', 'Conv1d');
    const dtype = checkDType(opts.dtype, 'Conv1d');
    const shape = [outChannels, inChannels / this.group, kernelSize];
    const made = convParameters(shape, outChannels, this.hasBias, opts.weightInit, opts.biasInit, dtype);
    this.#weightInit = made.weightInit;
    this.#biasInit = made.biasInit;
    this.weight = made.weight;
    this.bias = made.bias;
  }

  override construct(x: Tensor): Tensor {
    return ops.conv1d(x, this.weight, {
      bias: this.bias ?? undefined,
      stride: this.stride,
      padding: opPadding(this.padMode, this.padding),
      dilation: this.dilation,
      groups: this.group,
    });
  }

  override extendRepr(): string {
    return (
      `input_channels=${this.inChannels}, output_channels=${this.outChannels}, kernel_size=${this.kernelSize}, ` +
      `stride=${this.stride}, pad_mode=${this.padMode}, padding=${this.padding}, dilation=${this.dilation}, ` +
      `group=${this.group}, has_bias=${this.hasBias ? 'True' : 'False'}, weight_init=${initRepr(this.#weightInit)}, ` +
      `bias_init=${initRepr(this.#biasInit)}`
    );
  }
}
