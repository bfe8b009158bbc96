/**
 * Max and average pooling over NCHW windows (the `Pool2D` primitive).
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, toDType } from './operand.js';
import { type Padding2d, pair, resolvePads, windowOutput } from './padding.js';

/**
 * Options of {@link maxPool2d} and {@link avgPool2d}.
 * @example
 * ops.maxPool2d(x, 3, { stride: 2, padding: 'same' });
 */
export interface Pool2dOptions {
  /** Step of the window, `n` or `[h, w]` (default: the kernel size). */
  stride?: number | readonly [number, number];
  /** Default 0; explicit padding may be at most half the kernel on each side. */
  padding?: Padding2d;
}
const POOL_KEYS: OptionKeys<Pool2dOptions> = { stride: true, padding: true };

function pool(
  mode: 'max' | 'avg',
  name: string,
  input: Tensor,
  kernelSize: number | readonly [number, number],
  opts: Pool2dOptions | undefined,
): Tensor {
  const options = checkOptions<Pool2dOptions>(opts, name, POOL_KEYS);
  checkTensor(input, name, 'input');
  if (input.rank !== 4) throw new RangeError(`${name}: input must be 4-D [N, C, H, W], but got shape ${shapeString(input.shape)}.`);
  if (input.dtype === 'bool') throw new TypeError(`${name}: input must be numeric, but got bool.`);
  const kernel = pair(kernelSize, name, 'kernelSize');
  const stride = pair(options.stride ?? kernel, name, 'stride');
  const padding = options.padding ?? 0;
  const pads = resolvePads(padding, name, [input.shape[2] as number, input.shape[3] as number], kernel, stride);
  if (padding !== 'same') {
    const side = pads.findIndex((p, i) => p > Math.floor(kernel[i < 2 ? 0 : 1] / 2));
    if (side >= 0) {
      throw new RangeError(
        `${name}: padding [${pads.join(', ')}] must be at most half the kernel size (${kernel[0]}x${kernel[1]}) on each side, so that every window sees the input.`,
      );
    }
  }
  windowOutput(name, input.shape, kernel, stride, pads, 'kernel');
  const dtype = mode === 'avg' && !isFloat(input.dtype) ? 'float32' : input.dtype;
  return tidy(() => runKernel('Pool2D', [toDType(input, dtype)], { mode, kernel, strides: stride, pads }));
}

/**
 * The maximum of each `kernelSize` window of `input` `[N, C, H, W]` (MindSpore `ops.max_pool2d`).
 * Padding never wins the maximum.
 * @example
 * ops.maxPool2d(zeros([1, 1, 4, 4]), 2).shape; // [1, 1, 2, 2]
 */
export function maxPool2d(input: Tensor, kernelSize: number | readonly [number, number], options?: Pool2dOptions): Tensor {
  checkArity(arguments.length, 3, 'maxPool2d');
  return pool('max', 'maxPool2d', input, kernelSize, options);
}

/**
 * The average of each `kernelSize` window of `input` `[N, C, H, W]` (MindSpore `ops.avg_pool2d`).
 * Padding is excluded from the count, as with MindSpore's `count_include_pad=False`. Integer
 * inputs average in float32.
 * @example
 * ops.avgPool2d(zeros([1, 1, 4, 4]), 2, { stride: 1 }).shape; // [1, 1, 3, 3]
 */
export function avgPool2d(input: Tensor, kernelSize: number | readonly [number, number], options?: Pool2dOptions): Tensor {
  checkArity(arguments.length, 3, 'avgPool2d');
  return pool('avg', 'avgPool2d', input, kernelSize, options);
}
