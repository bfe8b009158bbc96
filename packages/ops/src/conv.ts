/**
 * 2-D convolution (the `Conv2D` primitive), NCHW input and OIHW weight, with optional bias.
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, promoteTypes, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkInt, checkTensor, copy, toDType } from './operand.js';
import { type Padding2d, pair, resolvePads, windowOutput } from './padding.js';

/**
 * Options of {@link conv2d}.
 * @example
 * ops.conv2d(x, w, { bias: b, stride: 2, padding: 'same', groups: 1 });
 */
export interface Conv2dOptions {
  /** Added per output channel: shape `[outChannels]`. */
  bias?: Tensor;
  /** Step of the window, `n` or `[h, w]` (default 1). */
  stride?: number | readonly [number, number];
  /** Default `'valid'`. */
  padding?: Padding2d;
  /** Spacing of the kernel taps, `n` or `[h, w]` (default 1). */
  dilation?: number | readonly [number, number];
  /** Channel groups: input and output channels are split into this many independent convolutions (default 1). */
  groups?: number;
}
const CONV2D_KEYS: OptionKeys<Conv2dOptions> = { bias: true, stride: true, padding: true, dilation: true, groups: true };

/**
 * The 2-D convolution (cross-correlation) of `input` `[N, C, H, W]` with `weight`
 * `[O, C / groups, kH, kW]`, plus `bias` `[O]` (MindSpore `ops.conv2d`). Integer inputs compute
 * in float32. Output `[N, O, outH, outW]` with `outH = floor((H + padTop + padBottom - dH·(kH-1) - 1) / sH) + 1`.
 * @example
 * ops.conv2d(zeros([1, 3, 32, 32]), zeros([8, 3, 3, 3]), { padding: 'same' }).shape; // [1, 8, 32, 32]
 */
export function conv2d(input: Tensor, weight: Tensor, opts?: Conv2dOptions): Tensor {
  checkArity(arguments.length, 3, 'conv2d');
  const options = checkOptions<Conv2dOptions>(opts, 'conv2d', CONV2D_KEYS);
  checkTensor(input, 'conv2d', 'input');
  checkTensor(weight, 'conv2d', 'weight');
  if (input.rank !== 4) throw new RangeError(`conv2d: input must be 4-D [N, C, H, W], but got shape ${shapeString(input.shape)}.`);
  if (weight.rank !== 4)
    throw new RangeError(`conv2d: weight must be 4-D [O, C/groups, kH, kW], but got shape ${shapeString(weight.shape)}.`);
  const { bias, padding = 'valid' } = options;
  const groups = checkInt(options.groups ?? 1, 'conv2d', 'groups', 1);
  const stride = pair(options.stride ?? 1, 'conv2d', 'stride');
  const dilation = pair(options.dilation ?? 1, 'conv2d', 'dilation');
  const [, c] = input.shape as [number, number, number, number];
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  if (c % groups !== 0)
    throw new RangeError(`conv2d: input channels (${c}, shape ${shapeString(input.shape)}) must be divisible by groups (${groups}).`);
  if (o % groups !== 0)
    throw new RangeError(
      `conv2d: output channels (${o}, weight shape ${shapeString(weight.shape)}) must be divisible by groups (${groups}).`,
    );
  if (cg !== c / groups) {
    throw new RangeError(
      `conv2d: weight shape ${shapeString(weight.shape)} expects ${cg} input channels per group, but input shape ${shapeString(input.shape)} has ${c} channels in ${groups} group(s) (${c / groups} per group).`,
    );
  }
  if (bias !== undefined) {
    checkTensor(bias, 'conv2d', 'bias');
    if (bias.rank !== 1 || bias.shape[0] !== o) {
      throw new RangeError(`conv2d: bias must have shape [${o}] (one value per output channel), but got ${shapeString(bias.shape)}.`);
    }
  }
  const window: [number, number] = [dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1];
  const pads = resolvePads(padding, 'conv2d', [input.shape[2] as number, input.shape[3] as number], window, stride);
  const dilated = dilation[0] > 1 || dilation[1] > 1 ? `kernel dilated by ${shapeString(dilation)}` : 'kernel';
  windowOutput('conv2d', input.shape, window, stride, pads, dilated);
  const promoted = promoteTypes(input.dtype, weight.dtype);
  const dtype = isFloat(promoted) ? promoted : 'float32';
  return tidy(() => {
    const out = runKernel('Conv2D', [toDType(input, dtype), toDType(weight, dtype)], {
      strides: stride,
      pads,
      dilations: dilation,
      groups,
    });
    if (bias === undefined) return out;
    const b = copy(toDType(bias, dtype), [1, o, 1, 1]);
    return runKernel('Binary', [out, b], { op: 'add' });
  });
}
