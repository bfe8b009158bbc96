/**
 * LogSoftmax, after `LogSoftmax` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore
 * master, mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134).
 */
import * as ops from '@mindts/ops';
import { checkOptions, type OptionKeys, type Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { typeName } from '../cellState.js';
import { checkFloatInput } from './floatInput.js';

/**
 * Options of {@link LogSoftmax}.
 * @example
 * new nn.LogSoftmax({ axis: 1 });
 */
export interface LogSoftmaxOptions {
  /** The axis to normalise (default -1, the last). */
  axis?: number;
}

const KEYS: OptionKeys<LogSoftmaxOptions> = { axis: true };

/**
 * `log(softmax(x))` along `axis`, computed stably (MindSpore `nn.LogSoftmax(axis=-1)`). Float
 * inputs only; the axis must be in `[-rank, rank)`.
 * @example
 * new nn.LogSoftmax().call(tensor([[-1, 4, -8]], 'float32')); // [[-5.0067, -0.0067, -12.0067]]
 */
export class LogSoftmax extends Cell {
  readonly axis: number;

  constructor(options?: LogSoftmaxOptions) {
    super();
    const { axis = -1 } = checkOptions<LogSoftmaxOptions>(options, 'LogSoftmax', KEYS);
    if (typeof axis !== 'number' || !Number.isInteger(axis)) {
      throw new TypeError(`For 'LogSoftmax', the 'axis' must be int, but got ${typeName(axis)} ${String(axis)}.`);
    }
    this.axis = axis;
  }

  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'LogSoftmax');
    const rank = Math.max(x.rank, 1);
    if (this.axis < -rank || this.axis >= rank) {
      // MindSpore: "ValueError: If `axis` is not in range [-len(x), len(x))."
      throw new RangeError(`For 'LogSoftmax', the 'axis' must be in range [${-rank}, ${rank}), but got ${this.axis}.`);
    }
    return ops.logSoftmax(x, this.axis);
  }

  override extendRepr(): string {
    return `axis=${this.axis}`;
  }
}
