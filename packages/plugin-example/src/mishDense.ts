/**
 * `MishDense`, a plugin Cell: a fully connected layer followed by the plugin's mish activation,
 * with the plugin's Rademacher initializer as its default weight init. It is a plain `Cell`
 * subclass, so MindSpore's naming (`weight`, `bias`, `body.weight` inside another Cell),
 * traversal, `trainableParams()`, optimizers, `valueAndGrad` and `jit` work on it unchanged.
 */
import { Cell } from '@mindts/cell';
import { type InitLike, initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, isDType, isFloat, Tensor, tidy } from '@mindts/tensor';
import { describeValue } from './describeValue.js';
import { mish } from './mish.js';
import { Rademacher } from './rademacher.js';

/**
 * Options of {@link MishDense}.
 * @example
 * new MishDense(3, 4, { weightInit: 'rademacher', biasInit: 0.1, dtype: 'float64' });
 */
export interface MishDenseOptions {
  /** The weight's initializer, `[outChannels, inChannels]` (default `new Rademacher()`: ±1/√inChannels). */
  weightInit?: InitLike;
  /** The bias' initializer, `[outChannels]` (default 'zeros'). */
  biasInit?: InitLike;
  /** Whether to add a bias (default true). */
  hasBias?: boolean;
  /** The Parameters' float dtype (default float32). */
  dtype?: DType;
}

function positiveInt(value: unknown, arg: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`For 'MishDense', the '${arg}' must be a positive integer, but got ${describeValue(value)}.`);
  }
  return value;
}

/**
 * `mish(x · weightᵀ + bias)` with `weight` `[outChannels, inChannels]` and `bias` `[outChannels]`.
 * Inputs of any rank ≥ 1 whose last dimension is `inChannels` work; leading dimensions are kept.
 * @example
 * registerPluginExample();
 * const layer = new MishDense(3, 2);
 * layer.call(ones([4, 3])).shape; // [4, 2]
 * layer.trainableParams().map((p) => p.name); // ['weight', 'bias']
 */
export class MishDense extends Cell {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly hasBias: boolean;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inChannels: number, outChannels: number, options: MishDenseOptions = {}) {
    super();
    this.inChannels = positiveInt(inChannels, 'inChannels');
    this.outChannels = positiveInt(outChannels, 'outChannels');
    const {
      weightInit = new Rademacher(),
      biasInit = 'zeros',
      hasBias = true,
      dtype = 'float32',
    } = checkOptions<MishDenseOptions>(options, 'MishDense', { weightInit: true, biasInit: true, hasBias: true, dtype: true });
    if (typeof hasBias !== 'boolean')
      throw new TypeError(`For 'MishDense', the 'hasBias' must be a boolean, but got ${describeValue(hasBias)}.`);
    if (!isDType(dtype) || !isFloat(dtype)) {
      throw new TypeError(
        `For 'MishDense', the 'dtype' must be a float dtype (float16, float32, float64), but got ${describeValue(dtype)}.`,
      );
    }
    this.hasBias = hasBias;
    // Lazy: the values are computed when the Parameter is first used (MindSpore's init_data).
    this.weight = new Parameter(initializer(weightInit, [outChannels, inChannels], dtype), 'weight');
    this.bias = hasBias ? new Parameter(initializer(biasInit, [outChannels], dtype), 'bias') : null;
  }

  /**
   * `mish(x · weightᵀ + bias)`; `x`'s last dimension must be `inChannels`.
   * @example
   * new MishDense(3, 2).call(ones([4, 3])); // shape [4, 2]
   */
  override construct(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new TypeError(`For 'MishDense', the input x must be a Tensor, but got ${describeValue(x)}.`);
    const shape = x.shape;
    if (shape.length === 0 || shape[shape.length - 1] !== this.inChannels) {
      throw new RangeError(
        `For 'MishDense', the last dimension of the input x must be inChannels = ${this.inChannels}, but got x of shape [${shape.join(', ')}].`,
      );
    }
    return tidy(() => {
      const rows = shape.length === 2 ? x : ops.reshape(x, [-1, this.inChannels]);
      let h = ops.matmul(rows, this.weight, { transposeB: true });
      if (this.bias) h = ops.add(h, this.bias);
      const y = mish(h);
      return shape.length === 2 ? y : ops.reshape(y, [...shape.slice(0, -1), this.outChannels]);
    });
  }

  /**
   * The arguments `toString()` prints, in MindSpore's style.
   * @example
   * `${new MishDense(3, 2)}`; // 'MishDense(input_channels=3, output_channels=2, has_bias=True, activation=mish)'
   */
  override extendRepr(): string {
    return `input_channels=${this.inChannels}, output_channels=${this.outChannels}, has_bias=${this.hasBias ? 'True' : 'False'}, activation=mish`;
  }
}
