/**
 * `Normalize`: MindSpore's `vision.Normalize`.
 */
import { type ColumnValue, emptyHost, type HostArray, toHostArray } from '../hostArray.js';
import { TensorOperation } from './tensorOperation.js';

function checkList(value: unknown, name: string, positive: boolean): number[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((v) => typeof v !== 'number' || !Number.isFinite(v) || (positive && v <= 0))
  ) {
    throw new TypeError(
      `Normalize: ${name} must be a non-empty array of ${positive ? 'positive' : 'finite'} numbers, one per channel, but got ${JSON.stringify(value)}.`,
    );
  }
  return value as number[];
}

/**
 * `(x - mean[c]) / std[c]` per channel `c`, as float32 (MindSpore's `vision.Normalize(mean, std,
 * is_hwc=True)`): the channels are the last axis of `[H, W, C]`, or the first of `[C, H, W]`
 * with `isHwc` false; a `[H, W]` image has one channel.
 * @example
 * dataset.map(new transforms.Normalize([0.1307], [0.3081]), 'image');
 */
export class Normalize extends TensorOperation {
  /** The mean of each channel. */
  readonly mean: readonly number[];
  /** The standard deviation of each channel. */
  readonly std: readonly number[];
  /** Whether images are `[H, W, C]` (default) or `[C, H, W]`. */
  readonly isHwc: boolean;

  constructor(mean: number[], std: number[], isHwc = true) {
    super();
    this.mean = checkList(mean, 'mean', false);
    this.std = checkList(std, 'std', true);
    if (this.mean.length !== this.std.length) {
      throw new RangeError(
        `Normalize: mean and std must have one value per channel, but mean has ${this.mean.length} and std ${this.std.length}.`,
      );
    }
    if (typeof isHwc !== 'boolean') throw new TypeError(`Normalize: isHwc must be a boolean, but got ${JSON.stringify(isHwc)}.`);
    this.isHwc = isHwc;
  }

  protected apply(input: HostArray): HostArray {
    return this.normalize(input, 1, 0, false);
  }

  /**
   * `new Rescale(rescale, shift)` and then this Normalize, in one pass: equal, value for value, to
   * running the two one after the other (the rescaled value is rounded to float32 as Rescale
   * stores it), without Rescale's array in between. `map` uses it for the pair, MindSpore's usual
   * image preparation.
   * @example
   * new Normalize([0.1307], [0.3081]).rescaledFrom(image, 1 / 255, 0);
   */
  rescaledFrom(input: ColumnValue, rescale: number, shift: number): HostArray {
    for (const [name, v] of [
      ['rescale', rescale],
      ['shift', shift],
    ] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TypeError(`Normalize.rescaledFrom: ${name} must be a finite number, but got ${typeof v === 'number' ? v : typeof v}.`);
      }
    }
    return this.normalize(toHostArray(input, 'Normalize.rescaledFrom: input'), rescale, shift, true);
  }

  private normalize(input: HostArray, rescale: number, shift: number, rescaled: boolean): HostArray {
    const { shape } = input;
    if (shape.length !== 2 && shape.length !== 3) {
      throw new RangeError(
        `Normalize: the image must be [H, W] or ${this.isHwc ? '[H, W, C]' : '[C, H, W]'}, but got shape [${shape.join(', ')}].`,
      );
    }
    const channels = shape.length === 2 ? 1 : ((this.isHwc ? shape[2] : shape[0]) as number);
    if (this.mean.length !== channels) {
      throw new RangeError(
        `Normalize: mean and std have ${this.mean.length} values, but the image has ${channels} channel${channels === 1 ? '' : 's'}.`,
      );
    }
    const out = emptyHost('float32', shape);
    const src = input.data;
    const dst = out.data;
    const n = src.length;
    // Channel by channel over contiguous runs: all of it for one channel, a plane each for
    // [C, H, W]; [H, W, C] interleaves them, so its loop steps the channel with the element.
    if (channels === 1 || !this.isHwc) {
      const plane = n / channels;
      for (let c = 0; c < channels; c++) {
        const m = this.mean[c] as number;
        const s = this.std[c] as number;
        const end = (c + 1) * plane;
        if (rescaled) for (let i = c * plane; i < end; i++) dst[i] = (Math.fround((src[i] as number) * rescale + shift) - m) / s;
        else for (let i = c * plane; i < end; i++) dst[i] = ((src[i] as number) - m) / s;
      }
    } else {
      const { mean, std } = this;
      for (let i = 0, c = 0; i < n; i++) {
        const x = rescaled ? Math.fround((src[i] as number) * rescale + shift) : (src[i] as number);
        dst[i] = (x - (mean[c] as number)) / (std[c] as number);
        if (++c === channels) c = 0;
      }
    }
    return out;
  }
}
