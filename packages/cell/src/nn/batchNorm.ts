/**
 * Batch normalization, after `_BatchNorm`, `BatchNorm1d` and `BatchNorm2d` in
 * mindspore/python/mindspore/nn/layer/normalization.py (MindSpore master, mirrored in
 * mindspore-ai/mindspore_test@0451ecf1a71ad4294db3138c243cf5d8153d4875).
 *
 * Moving statistics: `moving = momentum·moving + (1 − momentum)·batch`, the convention of
 * MindSpore's `momentum=0.9` (the primitive gets `1 − momentum`). The variance folded into
 * `moving_variance` is the unbiased batch variance (× n/(n−1), 0 when n = 1), as MindSpore's
 * Ascend kernel (`bn_training_update`, `batch_var_scaler`) and its GPU kernel (cuDNN) do; its CPU
 * kernel (`batch_norm_cpu_kernel.cc`, oneDNN) folds the biased one. The output is always
 * normalised with the biased batch variance.
 */
import type { InitLike } from '@mindts/initializer';
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type DType, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { typeName } from '../cellState.js';
import { checkBool, checkDType, disposeOwnParameters } from './checks.js';

/**
 * Options of {@link BatchNorm1d} and {@link BatchNorm2d}, in MindSpore's order.
 * @example
 * new nn.BatchNorm2d(16, { momentum: 0.99, eps: 1e-3 });
 */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the old moving statistics in each update, in [0, 1] (default 0.9). */
  momentum?: number;
  /** Whether `gamma` and `beta` are trainable (default true). */
  affine?: boolean;
  /** Initializers (defaults 'ones', 'zeros', 'zeros', 'ones'). */
  gammaInit?: InitLike;
  betaInit?: InitLike;
  movingMeanInit?: InitLike;
  movingVarInit?: InitLike;
  /**
   * `null` (default): batch statistics (and moving-statistic updates) in training mode, moving
   * statistics in inference; `true`: always batch statistics; `false`: always moving statistics.
   */
  useBatchStatistics?: boolean | null;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

const BATCH_NORM_KEYS: OptionKeys<BatchNormOptions> = {
  eps: true,
  momentum: true,
  affine: true,
  gammaInit: true,
  betaInit: true,
  movingMeanInit: true,
  movingVarInit: true,
  useBatchStatistics: true,
  dtype: true,
};

/** What BatchNorm1d and BatchNorm2d share (MindSpore's `_BatchNorm`). */
export abstract class BatchNormBase extends Cell {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number;
  readonly useBatchStatistics: boolean | null;
  /** Registered under MindSpore's key `moving_mean` (checkpoint names such as `bn.moving_mean` depend on it). */
  moving_mean: Parameter;
  /** Registered under MindSpore's key `moving_variance`. */
  moving_variance: Parameter;
  gamma: Parameter;
  beta: Parameter;

