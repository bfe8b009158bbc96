/**
 * Window geometry shared by conv2d and pooling: strides, dilations and padding.
 */
import { shapeString } from '@mindts/tensor/backend';
import { describe } from './operand.js';

/**
 * Padding of a 2-D window op: `'valid'` (none), `'same'` (output size `ceil(in / stride)`, the
 * extra row/column going to the bottom/right as in TensorFlow and MindSpore), one number for
 * every side, `[vertical, horizontal]`, or `[top, bottom, left, right]`.
 * @example
 * ops.conv2d(x, w, { padding: 'same' });
 */
export type Padding2d = 'valid' | 'same' | number | readonly [number, number] | readonly [number, number, number, number];

/** `[top, bottom, left, right]`. */
export type Pads = [number, number, number, number];

/** A number or `[h, w]` pair of integers >= `min`, as `[h, w]`. */
export function pair(v: unknown, op: string, arg: string, min = 1): [number, number] {
  const list = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(list) || list.length !== 2 || list.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < min)) {
    throw new RangeError(
      `${op}: ${arg} must be an integer >= ${min} or a pair of them, but got ${Array.isArray(v) ? shapeString(v) : describe(v)}.`,
    );
  }
  return [list[0], list[1]];
}

/** Resolves `padding` for an input of `inHW` and a (dilated) window of `windowHW`. */
export function resolvePads(
  padding: unknown,
  op: string,
  inHW: [number, number],
  windowHW: [number, number],
  stride: [number, number],
): Pads {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [th, tw] = [0, 1].map((i) => {
      const out = Math.ceil(inHW[i]! / stride[i]!);
      return Math.max((out - 1) * stride[i]! + windowHW[i]! - inHW[i]!, 0);
    }) as [number, number];
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  const list = typeof padding === 'number' ? [padding, padding, padding, padding] : padding;
  const ok = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (Array.isArray(list) && list.length === 2 && list.every(ok)) return [list[0], list[0], list[1], list[1]];
  if (Array.isArray(list) && list.length === 4 && list.every(ok)) return [list[0], list[1], list[2], list[3]];
  throw new RangeError(
    `${op}: padding must be 'valid', 'same', an integer >= 0, [vertical, horizontal] or [top, bottom, left, right], but got ${Array.isArray(padding) ? shapeString(padding) : describe(padding)}.`,
  );
}

/** Output height and width of a window op, with an error when the window does not fit. */
export function windowOutput(
  op: string,
  inputShape: readonly number[],
  windowHW: [number, number],
  stride: [number, number],
  pads: Pads,
  what: string,
): [number, number] {
  const [h, w] = [inputShape[2] as number, inputShape[3] as number];
  const ph = h + pads[0] + pads[1];
  const pw = w + pads[2] + pads[3];
  if (windowHW[0] > ph || windowHW[1] > pw) {
    throw new RangeError(
      `${op}: the ${what} (${windowHW[0]}x${windowHW[1]}) is larger than the padded input (${ph}x${pw}) of shape ${shapeString(inputShape)} with padding [${pads.join(', ')}].`,
    );
  }
  return [Math.floor((ph - windowHW[0]) / stride[0]) + 1, Math.floor((pw - windowHW[1]) / stride[1]) + 1];
}
