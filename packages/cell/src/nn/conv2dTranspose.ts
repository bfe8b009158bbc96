/**
 * 2-D transposed convolution, after `Conv2dTranspose` and `_deconv_output_length` in
 * mindspore/python/mindspore/nn/layer/conv.py (MindSpore 2.x, mirrored in
 * mindspore-ai/mindspore_test@33fc988904ab0be3fb0fbb9b13ec7c05543a3e67).
 */
import type { InitLike } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, type OptionKeys, type Tensor, tidy, zeros } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkBool, checkDType, checkPair, checkPositiveInt, initRepr, show } from './checks.js';
import type { PadMode } from './conv2d.js';
import { convParameters } from './convParameters.js';
import { checkPadding, checkPadMode, opPadding } from './convChecks.js';

/**
 * Options of {@link Conv2dTranspose}, in MindSpore's order.
 * @example
 * new nn.Conv2dTranspose(8, 3, 3, { stride: 2, padMode: 'pad', padding: 1, outputPadding: 1 });
 */
export interface Conv2dTransposeOptions {
  /** Step of the window in the output, `n` or `[h, w]` (default 1). */
  stride?: number | readonly [number, number];
  /** 'same' (default: output `in · stride`), 'valid' (`in · stride + max(dilation·(k-1) + 1 - stride, 0)`) or 'pad'. */
  padMode?: PadMode;
  /** With 'pad': rows/columns cropped from the full output, one number or `[top, bottom, left, right]` (default 0). */
  padding?: number | readonly [number, number, number, number];
  /** With 'pad': zero rows/columns appended at the bottom/right, `n` or `[h, w]`, each `< max(stride, dilation)` (default 0). */
  outputPadding?: number | readonly [number, number];
  /** Spacing of the kernel taps, `n` or `[h, w]` (default 1). */
  dilation?: number | readonly [number, number];
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

const KEYS: OptionKeys<Conv2dTransposeOptions> = {
  stride: true,
  padMode: true,
  padding: true,
  outputPadding: true,
  dilation: true,
  group: true,
  hasBias: true,
  weightInit: true,
  biasInit: true,
  dtype: true,
};

/**
 * The transposed 2-D convolution ("deconvolution", the gradient of `Conv2d` for its input) of
 * `[N, C_in, H, W]` inputs with a `weight` `[inChannels, outChannels / group, kH, kW]` (MindSpore
 * `nn.Conv2dTranspose`). As in MindSpore, `outputPadding` appends zero rows and columns after the
 * bias (PyTorch's `output_padding` computes them instead: use `ops.conv2dTranspose` for that).
 * @example
 * const up = new nn.Conv2dTranspose(8, 3, 4, { stride: 2 });
 * up.call(ones([1, 8, 16, 16])).shape; // [1, 3, 32, 32] ('same' padding)
 */
export class Conv2dTranspose extends Cell {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padMode: PadMode;
  readonly padding: number | readonly [number, number, number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];
  readonly group: number;
  readonly hasBias: boolean;
  weight: Parameter;
  bias: Parameter | null;
  readonly #weightInit: InitLike;
  readonly #biasInit: InitLike | undefined;

  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly [number, number],
    options: Conv2dTransposeOptions = {},
  ) {
    super();
    const cls = 'Conv2dTranspose';
    const opts = checkOptions<Conv2dTransposeOptions>(options, cls, KEYS);
    this.inChannels = checkPositiveInt(inChannels, 'inChannels', cls);
    this.outChannels = checkPositiveInt(outChannels, 'outChannels', cls);
    this.kernelSize = checkPair(kernelSize, 'kernelSize', cls);
    this.stride = checkPair(opts.stride ?? 1, 'stride', cls);
    this.dilation = checkPair(opts.dilation ?? 1, 'dilation', cls);
    this.group = checkPositiveInt(opts.group ?? 1, 'group', cls);
    if (inChannels % this.group !== 0 || outChannels % this.group !== 0) {
      throw new RangeError(
        `The argument 'group' should be divisible by 'inChannels' and 'outChannels', but got group:${this.group}, inChannels:${inChannels}, outChannels:${outChannels}.`,
      );
    }
    this.padMode = checkPadMode(opts.padMode ?? 'same', cls);
    this.padding = checkPadding(opts.padding ?? 0, this.padMode, cls, 4);
    this.outputPadding = checkOutputPadding(opts.outputPadding ?? 0, this.stride, this.dilation, this.padMode);
    this.hasBias = checkBool(opts.hasBias ?? false, 'hasBias', cls);
    const dtype = checkDType(opts.dtype, cls);
    const shape = [inChannels, outChannels / this.group, ...this.kernelSize];
    const made = convParameters(shape, outChannels, this.hasBias, opts.weightInit, opts.biasInit, dtype);
    this.#weightInit = made.weightInit;
    this.#biasInit = made.biasInit;
    this.weight = made.weight;
    this.bias = made.bias;
  }

  override construct(x: Tensor): Tensor {
    const p = this.padding;
    return tidy(() => {
      let y = ops.conv2dTranspose(x, this.weight, {
        bias: this.bias ?? undefined,
        stride: this.stride,
        padding: opPadding(this.padMode, typeof p === 'number' ? p : ([...p] as [number, number, number, number])),
        dilation: this.dilation,
        groups: this.group,
      });
      const [ph, pw] = this.outputPadding;
      const [n, c, h, w] = y.shape as [number, number, number, number];
      if (ph > 0) y = ops.concat([y, zeros([n, c, ph, w], y.dtype)], 2);
      if (pw > 0) y = ops.concat([y, zeros([n, c, h + ph, pw], y.dtype)], 3);
      return y;
    });
  }

  override extendRepr(): string {
    return (
      `input_channels=${this.inChannels}, output_channels=${this.outChannels}, kernel_size=${show(this.kernelSize)}, ` +
      `stride=${show(this.stride)}, pad_mode=${this.padMode}, padding=${show(this.padding)}, output_padding=${show(this.outputPadding)}, ` +
      `dilation=${show(this.dilation)}, group=${this.group}, has_bias=${show(this.hasBias)}, weight_init=${initRepr(this.#weightInit)}, ` +
      `bias_init=${initRepr(this.#biasInit)}`
    );
  }
}

function checkOutputPadding(value: unknown, stride: [number, number], dilation: [number, number], padMode: PadMode): [number, number] {
  const cls = 'Conv2dTranspose';
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => typeof v === 'number' && Number.isInteger(v))) {
    throw new TypeError(`For '${cls}', the 'outputPadding' must be int or tuple(int) of 2, but got ${show(value)}.`);
  }
  pair.forEach((v: number, i) => {
    const limit = Math.max(stride[i] as number, dilation[i] as number);
    if (v < 0 || v >= limit) {
      // MindSpore: "output_padding[0] must be in range of [0, max(stride_h, dilation_h))."
      throw new RangeError(
        `For '${cls}', the 'outputPadding' ${show(value)} must be in range of [0, max(stride, dilation)) = [0, ${limit}).`,
      );
    }
  });
  if (padMode !== 'pad' && pair.some((v: number) => v > 0)) {
    throw new RangeError(`For '${cls}', when 'outputPadding' is not zero, 'padMode' must be 'pad', but got ${show(padMode)}.`);
  }
  return [pair[0], pair[1]];
}