  constructor(numFeatures: number, options?: BatchNormOptions) {
    checkArity(arguments.length, 2, new.target.name);
    const opts = checkOptions<BatchNormOptions>(options, new.target.name, BATCH_NORM_KEYS);
    super();
    const cls = this.constructor.name;
    if (typeof numFeatures !== 'number' || !Number.isInteger(numFeatures)) {
      throw new TypeError(`For '${cls}', the 'numFeatures' must be int, but got ${typeName(numFeatures)}.`);
    }
    if (numFeatures < 1) throw new RangeError(`For '${cls}', the 'numFeatures' must be at least 1, but got ${numFeatures}.`);
    const { eps = 1e-5, momentum = 0.9, affine = true, useBatchStatistics = null } = opts;
    if (typeof eps !== 'number' || !(eps >= 0))
      throw new TypeError(`For '${cls}', the 'eps' must be a number >= 0, but got ${String(eps)}.`);
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new RangeError(`For '${cls}', the 'momentum' must be a number in range [0, 1], but got ${String(momentum)}.`);
    }
    if (useBatchStatistics !== null && typeof useBatchStatistics !== 'boolean') {
      throw new TypeError(`For '${cls}', the 'useBatchStatistics' must be a boolean value or null, but got ${String(useBatchStatistics)}.`);
    }
    checkBool(affine, 'affine', cls);
    const dtype = checkDType(opts.dtype, cls);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.useBatchStatistics = useBatchStatistics;
    // MindSpore's names and order: the moving statistics are called 'mean' and 'variance'.
    const init = (value: InitLike) => initializer(value, [numFeatures], dtype);
    try {
      this.moving_mean = new Parameter(init(opts.movingMeanInit ?? 'zeros'), 'mean', { requiresGrad: false });
      this.moving_variance = new Parameter(init(opts.movingVarInit ?? 'ones'), 'variance', { requiresGrad: false });
      this.gamma = new Parameter(init(opts.gammaInit ?? 'ones'), 'gamma', { requiresGrad: affine });
      this.beta = new Parameter(init(opts.betaInit ?? 'zeros'), 'beta', { requiresGrad: affine });
    } catch (err) {
      // A refused initializer frees the statistics already made.
      disposeOwnParameters(this);
      throw err;
    }
  }

  /** `moving_mean`, camelCase. */
  get movingMean(): Parameter {
    return this.moving_mean;
  }

  /** `moving_variance`, camelCase. */
  get movingVariance(): Parameter {
    return this.moving_variance;
  }

  /** Throws unless `shape` has a rank this layer accepts. */
  protected abstract checkInputDim(shape: readonly number[]): void;

  override construct(x: Tensor): Tensor {
    this.checkInputDim(x.shape);
    if (x.shape[1] !== this.numFeatures) {
      throw new RangeError(
        `For '${this.constructor.name}', the input has ${x.shape[1]} channels (shape [${x.shape.join(', ')}]), but 'numFeatures' is ${this.numFeatures}.`,
      );
    }
    const batchStatistics = this.useBatchStatistics ?? this.training;
    return tidy(() => {
      const y = batchStatistics ? this.normalizeWithBatch(x) : this.normalize(x, this.moving_mean, this.moving_variance);
      return y.dtype === x.dtype || !['float16', 'float32', 'float64'].includes(x.dtype) ? y : ops.cast(y, x.dtype);
    });
  }

  /** `(x − mean) / √(variance + eps) · gamma + beta`, the statistics per channel (axis 1). */
  private normalize(x: Tensor, mean: Tensor, variance: Tensor): Tensor {
    const shape = x.shape.map((d, i) => (i === 1 ? d : 1));
    const scale = ops.div(ops.reshape(this.gamma, shape), ops.sqrt(ops.add(ops.reshape(variance, shape), this.eps)));
    return ops.add(ops.mul(ops.sub(x, ops.reshape(mean, shape)), scale), ops.reshape(this.beta, shape));
  }

  private normalizeWithBatch(x: Tensor): Tensor {
    const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
    const n = axes.reduce((acc, a) => acc * (x.shape[a] as number), 1);
    const mean = ops.mean(x, axes);
    const variance = ops.mean(
      ops.square(
        ops.sub(
          x,
          ops.reshape(
            mean,
            x.shape.map((d, i) => (i === 1 ? d : 1)),
          ),
        ),
      ),
      axes,
    );
    const m = this.momentum;
    const unbiased = n === 1 ? 0 : n / (n - 1);
    // Everything is computed before the moving statistics are written: a failure changes neither.
    const nextMean = ops.add(ops.mul(this.moving_mean, m), ops.mul(mean, 1 - m));
    const nextVariance = ops.add(ops.mul(this.moving_variance, m), ops.mul(variance, (1 - m) * unbiased));
    const y = this.normalize(x, mean, variance);
    ops.assign(this.moving_mean, nextMean);
    ops.assign(this.moving_variance, nextVariance);
    return y;
  }

  override extendRepr(): string {
    return (
      `num_features=${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, gamma=${this.gamma}, ` +
      `beta=${this.beta}, moving_mean=${this.moving_mean}, moving_variance=${this.moving_variance}`
    );
  }
}

/**
 * Batch normalization of `[N, C]` or `[N, C, L]` inputs over all axes but the channel axis
 * (MindSpore `nn.BatchNorm1d`). Parameters: `moving_mean`, `moving_variance` (not trainable,
 * updated only in training mode), `gamma`, `beta`.
 * @example
 * const bn = new nn.BatchNorm1d(4);
 * bn.setTrain().call(x); // normalises with the batch statistics and updates the moving ones
 */
export class BatchNorm1d extends BatchNormBase {
  protected override checkInputDim(shape: readonly number[]): void {
    // MindSpore: "For 'BatchNorm1d', the must have 2 dims or 3 dims, but got {dim}."
    if (shape.length !== 2 && shape.length !== 3) {
      throw new RangeError(`For 'BatchNorm1d', the input must have 2 dims or 3 dims, but got ${shape.length}.`);
    }
  }
}

/**
 * Batch normalization of `[N, C, H, W]` inputs over N, H and W (MindSpore `nn.BatchNorm2d`).
 * Parameters: `moving_mean`, `moving_variance` (not trainable, updated only in training mode),
 * `gamma`, `beta`.
 * @example
 * const bn = new nn.BatchNorm2d(3);
 * bn.call(ones([1, 3, 2, 2])); // inference: (x − 0) / √(1 + 1e-5) ≈ 0.999995
 */
export class BatchNorm2d extends BatchNormBase {
  protected override checkInputDim(shape: readonly number[]): void {
    // MindSpore: "For 'BatchNorm2d', the in_shape must have 4 dims, but got {dim}."
    if (shape.length !== 4) throw new RangeError(`For 'BatchNorm2d', the in_shape must have 4 dims, but got ${shape.length}.`);
  }
}
