/**
 * The fully connected layer, after `Dense` in mindspore/python/mindspore/nn/layer/basic.py
 * (MindSpore 2.3+/master, mirrored in mindspore-ai/mindspore_test@0451ecf1a71ad4294db3138c243cf5d8153d4875):
 * default weight `HeUniform(negative_slope=√5)`, default bias `Uniform(1/√in_channels)`.
 */
import { HeUniform, type InitLike, initializer, Uniform } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type DType, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { isCell, typeName } from '../cellState.js';
import { getActivation } from './activation.js';
import { checkBool, checkDType, checkPositiveInt, disposeOwnParameters } from './checks.js';

/**
 * Options of {@link Dense}, in MindSpore's order.
 * @example
 * new nn.Dense(3, 4, { weightInit: 'normal', hasBias: false, activation: 'relu' });
 */
export interface DenseOptions {
  /** The weight's initializer (default `new HeUniform({ negativeSlope: Math.sqrt(5) })`); a Tensor must be `[out, in]`. */
  weightInit?: InitLike;
  /** The bias' initializer (default `new Uniform({ scale: 1 / Math.sqrt(inChannels) })`); a Tensor must be `[out]`. */
  biasInit?: InitLike;
  /** Whether to add a bias (default true). */
  hasBias?: boolean;
  /** An activation applied to the output: a name for `getActivation` ('relu', …) or a Cell. */
  activation?: string | Cell | null;
  /** The dtype of the Parameters (default float32; a Tensor init keeps its own). */
  dtype?: DType;
}

const DENSE_KEYS: OptionKeys<DenseOptions> = { weightInit: true, biasInit: true, hasBias: true, activation: true, dtype: true };

/**
 * `activation(x · weightᵀ + bias)` with `weight` `[outChannels, inChannels]` and `bias`
 * `[outChannels]` (MindSpore `nn.Dense`). Inputs of rank other than 2 are flattened to
 * `[-1, inChannels]` and the result takes the input's leading dimensions back.
 * @example
 * const dense = new nn.Dense(3, 4);
 * dense.call(ones([2, 3])).shape; // [2, 4]
 * [...dense.parametersAndNames()].map(([n]) => n); // ['weight', 'bias']
 */
export class Dense extends Cell {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly hasBias: boolean;
  weight: Parameter;
  bias: Parameter | null;
  activation: Cell | null;

  constructor(inChannels: number, outChannels: number, options?: DenseOptions) {
    checkArity(arguments.length, 3, 'Dense');
    const opts = checkOptions<DenseOptions>(options, 'Dense', DENSE_KEYS);
    super();
    this.inChannels = checkPositiveInt(inChannels, 'inChannels', 'Dense');
    this.outChannels = checkPositiveInt(outChannels, 'outChannels', 'Dense');
    this.hasBias = checkBool(opts.hasBias ?? true, 'hasBias', 'Dense');
    const dtype = checkDType(opts.dtype, 'Dense');
    const { weightInit = new HeUniform({ negativeSlope: Math.sqrt(5) }), biasInit } = opts;
    // Everything is checked before a Parameter is made; a failure after (an initializer) frees them.
    const activation = opts.activation ?? null;
    if (activation !== null && typeof activation !== 'string' && !isCell(activation)) {
      throw new TypeError(`For 'Dense', the 'activation' must be str or Cell, but got ${typeName(activation)}.`);
    }
    const activationCell = typeof activation === 'string' ? getActivation(activation) : activation;
    checkInitShape(weightInit, [outChannels, inChannels], 'weight', inChannels, outChannels);
    const init = biasInit ?? new Uniform({ scale: 1 / Math.sqrt(inChannels) });
    if (this.hasBias) checkInitShape(init, [outChannels], 'bias', inChannels, outChannels);
    try {
      this.weight = new Parameter(makeInit(weightInit, [outChannels, inChannels], dtype), 'weight');
      this.bias = this.hasBias ? new Parameter(makeInit(init, [outChannels], dtype), 'bias') : null;
      this.activation = activationCell;
    } catch (err) {
      disposeOwnParameters(this);
      throw err;
    }
  }

  override construct(x: Tensor): Tensor {
    return tidy(() => {
      const shape = x.shape;
      let h = shape.length === 2 ? x : ops.reshape(x, [-1, shape[shape.length - 1] ?? 1]);
      h = ops.matmul(h, this.weight, { transposeB: true });
      if (this.bias) h = ops.add(h, this.bias);
      if (this.activation) h = this.activation.call(h) as Tensor;
      return shape.length === 2 ? h : ops.reshape(h, [...shape.slice(0, -1), this.outChannels]);
    });
  }

  override extendRepr(): string {
    let s = `input_channels=${this.inChannels}, output_channels=${this.outChannels}`;
    if (this.hasBias) s += ', has_bias=True';
    if (this.activation) s += `, activation=${this.activation}`;
    return s;
  }
}

function makeInit(init: InitLike, shape: number[], dtype: DType): Tensor {
  return init instanceof Tensor ? initializer(init, shape) : initializer(init, shape, dtype);
}

function checkInitShape(init: InitLike, shape: number[], what: 'weight' | 'bias', inChannels: number, outChannels: number): void {
  if (!(init instanceof Tensor) || (init.rank === shape.length && init.shape.every((d, i) => d === shape[i]))) return;
  const got = `Tensor(shape=[${init.shape.join(', ')}], dtype=${init.dtype})`;
  // MindSpore: "For 'Dense', weight init shape error. The ndim of 'weight_init' must be equal to 2, and the first dim must
  // be equal to 'out_channels', and the second dim must be equal to 'in_channels'. But got 'weight_init': {}, ..."
  if (what === 'weight') {
    throw new RangeError(
      "For 'Dense', weight init shape error. The ndim of 'weightInit' must be equal to 2, and the first dim must be equal to " +
        `'outChannels', and the second dim must be equal to 'inChannels'. But got 'weightInit': ${got}, 'outChannels': ${outChannels}, 'inChannels': ${inChannels}.`,
    );
  }
  throw new RangeError(
    "For 'Dense', bias init shape error. The ndim of 'biasInit' must be equal to 1, and the first dim must be equal to " +
      `'outChannels'. But got 'biasInit': ${got}, 'outChannels': ${outChannels}.`,
  );
}
