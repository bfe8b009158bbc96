/**
 * 2-D max and average pooling, after `_PoolNd`, `MaxPool2d` and `AvgPool2d` in
 * mindspore/python/mindspore/nn/layer/pooling.py (MindSpore master, mirrored in
 * mindspore-ai/mindspore_test@03c7adcbea32dc281ff3e9b61cef927e3dac4356). `dilation`,
 * `return_indices`, `ceil_mode` and `data_format` are not offered.
 */
import * as ops from '@mindts/ops';
import { fill, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { positionalOptions, show } from './checks.js';
import type { PadMode } from './conv2d.js';

/**
 * Options of {@link MaxPool2d} and {@link AvgPool2d}, in MindSpore's order.
 * @example
 * new nn.MaxPool2d({ kernelSize: 2, stride: 2 });
 */
export interface Pool2dOptions {
  /** The window, `n` or `[h, w]` (default 1). */
  kernelSize?: number | readonly [number, number];
  /** Step of the window, `n` or `[h, w]` (default 1). */
  stride?: number | readonly [number, number];
  /** 'valid' (default), 'same' or 'pad', case-insensitive. */
  padMode?: PadMode | Uppercase<PadMode>;
  /** With 'pad': `n` on every side or `[vertical, horizontal]` (default 0). */
  padding?: number | readonly [number, number];
}

type Pair = number | readonly [number, number];

/**
 * The arguments of {@link MaxPool2d} and {@link AvgPool2d}: the options, or MindSpore's
 * positional `kernelSize`, `stride`, `padMode`, `padding` (in that order), then the other options.
 * @example
 * const args: Pool2dArgs<Pool2dOptions> = [3, 2, 'same'];
 */
export type Pool2dArgs<O extends Pool2dOptions> =
  | [options?: O]
  | [kernelSize: Pair, options?: Omit<O, 'kernelSize'>]
  | [kernelSize: Pair, stride: Pair, options?: Omit<O, 'kernelSize' | 'stride'>]
  | [kernelSize: Pair, stride: Pair, padMode: Pool2dOptions['padMode'], options?: Omit<O, 'kernelSize' | 'stride' | 'padMode'>]
  | [
      kernelSize: Pair,
      stride: Pair,
      padMode: Pool2dOptions['padMode'],
      padding: Pool2dOptions['padding'],
      options?: Omit<O, 'kernelSize' | 'stride' | 'padMode' | 'padding'>,
    ];

const POOL_KEYS: OptionKeys<Pool2dOptions> = { kernelSize: true, stride: true, padMode: true, padding: true };
const POOL_POSITIONS = ['kernelSize', 'stride', 'padMode', 'padding'] as const;

/** What both pooling layers share (MindSpore's `_PoolNd`). */
export abstract class Pool2dBase extends Cell {
  readonly kernelSize: number | readonly [number, number];
  readonly stride: number | readonly [number, number];
  /** Upper-case, as MindSpore stores it. */
  readonly padMode: 'VALID' | 'SAME' | 'PAD';
  readonly padding: readonly [number, number];

  constructor(options: Pool2dOptions) {
    super();
    const cls = this.constructor.name;
    const mode = options.padMode ?? 'valid';
    const upper = typeof mode === 'string' ? mode.toUpperCase() : mode;
    if (upper !== 'VALID' && upper !== 'SAME' && upper !== 'PAD') {
      // MindSpore's check_string: "The 'pad_mode' must be str and must be in '{valid_values}', but got '{value}'."
      throw new RangeError(`For '${cls}', the 'padMode' must be str and must be in '['VALID', 'SAME', 'PAD']', but got ${show(mode)}.`);
    }
    this.padMode = upper;
    this.kernelSize = checkIntOrPair(options.kernelSize ?? 1, 'kernelSize', cls);
    this.stride = checkIntOrPair(options.stride ?? 1, 'stride', cls);
    const padding = options.padding ?? 0;
    const pair = typeof padding === 'number' ? [padding, padding] : padding;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v >= 0)) {
      throw new RangeError(`For '${cls}', the 'padding' must be a non-negative int or a tuple of two, but got ${show(padding)}.`);
    }
    if (upper !== 'PAD' && (pair[0] !== 0 || pair[1] !== 0)) {
      throw new RangeError(
        `For '${cls}', the 'padding' can not be set to non-default value when 'padMode' is not 'pad', but got padMode:${String(mode)}.`,
      );
    }
    this.padding = [pair[0] as number, pair[1] as number];
  }

  /** ops' padding argument for this layer. */
  protected get opsPadding(): ops.Padding2d {
    return this.padMode === 'PAD' ? this.padding : this.padMode === 'SAME' ? 'same' : 'valid';
  }

  /** Runs `pool` on a 4-D view of `x` (a 3-D `[C, H, W]` input gets a batch axis for the call). */
  protected pooled(x: Tensor, pool: (x4: Tensor) => Tensor): Tensor {
    if (x.rank === 4) return pool(x);
    if (x.rank !== 3) {
      throw new RangeError(
        `For '${this.constructor.name}', the input must be 3-D [C, H, W] or 4-D [N, C, H, W], but got shape [${x.shape.join(', ')}].`,
      );
    }
    return tidy(() => ops.squeeze(pool(ops.expandDims(x, 0)), 0));
  }

  override extendRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, pad_mode=${this.padMode}`;
  }
}

/**
 * The maximum of each window of `[N, C, H, W]` or `[C, H, W]` inputs (MindSpore
 * `nn.MaxPool2d(kernel_size=1, stride=1, pad_mode='valid')`). Padding never wins the maximum.
 * @example
 * new nn.MaxPool2d({ kernelSize: 2, stride: 2 }).call(zeros([1, 1, 4, 4])).shape; // [1, 1, 2, 2]
 */
export class MaxPool2d extends Pool2dBase {
  /** `new nn.MaxPool2d(options?)`, or MindSpore's positional `new nn.MaxPool2d(kernelSize, stride, padMode, padding)`. */
  constructor(...args: Pool2dArgs<Pool2dOptions>) {
    super(positionalOptions<Pool2dOptions>(args, POOL_POSITIONS, 'MaxPool2d', POOL_KEYS));
  }

  override construct(x: Tensor): Tensor {
    return this.pooled(x, (x4) => ops.maxPool2d(x4, this.kernelSize, { stride: this.stride, padding: this.opsPadding }));
  }
}

/**
 * Options of {@link AvgPool2d}.
 * @example
 * new nn.AvgPool2d({ kernelSize: 3, padMode: 'pad', padding: 1, countIncludePad: false });
 */
export interface AvgPool2dOptions extends Pool2dOptions {
  /** With explicit padding, count the zero padding in each window's average (default true). */
  countIncludePad?: boolean;
  /** Divide each window's sum by this (> 0) instead of the window's size. */
  divisorOverride?: number;
}

const AVG_POOL_KEYS: OptionKeys<AvgPool2dOptions> = { ...POOL_KEYS, countIncludePad: true, divisorOverride: true };

/**
 * The average of each window of `[N, C, H, W]` or `[C, H, W]` inputs (MindSpore
 * `nn.AvgPool2d(kernel_size=1, stride=1, pad_mode='valid', padding=0, count_include_pad=True,
 * divisor_override=None)`). In 'same' mode the padding is left out of the count; in 'pad'
 * mode it is counted unless `countIncludePad` is false.
 * @example
 * new nn.AvgPool2d({ kernelSize: 2, stride: 2 }).call(x);
 */
export class AvgPool2d extends Pool2dBase {
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;

  /** `new nn.AvgPool2d(options?)`, or MindSpore's positional `new nn.AvgPool2d(kernelSize, stride, padMode, padding)`. */
  constructor(...args: Pool2dArgs<AvgPool2dOptions>) {
    const options = positionalOptions<AvgPool2dOptions>(args, POOL_POSITIONS, 'AvgPool2d', AVG_POOL_KEYS);
    super(options);
    const { countIncludePad = true, divisorOverride = null } = options;
    if (typeof countIncludePad !== 'boolean')
      throw new TypeError(`For 'AvgPool2d', the 'countIncludePad' must be bool, but got ${String(countIncludePad)}.`);
    if (divisorOverride !== null && !(typeof divisorOverride === 'number' && divisorOverride > 0)) {
      // MindSpore: "For 'AvgPool2d', the 'divisor_override' must be > 0, but got {divisor_override}."
      throw new RangeError(`For 'AvgPool2d', the 'divisorOverride' must be > 0, but got ${String(divisorOverride)}.`);
    }
    this.countIncludePad = countIncludePad;
    this.divisorOverride = divisorOverride;
  }

  override construct(x: Tensor): Tensor {
    const [kh, kw] = typeof this.kernelSize === 'number' ? [this.kernelSize, this.kernelSize] : this.kernelSize;
    // MindSpore's AvgPool3D path (explicit padding or a divisor) counts padding; plain AvgPool does not.
    const divisor = this.divisorOverride ?? (this.padMode === 'PAD' && this.countIncludePad ? kh * kw : null);
    return this.pooled(x, (x4) => {
      if (divisor === null) return ops.avgPool2d(x4, this.kernelSize, { stride: this.stride, padding: this.opsPadding });
      // A window's sum over the zero-padded input / divisor: a depthwise convolution with a constant kernel.
      return tidy(() => {
        const c = x4.shape[1] as number;
        const kernel = fill([c, 1, kh, kw], 1 / divisor, x4.dtype === 'float16' || x4.dtype === 'float64' ? x4.dtype : 'float32');
        return ops.conv2d(x4, kernel, { stride: this.stride, padding: this.opsPadding, groups: c });
      });
    });
  }
}

function checkIntOrPair(value: unknown, arg: string, cls: string): number | readonly [number, number] {
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (ok(value)) return value as number;
  if (Array.isArray(value) && value.length === 2 && value.every(ok)) return [value[0], value[1]];
  // MindSpore: "For '{cls}', the '{arg}' must be an positive int number or a tuple, but got {value}"
  throw new RangeError(`For '${cls}', the '${arg}' must be an positive int number or a tuple of two, but got ${show(value)}.`);
}
