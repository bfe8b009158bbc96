/**
 * Adaptive average pooling, after `AdaptiveAvgPool2d` in mindspore/python/mindspore/nn/layer/pooling.py.
 */
import * as ops from '@mindts/ops';
import type { Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { show } from './checks.js';

/**
 * Averages `[N, C, H, W]` (or `[C, H, W]`) inputs over `outputSize` adaptive bins, bin `i`
 * spanning rows `floor(i·H / out)` to `ceil((i + 1)·H / out)` (MindSpore `nn.AdaptiveAvgPool2d`).
 * `outputSize` is `n` or `[h, w]`; `null` keeps that input size.
 * @example
 * const pool = new nn.AdaptiveAvgPool2d([1, 1]);
 * pool.call(ones([2, 8, 7, 7])).shape; // [2, 8, 1, 1]
 */
export class AdaptiveAvgPool2d extends Cell {
  readonly outputSize: number | readonly [number | null, number | null];

  constructor(outputSize: number | readonly [number | null, number | null]) {
    super();
    const list = typeof outputSize === 'number' ? [outputSize] : outputSize;
    const ok = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1);
    if (!Array.isArray(list) || (typeof outputSize !== 'number' && list.length !== 2) || !list.every(ok)) {
      throw new TypeError(
        `For 'AdaptiveAvgPool2d', the 'outputSize' must be a positive int or a tuple of two (int or None), but got ${show(outputSize)}.`,
      );
    }
    this.outputSize =
      typeof outputSize === 'number' ? outputSize : (Object.freeze([...outputSize]) as unknown as [number | null, number | null]);
  }

  override construct(x: Tensor): Tensor {
    return ops.adaptiveAvgPool2d(x, this.outputSize);
  }

  override extendRepr(): string {
    const o = this.outputSize;
    return `output_size=${typeof o === 'number' ? o : `(${o.map((v) => (v === null ? 'None' : v)).join(', ')})`}`;
  }
}
