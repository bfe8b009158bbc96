/**
 * 2-D transposed convolution ("deconvolution"), composed from the `Conv2D` primitive: the input
 * is spread out by the stride into zeros and padded (one `SliceUpdate`), then convolved with the
 * flipped kernel whose in/out channels swap per group. Every step has a gradient rule, so the
 * op is differentiable in its input, weight and bias on every backend.
 */
import { checkOptions, isFloat, type OptionKeys, promoteTypes, type Tensor, tensor, tidy, zeros } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkInt, checkTensor, copy, toDType } from './operand.js';
import { type Padding2d, type Pads, pair, resolvePads } from './padding.js';

/**
 * Options of {@link conv2dTranspose}.
 * @example
 * ops.conv2dTranspose(x, w, { stride: 2, padding: 1, outputPadding: 1 });
 */
export interface Conv2dTransposeOptions {
  /** Added per output channel: shape `[outChannels]`. */
  bias?: Tensor;
  /** Step of the window in the output, `n` or `[h, w]` (default 1). */
  stride?: number | readonly [number, number];
  /**
   * Rows/columns cropped from the full output: a number, `[vertical, horizontal]` or
   * `[top, bottom, left, right]` (default 0); `'same'` gives `in · stride`, `'valid'` crops
   * nothing and gives `max((in - 1) · stride + dilation · (k - 1) + 1, in · stride)` (MindSpore's `pad_mode`).
   */
  padding?: Padding2d;
  /** Extra computed rows/columns at the bottom/right, each `< max(stride, dilation)` (default 0). */
  outputPadding?: number | readonly [number, number];
  /** Spacing of the kernel taps, `n` or `[h, w]` (default 1). */
  dilation?: number | readonly [number, number];
  /** Channel groups (default 1). */
  groups?: number;
}

const KEYS: OptionKeys<Conv2dTransposeOptions> = {
  bias: true,
  stride: true,
  padding: true,
  outputPadding: true,
  dilation: true,
  groups: true,
};

/**
 * The transposed 2-D convolution of `input` `[N, C_in, H, W]` with `weight`
 * `[C_in, C_out / groups, kH, kW]` (the gradient of `conv2d` with respect to its input; MindSpore
 * `ops.conv_transpose2d`, PyTorch `conv_transpose2d`). With explicit padding the output height is
 * `(H - 1)·stride - top - bottom + dilation·(kH - 1) + 1 + outputPadding`.
 * @example
 * ops.conv2dTranspose(ones([1, 4, 8, 8]), ones([4, 2, 3, 3]), { stride: 2, padding: 1, outputPadding: 1 }).shape; // [1, 2, 16, 16]
 */
