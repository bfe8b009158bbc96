/**
 * Group normalization, after `GroupNorm` in mindspore/python/mindspore/nn/layer/normalization.py
 * (MindSpore 2.x): the channels split into `numGroups` groups, each normalised with its own
 * statistics over its channels and the spatial axes.
 */
import { type InitLike, initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, keep, type OptionKeys, Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkBool, checkDType, checkPositiveInt, show } from './checks.js';

/**
 * Options of {@link GroupNorm}, in MindSpore's order.
 * @example
 * new nn.GroupNorm(4, 32, { eps: 1e-6, affine: false });
 */
export interface GroupNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Whether `gamma` and `beta` are Parameters (default true); when false they are fixed Tensors. */
  affine?: boolean;
  /** `gamma`'s initializer (default 'ones'); a Tensor must be `[numChannels]`. */
  gammaInit?: InitLike;
  /** `beta`'s initializer (default 'zeros'); a Tensor must be `[numChannels]`. */
  betaInit?: InitLike;
  /** The dtype of `gamma` and `beta` (default float32). */
  dtype?: DType;
}

const GROUP_NORM_KEYS: OptionKeys<GroupNormOptions> = { eps: true, affine: true, gammaInit: true, betaInit: true, dtype: true };

/**
 * Group normalization of `[N, C, *]` inputs (MindSpore `nn.GroupNorm`): the `C = numChannels`
 * channels form `numGroups` groups; each sample's group is normalised with its biased mean and
 * variance, then scaled by `gamma` and shifted by `beta` per channel.
 * @example
 * const gn = new nn.GroupNorm(2, 4);
 * gn.call(randn([8, 4, 5, 5])).shape; // [8, 4, 5, 5]
 */
export class GroupNorm extends Cell {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  gamma: Parameter | Tensor;
  beta: Parameter | Tensor;

  constructor(numGroups: number, numChannels: number, options?: GroupNormOptions) {
    super();
    const o = checkOptions<GroupNormOptions>(options, 'GroupNorm', GROUP_NORM_KEYS);
    this.numGroups = checkPositiveInt(numGroups, 'numGroups', 'GroupNorm');
    this.numChannels = checkPositiveInt(numChannels, 'numChannels', 'GroupNorm');
    if (numChannels % numGroups !== 0) {
      // MindSpore: "For 'GroupNorm', the 'num_channels' should be divided by 'num_groups', but got ..."
      throw new RangeError(
        `For 'GroupNorm', the 'numChannels' should be divided by 'numGroups', but got 'numChannels': ${numChannels}, 'numGroups': ${numGroups}.`,
      );
    }
    const eps = o.eps ?? 1e-5;
    if (typeof eps !== 'number' || !(eps >= 0))
      throw new TypeError(`For 'GroupNorm', the 'eps' must be a number >= 0, but got ${show(eps)}.`);
    this.eps = eps;
    this.affine = checkBool(o.affine ?? true, 'affine', 'GroupNorm');
    const dtype = checkDType(o.dtype, 'GroupNorm');
    const inits = [
      ['gammaInit', o.gammaInit ?? 'ones'],
      ['betaInit', o.betaInit ?? 'zeros'],
    ] as const;
    // Both are checked before either is built, so a refused one leaves nothing behind.
    for (const [what, value] of inits) {
      if (value instanceof Tensor && (value.rank !== 1 || value.shape[0] !== numChannels)) {
        throw new RangeError(
          `For 'GroupNorm', the '${what}' Tensor must have shape [${numChannels}], but got [${value.shape.join(', ')}].`,
        );
      }
    }
    const [gamma, beta] = inits.map(([, value]) =>
      value instanceof Tensor ? initializer(value, [numChannels]) : initializer(value, [numChannels], dtype),
    ) as [Tensor, Tensor];
    if (this.affine) {
      this.gamma = new Parameter(gamma, 'gamma');
      this.beta = new Parameter(beta, 'beta');
    } else {
      // As in MindSpore: fixed Tensors, not registered as Parameters (kept out of `tidy`, disposed with the Cell).
      this.gamma = keep(gamma);
      this.beta = keep(beta);
    }
  }

  override construct(x: Tensor): Tensor {
    if (x.rank < 2 || x.shape[1] !== this.numChannels) {
      throw new RangeError(
        `For 'GroupNorm', the input must be [N, ${this.numChannels}, *] ('numChannels' ${this.numChannels}), but got shape [${x.shape.join(', ')}].`,
      );
    }
    return tidy(() => {
      const n = x.shape[0] as number;
      const grouped = ops.reshape(x, [n, this.numGroups, -1]);
      const centered = ops.sub(grouped, ops.mean(grouped, 2, true));
      const variance = ops.mean(ops.square(centered), 2, true);
      const normed = ops.reshape(ops.mul(centered, ops.rsqrt(ops.add(variance, this.eps))), x.shape);
      const perChannel = [this.numChannels, ...x.shape.slice(2).map(() => 1)];
      const gamma = ops.reshape(ops.cast(this.gamma, x.dtype), perChannel);
      const beta = ops.reshape(ops.cast(this.beta, x.dtype), perChannel);
      return ops.add(ops.mul(normed, gamma), beta);
    });
  }

  override dispose(): void {
    super.dispose();
    if (!this.affine) {
      this.gamma.dispose();
      this.beta.dispose();
    }
  }

  override extendRepr(): string {
    return `num_groups=${this.numGroups}, num_channels=${this.numChannels}`;
  }
}
