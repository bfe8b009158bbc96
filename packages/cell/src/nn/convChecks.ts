/**
 * Argument checks of the convolution layers added beside `Conv2d` (`Conv1d`, `Conv2dTranspose`),
 * worded as MindSpore's `_Conv` and `P.Conv2D` word them, with the layer's name.
 */
import type { PadMode } from './conv2d.js';
import { checkNonNegativeInt, show } from './checks.js';

/** 'same', 'valid' or 'pad' (any case, as MindSpore accepts). */
export function checkPadMode(mode: unknown, cls: string): PadMode {
  const lower = typeof mode === 'string' ? mode.toLowerCase() : mode;
  if (lower !== 'same' && lower !== 'valid' && lower !== 'pad') {
    throw new RangeError(`For '${cls}', the 'padMode' must be str and must be in '['valid', 'same', 'pad']', but got ${show(mode)}.`);
  }
  return lower;
}

/** A padding of `sides` non-negative ints (or one int), which must be 0 unless `padMode` is 'pad'. */
export function checkPadding<N extends 1 | 4>(
  padding: unknown,
  padMode: PadMode,
  cls: string,
  sides: N,
): N extends 1 ? number : number | readonly [number, number, number, number] {
  let pads: number[];
  if (typeof padding === 'number') pads = [checkNonNegativeInt(padding, 'padding', cls)];
  else if (sides === 4 && Array.isArray(padding) && padding.length === 4)
    pads = padding.map((v) => checkNonNegativeInt(v, 'padding item', cls));
  else
    throw new TypeError(
      `For '${cls}', the type of 'padding' must be int${sides === 4 ? ' or tuple(int) of 4' : ''}, but got ${show(padding)}.`,
    );
  if (padMode !== 'pad' && pads.some((v) => v !== 0)) {
    throw new RangeError(
      `For '${cls}', the 'padding' must be zero when 'padMode' is not 'pad', but got 'padding': ${show(padding)} and 'padMode': ${padMode}.`,
    );
  }
  return (typeof padding === 'number' ? padding : Object.freeze([...pads])) as never;
}

/** The padding a conv op takes: the mode's name, or the explicit pads with 'pad'. */
export function opPadding<P>(padMode: PadMode, padding: P): 'same' | 'valid' | P {
  return padMode === 'pad' ? padding : padMode;
}