export function conv2dTranspose(input: Tensor, weight: Tensor, options: Conv2dTransposeOptions = {}): Tensor {
  const op = 'conv2dTranspose';
  checkTensor(input, op, 'input');
  checkTensor(weight, op, 'weight');
  const opts = checkOptions<Conv2dTransposeOptions>(options, op, KEYS);
  if (input.rank !== 4) throw new RangeError(`${op}: input must be 4-D [N, C, H, W], but got shape ${shapeString(input.shape)}.`);
  if (weight.rank !== 4)
    throw new RangeError(`${op}: weight must be 4-D [C_in, C_out/groups, kH, kW], but got shape ${shapeString(weight.shape)}.`);
  const groups = checkInt(opts.groups ?? 1, op, 'groups', 1);
  const stride = pair(opts.stride ?? 1, op, 'stride');
  const dilation = pair(opts.dilation ?? 1, op, 'dilation');
  const outPad = pair(opts.outputPadding ?? 0, op, 'outputPadding', 0);
  const [n, c, h, w] = input.shape as [number, number, number, number];
  const [ci, og, kh, kw] = weight.shape as [number, number, number, number];
  if (ci !== c)
    throw new RangeError(
      `${op}: weight shape ${shapeString(weight.shape)} expects ${ci} input channels, but input shape ${shapeString(input.shape)} has ${c}.`,
    );
  if (c % groups !== 0) throw new RangeError(`${op}: input channels (${c}) must be divisible by groups (${groups}).`);
  const o = og * groups;
  for (let i = 0; i < 2; i++) {
    if ((outPad[i] as number) >= Math.max(stride[i] as number, dilation[i] as number)) {
      throw new RangeError(
        `${op}: outputPadding ${shapeString(outPad)} must be smaller than max(stride, dilation) (${Math.max(stride[i] as number, dilation[i] as number)}) on each axis.`,
      );
    }
  }
  const { bias } = opts;
  if (bias !== undefined) {
    checkTensor(bias, op, 'bias');
    if (bias.rank !== 1 || bias.shape[0] !== o)
      throw new RangeError(`${op}: bias must have shape [${o}] (one value per output channel), but got ${shapeString(bias.shape)}.`);
  }
  const window: [number, number] = [dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1];
  const full = [(h - 1) * stride[0] + window[0], (w - 1) * stride[1] + window[1]] as const;
  const padding = opts.padding ?? 0;
  // Crop of the full output at the top/left, and the output size.
  let pads: Pads;
  let size: [number, number];
  if (padding === 'valid') {
    pads = [0, 0, 0, 0];
    size = [Math.max(full[0], h * stride[0]), Math.max(full[1], w * stride[1])];
  } else if (padding === 'same') {
    pads = resolvePads('same', op, [h * stride[0], w * stride[1]], window, stride);
    size = [h * stride[0], w * stride[1]];
  } else {
    pads = resolvePads(padding, op, [h, w], window, stride);
    size = [full[0] - pads[0] - pads[1], full[1] - pads[2] - pads[3]];
  }
  size = [size[0] + outPad[0], size[1] + outPad[1]];
  if (size[0] < 1 || size[1] < 1) {
    throw new RangeError(
      `${op}: padding [${pads.join(', ')}] leaves no output (${size[0]}x${size[1]}) for input shape ${shapeString(input.shape)} and a ${window[0]}x${window[1]} window.`,
    );
  }
  const promoted = promoteTypes(input.dtype, weight.dtype);
  const dtype = isFloat(promoted) ? promoted : 'float32';
  return tidy(() => {
    const x = toDType(input, dtype);
    // Each input row r lands at row before + r·stride of a zero canvas that a 'valid' convolution
    // with the flipped kernel turns into `size` rows; rows that fall outside the canvas are cropped.
    const canvas = [size[0] + window[0] - 1, size[1] + window[1] - 1];
    const before = [window[0] - 1 - pads[0], window[1] - 1 - pads[2]];
    const first = [0, 1].map((i) => Math.max(0, Math.ceil(-(before[i] as number) / (stride[i] as number))));
    const last = [0, 1].map((i) => Math.min([h, w][i]! - 1, Math.floor((canvas[i]! - 1 - before[i]!) / stride[i]!)));
    let spread = zeros([n, c, canvas[0] as number, canvas[1] as number], dtype);
    if (first[0]! <= last[0]! && first[1]! <= last[1]!) {
      const rows = [last[0]! - first[0]! + 1, last[1]! - first[1]! + 1];
      const kept = runKernel('StridedSlice', [x], {
        begin: [0, 0, first[0]!, first[1]!],
        size: [n, c, rows[0]!, rows[1]!],
        step: [1, 1, 1, 1],
      });
      spread = runKernel('SliceUpdate', [spread, kept], {
        begin: [0, 0, before[0]! + first[0]! * stride[0], before[1]! + first[1]! * stride[1]],
        size: [n, c, rows[0]!, rows[1]!],
        step: [1, 1, stride[0], stride[1]],
      });
    }
    const out = runKernel('Conv2D', [spread, flipKernel(toDType(weight, dtype), groups)], {
      strides: [1, 1],
      pads: [0, 0, 0, 0],
      dilations: dilation,
      groups,
    });
    if (bias === undefined) return out;
    return runKernel('Binary', [out, copy(toDType(bias, dtype), [1, o, 1, 1])], { op: 'add' });
  });
}

/** `[C_in, C_out/g, kH, kW]` → `[C_out, C_in/g, kH, kW]` per group, reversed in both spatial axes. */
function flipKernel(weight: Tensor, groups: number): Tensor {
  const [ci, og, kh, kw] = weight.shape as [number, number, number, number];
  const cg = ci / groups;
  const grouped = runKernel('Reshape', [weight], { shape: [groups, cg, og, kh, kw] });
  const swapped = runKernel('Reshape', [runKernel('Transpose', [grouped], { perm: [0, 2, 1, 3, 4] })], {
    shape: [og * groups, cg, kh, kw],
  });
  const reversed = (len: number) => Array.from({ length: len }, (_, i) => len - 1 - i);
  const rows = runKernel('Gather', [swapped, tensor(reversed(kh), 'int32')], { axis: 2 });
  return runKernel('Gather', [rows, tensor(reversed(kw), 'int32')], { axis: 3 });
}
