/**
 * 1-D convolution as a 2-D convolution of unit height (MindSpore's `Conv1d` does the same).
 */
import { checkOptions, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { shapeString } from '@mindts/tensor/backend';
import { conv2d } from './conv.js';
import { checkTensor } from './operand.js';
import { expandDims, squeeze } from './shape/expandDims.js';

/**
 * Options of {@link conv1d}.
 * @example
 * ops.conv1d(x, w, { stride: 2, padding: 'same' });
 */
export interface Conv1dOptions {
  /** Added per output channel: shape `[outChannels]`. */
  bias?: Tensor;
  /** Step of the window (default 1). */
  stride?: number;
  /** 'valid' (default), 'same' (output `ceil(L / stride)`, the extra padding at the end), a number for both ends, or `[left, right]`. */
  padding?: 'valid' | 'same' | number | readonly [number, number];
  /** Spacing of the kernel taps (default 1). */
  dilation?: number;
  /** Channel groups (default 1). */
  groups?: number;
}

const KEYS: OptionKeys<Conv1dOptions> = { bias: true, stride: true, padding: true, dilation: true, groups: true };

/**
 * The 1-D convolution (cross-correlation) of `input` `[N, C, L]` with `weight` `[O, C / groups, k]`,
 * plus `bias` `[O]` (MindSpore `ops.conv1d`). Output `[N, O, L_out]`.
 * @example
 * ops.conv1d(ones([1, 2, 8]), ones([4, 2, 3]), { padding: 1 }).shape; // [1, 4, 8]
 */
export function conv1d(input: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  checkTensor(input, 'conv1d', 'input');
  checkTensor(weight, 'conv1d', 'weight');
  const { bias, stride = 1, padding = 'valid', dilation = 1, groups = 1 } = checkOptions<Conv1dOptions>(options, 'conv1d', KEYS);
  if (input.rank !== 3) throw new RangeError(`conv1d: input must be 3-D [N, C, L], but got shape ${shapeString(input.shape)}.`);
  if (weight.rank !== 3) throw new RangeError(`conv1d: weight must be 3-D [O, C/groups, k], but got shape ${shapeString(weight.shape)}.`);
  for (const [name, v] of [
    ['stride', stride],
    ['dilation', dilation],
  ] as const) {
    if (typeof v !== 'number') throw new RangeError(`conv1d: ${name} must be an integer >= 1, but got ${JSON.stringify(v)}.`);
  }
  let pads: 'valid' | 'same' | [number, number, number, number];
  if (padding === 'valid' || padding === 'same') pads = padding;
  else if (typeof padding === 'number') pads = [0, 0, padding, padding];
  else if (Array.isArray(padding) && padding.length === 2) pads = [0, 0, padding[0], padding[1]];
  else
    throw new RangeError(`conv1d: padding must be 'valid', 'same', an integer >= 0 or [left, right], but got ${JSON.stringify(padding)}.`);
  return tidy(() => {
    const y = conv2d(expandDims(input, 2), expandDims(weight, 2), {
      bias,
      stride: [1, stride],
      padding: pads,
      dilation: [1, dilation],
      groups,
    });
    return squeeze(y, 2);
  });
}
