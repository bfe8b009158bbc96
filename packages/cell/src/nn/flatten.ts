/**
 * Flatten, after `Flatten` in mindspore/python/mindspore/nn/layer/basic.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0451ecf1a71ad4294db3138c243cf5d8153d4875).
 */
import * as ops from '@mindts/ops';
import type { OptionKeys, Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { positionalOptions } from './checks.js';

/**
 * Options of {@link Flatten}.
 * @example
 * new nn.Flatten({ startDim: 0 });
 */
export interface FlattenOptions {
  /** First dimension to merge (default 1, keeping the batch dimension). */
  startDim?: number;
  /** Last dimension to merge (default -1). */
  endDim?: number;
}

const FLATTEN_KEYS: OptionKeys<FlattenOptions> = { startDim: true, endDim: true };

/**
 * Merges dimensions `startDim..endDim` into one (MindSpore `nn.Flatten(start_dim=1, end_dim=-1)`).
 * A 0-D input counts as 1-D, so the default dims need at least a 2-D input, as in MindSpore.
 * @example
 * new nn.Flatten().call(zeros([2, 3, 4])).shape; // [2, 12]
 */
export class Flatten extends Cell {
  readonly startDim: number;
  readonly endDim: number;

  /** `new nn.Flatten(options?)`, or MindSpore's positional `new nn.Flatten(startDim, endDim)`. */
  constructor(...args: [options?: FlattenOptions] | [startDim: number, endDim?: number]) {
    const options = positionalOptions<FlattenOptions>(args, ['startDim', 'endDim'], 'Flatten', FLATTEN_KEYS);
    super();
    const { startDim = 1, endDim = -1 } = options;
    for (const [name, v] of [
      ['startDim', startDim],
      ['endDim', endDim],
    ] as const) {
      if (!Number.isInteger(v)) throw new TypeError(`For 'Flatten', the '${name}' must be int, but got ${String(v)}.`);
    }
    this.startDim = startDim;
    this.endDim = endDim;
  }

  override construct(x: Tensor): Tensor {
    const ndim = x.rank === 0 ? 1 : x.rank;
    for (const axis of [this.startDim, this.endDim]) {
      if (axis < -ndim || axis >= ndim) {
        // MindSpore: "'start_dim' or 'end_dim' out of range."
        throw new RangeError(
          `For 'Flatten', 'startDim' (${this.startDim}) or 'endDim' (${this.endDim}) is out of range for an input of rank ${x.rank}.`,
        );
      }
    }
    return ops.flatten(x, { startDim: this.startDim, endDim: this.endDim });
  }
}
