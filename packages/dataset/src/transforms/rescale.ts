/**
 * `Rescale`: MindSpore's `vision.Rescale`.
 */
import { emptyHost, type HostArray } from '../hostArray.js';
import { TensorOperation } from './tensorOperation.js';

function checkNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`Rescale: ${name} must be a finite number, but got ${typeof value === 'number' ? value : typeof value}.`);
  }
  return value;
}

/**
 * `x * rescale + shift`, as float32 (MindSpore's `vision.Rescale(rescale, shift)`): `new
 * Rescale(1 / 255, 0)` takes 0–255 pixels to [0, 1].
 * @example
 * dataset.map(new transforms.Rescale(1 / 255, 0), 'image');
 */
export class Rescale extends TensorOperation {
  /** The scale factor. */
  readonly rescale: number;
  /** The offset added after scaling. */
  readonly shift: number;

  constructor(rescale: number, shift: number) {
    super();
    this.rescale = checkNumber(rescale, 'rescale');
    this.shift = checkNumber(shift, 'shift');
  }

  protected apply(input: HostArray): HostArray {
    const out = emptyHost('float32', input.shape);
    const src = input.data;
    const dst = out.data;
    const { rescale, shift } = this;
    for (let i = 0; i < src.length; i++) dst[i] = (src[i] as number) * rescale + shift;
    return out;
  }
}
