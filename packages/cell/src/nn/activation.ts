/**
 * Activation layers and `getActivation`, after mindspore/python/mindspore/nn/layer/activation.py
 * (MindSpore master, mirrored in mindspore-ai/mindspore_test@0e5f340a6751e7e5168944da84035333ea29e134).
 */
import * as ops from '@mindts/ops';
import { checkArity, type OptionKeys, type Tensor } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { ELU } from './elu.js';
import { LeakyReLU } from './leakyReLU.js';
import { LogSoftmax } from './logSoftmax.js';
import { PReLU } from './prelu.js';
import { ReLU6 } from './reLU6.js';
import { SiLU } from './silu.js';
import { positionalOptions } from './checks.js';

/**
 * `max(x, 0)` elementwise (MindSpore `nn.ReLU`).
 * @example
 * new nn.ReLU().call(tensor([-1, 2])); // int32 [0, 2]
 */
export class ReLU extends Cell {
  override construct(x: Tensor): Tensor {
    return ops.relu(x);
  }
}

/**
 * `1 / (1 + exp(-x))` elementwise (MindSpore `nn.Sigmoid`).
 * @example
 * new nn.Sigmoid().call(tensor([0], 'float32')); // [0.5]
 */
export class Sigmoid extends Cell {
  override construct(x: Tensor): Tensor {
    return ops.sigmoid(x);
  }
}

/**
 * `tanh(x)` elementwise (MindSpore `nn.Tanh`).
 * @example
 * new nn.Tanh().call(tensor([0], 'float32')); // [0]
 */
export class Tanh extends Cell {
  override construct(x: Tensor): Tensor {
    return ops.tanh(x);
  }
}

/**
 * Options of {@link GELU}.
 * @example
 * new nn.GELU({ approximate: false });
 */
export interface GELUOptions {
  /** The tanh approximation (default true, as MindSpore's `nn.GELU`); false for the exact `x·Φ(x)`. */
  approximate?: boolean;
}

const GELU_KEYS: OptionKeys<GELUOptions> = { approximate: true };

/**
 * The Gaussian error linear unit (MindSpore `nn.GELU(approximate=True)`): by default the tanh
 * approximation `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, with `approximate: false` the
 * exact `x·Φ(x)`.
 * @example
 * new nn.GELU().call(tensor([1], 'float32')); // [0.8412]
 */
export class GELU extends Cell {
  readonly approximate: boolean;

  /** `new nn.GELU(options?)`, or MindSpore's positional `new nn.GELU(false)`. */
  constructor(...args: [options?: GELUOptions] | [approximate: boolean]) {
    const options = positionalOptions<GELUOptions>(args, ['approximate'], 'GELU', GELU_KEYS);
    super();
    const approximate = options.approximate ?? true;
    if (typeof approximate !== 'boolean') {
      throw new TypeError(`For 'GELU', the 'approximate' must be a bool, but got ${typeof approximate}.`);
    }
    this.approximate = approximate;
  }

  override construct(x: Tensor): Tensor {
    return ops.gelu(x, { approximate: this.approximate ? 'tanh' : 'none' });
  }
}

/**
 * Options of {@link Softmax}.
 * @example
 * new nn.Softmax({ axis: 1 });
 */
export interface SoftmaxOptions {
  /** The axis to normalise (default -1, the last). */
  axis?: number;
}

const SOFTMAX_KEYS: OptionKeys<SoftmaxOptions> = { axis: true };

/**
 * `exp(x) / sum(exp(x))` along `axis` (MindSpore `nn.Softmax(axis=-1)`).
 * @example
 * new nn.Softmax().call(tensor([[1, 2, 3]], 'float32')); // [[0.090, 0.245, 0.665]]
 */
export class Softmax extends Cell {
  readonly axis: number;

  /** `new nn.Softmax(options?)`, or MindSpore's positional `new nn.Softmax(axis)`. */
  constructor(...args: [options?: SoftmaxOptions] | [axis: number]) {
    const options = positionalOptions<SoftmaxOptions>(args, ['axis'], 'Softmax', SOFTMAX_KEYS);
    super();
    const axis = options.axis ?? -1;
    if (!Number.isInteger(axis)) throw new TypeError(`For 'Softmax', the 'axis' must be an int, but got ${String(axis)}.`);
    this.axis = axis;
  }

  override construct(x: Tensor): Tensor {
    return ops.softmax(x, this.axis);
  }
}

// In the order of MindSpore's `_activation` table.
const ACTIVATIONS: Record<string, () => Cell> = {
  softmax: () => new Softmax(),
  logsoftmax: () => new LogSoftmax(),
  relu: () => new ReLU(),
  relu6: () => new ReLU6(),
  silu: () => new SiLU(),
  tanh: () => new Tanh(),
  gelu: () => new GELU(),
  elu: () => new ELU(),
  sigmoid: () => new Sigmoid(),
  prelu: () => new PReLU(),
  leakyrelu: () => new LeakyReLU(),
};

/**
 * A new activation Cell by its MindSpore name: 'softmax', 'logsoftmax', 'relu', 'relu6', 'silu', 'tanh',
 * 'gelu', 'elu', 'sigmoid', 'prelu', 'leakyrelu'.
 * @example
 * nn.getActivation('relu'); // ReLU()
 */
export function getActivation(name: string): Cell {
  checkArity(arguments.length, 1, 'getActivation');
  const make = Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
  if (!make) {
    // MindSpore: "The 'name' must be in {list(_activation.keys())}, but got {name}."
    const names = Object.keys(ACTIVATIONS).map((n) => `'${n}'`);
    throw new Error(`The 'name' must be in [${names.join(', ')}], but got ${String(name)}.`);
  }
  return make();
}
