/**
 * `HWC2CHW`: MindSpore's `vision.HWC2CHW`.
 */
import { emptyHost, type HostArray } from '../hostArray.js';
import { TensorOperation } from './tensorOperation.js';

/**
 * Moves an image's channels first: `[H, W, C]` → `[C, H, W]` (MindSpore's `vision.HWC2CHW()`),
 * the layout `nn.Conv2d` takes. The dtype is kept.
 * @example
 * dataset.map(new transforms.HWC2CHW(), 'image'); // [28, 28, 1] → [1, 28, 28]
 */
export class HWC2CHW extends TensorOperation {
  protected apply(input: HostArray): HostArray {
    if (input.shape.length !== 3) {
      throw new RangeError(`HWC2CHW: the image must be [H, W, C], but got shape [${input.shape.join(', ')}].`);
    }
    const [h, w, c] = input.shape as [number, number, number];
    const out = emptyHost(input.dtype, [c, h, w]);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) out.data[k * h * w + y * w + x] = input.data[(y * w + x) * c + k] as number;
      }
    }
    return out;
  }
}
