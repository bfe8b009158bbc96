/**
 * Layer normalization, after `LayerNorm` in mindspore/python/mindspore/nn/layer/normalization.py
 * (MindSpore 2.x): statistics over the axes `beginNormAxis…` of the input, `gamma` and `beta` of
 * shape `normalizedShape` broadcast from `beginParamsAxis`. Composed from reductions, so its
 * gradient comes from theirs.
 */
import { type InitLike, initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkDType, show } from './checks.js';

/**
 * Options of {@link LayerNorm}, in MindSpore's order.
 * @example
 * new nn.LayerNorm([512], { epsilon: 1e-5 });
 */
export interface LayerNormOptions {
  /** The first normalised axis (default -1, the last); the statistics span it and every axis after it. */
  beginNormAxis?: number;
  /** The first axis `gamma` and `beta` cover (default -1); they broadcast over the axes before it. */
  beginParamsAxis?: number;
  /** `gamma`'s initializer (default 'ones'). */
  gammaInit?: InitLike;
  /** `beta`'s initializer (default 'zeros'). */
  betaInit?: InitLike;
  /** Added to the variance before the square root (default 1e-7, MindSpore's; PyTorch uses 1e-5). */
  epsilon?: number;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

const LAYER_NORM_KEYS: OptionKeys<LayerNormOptions> = {
  beginNormAxis: true,
  beginParamsAxis: true,
  gammaInit: true,
  betaInit: true,
  epsilon: true,
  dtype: true,
};

/**
 * `(x − E[x]) / √(Var[x] + epsilon) · gamma + beta`, the biased statistics taken over the axes
 * from `beginNormAxis` to the last (MindSpore `nn.LayerNorm`). Parameters `gamma` and `beta`
 * have shape `normalizedShape`, which must equal `x.shape.slice(beginParamsAxis)`.
 * @example
 * const ln = new nn.LayerNorm([4]);
 * ln.call(tensor([[1, 2, 3, 4]], 'float32')); // [[-1.342, -0.447, 0.447, 1.342]]
 */
export class LayerNorm extends Cell {
  readonly normalizedShape: readonly number[];
  readonly beginNormAxis: number;
  readonly beginParamsAxis: number;
  readonly epsilon: number;
  gamma: Parameter;
  beta: Parameter;

  constructor(normalizedShape: readonly number[], options?: LayerNormOptions) {
    super();
    const o = checkOptions<LayerNormOptions>(options, 'LayerNorm', LAYER_NORM_KEYS);
    if (!Array.isArray(normalizedShape) || !normalizedShape.every((d) => Number.isInteger(d) && d > 0)) {
      // MindSpore: "For 'LayerNorm', the type of 'normalized_shape' must be tuple[int] or list[int], but got {}."
      throw new TypeError(`For 'LayerNorm', the 'normalizedShape' must be an array of positive ints, but got ${show(normalizedShape)}.`);
    }
    const { beginNormAxis = -1, beginParamsAxis = -1, epsilon = 1e-7 } = o;
    for (const [name, v] of [
      ['beginNormAxis', beginNormAxis],
      ['beginParamsAxis', beginParamsAxis],
    ] as const) {
      if (!Number.isInteger(v)) throw new TypeError(`For 'LayerNorm', the '${name}' must be int, but got ${show(v)}.`);
    }
    if (typeof epsilon !== 'number' || !(epsilon >= 0)) {
      throw new TypeError(`For 'LayerNorm', the 'epsilon' must be a number >= 0, but got ${show(epsilon)}.`);
    }
    const dtype = checkDType(o.dtype, 'LayerNorm');
    this.normalizedShape = [...normalizedShape];
    this.beginNormAxis = beginNormAxis;
    this.beginParamsAxis = beginParamsAxis;
    this.epsilon = epsilon;
    const init = (value: InitLike) =>
      value instanceof Tensor ? initializer(value, normalizedShape) : initializer(value, normalizedShape, dtype);
    this.gamma = new Parameter(init(o.gammaInit ?? 'ones'), 'gamma');
    this.beta = new Parameter(init(o.betaInit ?? 'zeros'), 'beta');
  }

  override construct(x: Tensor): Tensor {
    const rank = x.rank;
    const normAxis = axisOf(this.beginNormAxis, rank, 'beginNormAxis');
    const paramsAxis = axisOf(this.beginParamsAxis, rank, 'beginParamsAxis');
    const paramShape = x.shape.slice(paramsAxis);
    if (paramShape.length !== this.normalizedShape.length || paramShape.some((d, i) => d !== this.normalizedShape[i])) {
      throw new RangeError(
        `For 'LayerNorm', the input shape [${x.shape.join(', ')}] from 'beginParamsAxis' ${this.beginParamsAxis} must equal 'normalizedShape' [${this.normalizedShape.join(', ')}].`,
      );
    }
    return tidy(() => {
      const axes = Array.from({ length: rank - normAxis }, (_, i) => normAxis + i);
      const centered = ops.sub(x, ops.mean(x, axes, true));
      const variance = ops.mean(ops.square(centered), axes, true);
      const normed = ops.mul(centered, ops.rsqrt(ops.add(variance, this.epsilon)));
      return ops.add(ops.mul(normed, ops.cast(this.gamma, x.dtype)), ops.cast(this.beta, x.dtype));
    });
  }

  override extendRepr(): string {
    return (
      `normalized_shape=${show(this.normalizedShape)}, begin_norm_axis=${this.beginNormAxis}, ` +
      `begin_params_axis=${this.beginParamsAxis}, gamma=${this.gamma}, beta=${this.beta}`
    );
  }
}

/** `axis` in [-1, rank) (MindSpore's range) as a non-negative axis. */
function axisOf(axis: number, rank: number, name: string): number {
  if (axis < -1 || axis >= rank || rank === 0) {
    throw new RangeError(`For 'LayerNorm', the '${name}' must be in range [-1, ${rank}) for an input of rank ${rank}, but got ${axis}.`);
  }
  return axis < 0 ? axis + rank : axis;
}
