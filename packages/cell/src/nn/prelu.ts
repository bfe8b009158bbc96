/**
 * PReLU, after `PReLU` in mindspore/python/mindspore/nn/layer/activation.py (MindSpore master,
 * mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134): the slopes
 * are the Parameter attribute `w`, named 'a' as MindSpore names it (so `w` is its key and path,
 * `prelu.w` inside a network, as there).
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type OptionKeys, Tensor, tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { typeName } from '../cellState.js';
import { checkPositiveInt } from './checks.js';
import { checkFloatInput } from './floatInput.js';

/**
 * Options of {@link PReLU}.
 * @example
 * new nn.PReLU({ channel: 3, w: [0.1, 0.2, 0.3] });
 */
export interface PReLUOptions {
  /** The number of slopes: 1 (shared by every channel) or the input's channel count `x.shape[1]` (default 1). */
  channel?: number;
  /** The initial slopes: a number for all, an array of `channel` numbers, or a float16/float32 Tensor `[channel]` (default 0.25). */
  w?: number | readonly number[] | Tensor;
}

const KEYS: OptionKeys<PReLUOptions> = { channel: true, w: true };

/**
 * `max(0, x) + w·min(0, x)` elementwise with a learnable slope `w` per channel (axis 1 of the
 * input) or one shared slope (MindSpore `nn.PReLU(channel=1, w=0.25)`). Float inputs only.
 * @example
 * const prelu = new nn.PReLU();
 * prelu.call(tensor([[-2, 1]], 'float32')); // [[-0.5, 1]]
 * [...prelu.parametersAndNames()].map(([key, p]) => [key, p.name]); // [['w', 'a']]
 */
export class PReLU extends Cell {
  readonly channel: number;
  /** The slopes, shape `[channel]` (MindSpore's attribute `w`, Parameter name 'a'). */
  w: Parameter;

  constructor(options?: PReLUOptions) {
    super();
    const { channel = 1, w = 0.25 } = checkOptions<PReLUOptions>(options, 'PReLU', KEYS);
    this.channel = checkPositiveInt(channel, 'channel', 'PReLU');
    const init = initialSlopes(w, this.channel);
    this.w = new Parameter(init, 'a');
    if (init !== w) init.dispose();
  }

  override construct(x: Tensor): Tensor {
    checkFloatInput(x, 'PReLU');
    if (this.channel !== 1 && (x.rank < 2 || x.shape[1] !== this.channel)) {
      throw new RangeError(
        `For 'PReLU', the input's channel dimension (axis 1) must equal 'channel' ${this.channel}, but got an input of shape [${x.shape.join(', ')}].`,
      );
    }
    return tidy(() => {
      const w = ops.cast(this.w, x.dtype);
      const slopes = this.channel === 1 ? ops.reshape(w, []) : ops.reshape(w, [this.channel, ...new Array<number>(x.rank - 2).fill(1)]);
      return ops.add(ops.relu(x), ops.mul(slopes, ops.minimum(x, 0)));
    });
  }

  override extendRepr(): string {
    return `channel=${this.channel}`;
  }
}

/** The `[channel]` Tensor of initial slopes (the user's own Tensor when it already is one). */
function initialSlopes(w: unknown, channel: number): Tensor {
  if (typeof w === 'number') {
    if (!Number.isFinite(w)) throw new RangeError(`For 'PReLU', the 'w' must be a finite number, but got ${w}.`);
    return tensor(new Array<number>(channel).fill(w), 'float32');
  }
  if (Array.isArray(w)) {
    if (w.length !== channel) {
      throw new RangeError(
        `For 'PReLU', the length of 'w' must be equal to the 'channel' when the 'w' is a list, but got the length of 'w': ${w.length}, the 'channel': ${channel}.`,
      );
    }
    const bad = w.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== undefined) {
      throw new TypeError(`For 'PReLU', all elements in 'w' must be float when the 'w' is a list, but got ${String(bad)}.`);
    }
    return tensor(w as number[], 'float32');
  }
  if (w instanceof Tensor) {
    if (w.dtype !== 'float16' && w.dtype !== 'float32') {
      throw new TypeError(`For 'PReLU', the dtype of 'w' must be float16 or float32 when the 'w' is a tensor, but got ${w.dtype}.`);
    }
    if (w.rank !== 1 || w.shape[0] !== channel) {
      throw new RangeError(
        `For 'PReLU', the dimension of 'w' must be 1, and the elements number should be equal to the 'channel' when the 'w' is a tensor, but got 'w' shape [${w.shape.join(', ')}], the 'channel' ${channel}.`,
      );
    }
    return w;
  }
  throw new TypeError(`For 'PReLU', the 'w' only supported float, list and tensor, but got ${typeName(w)}.`);
}
