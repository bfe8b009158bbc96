/**
 * `nn.SoftmaxCrossEntropyWithLogits`, after mindspore/python/mindspore/nn/loss/loss.py (MindSpore
 * master, mindspore-ai/mindspore_test@1219d9c9441e5e3ba0516dcbce08f7fd8d740957): default
 * `sparse: false` and reduction `'none'`; sparse labels are one-hot encoded (for `'mean'`
 * MindSpore calls `SparseSoftmaxCrossEntropyWithLogits`, which gives the same batch mean).
 */
import * as ops from '@mindts/ops';
import { isFloat, isInt, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { checkBool, positionalOptions } from '../checks.js';
import { checkLabelRange } from './labelRange.js';
import { checkIsTensor, LossBase, type Reduction } from './lossBase.js';

/**
 * Options of {@link SoftmaxCrossEntropyWithLogits}.
 * @example
 * new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
 */
export interface SoftmaxCrossEntropyWithLogitsOptions {
  /** Labels are class indices `[N]` (int32/int64) rather than distributions `[N, C]` (default false). */
  sparse?: boolean;
  /** Default `'none'`, as in MindSpore. */
  reduction?: Reduction;
}

const SCE_KEYS: OptionKeys<SoftmaxCrossEntropyWithLogitsOptions> = { sparse: true, reduction: true };

/**
 * `−Σ_c labels[n, c] · logSoftmax(logits)[n, c]` for `logits` `[N, C]`, one value per sample,
 * reduced by `reduction` (MindSpore `nn.SoftmaxCrossEntropyWithLogits`). With `sparse`, a label
 * outside [0, C) is a RangeError naming it and the class count; checking reads the labels to the
 * host each call, and is skipped where they cannot be read synchronously (under `jit` tracing,
 * WebGPU results).
 * @example
 * const loss = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true });
 * loss.call(tensor([[3, 5, 6, 9, 12, 33, 42, 12, 32, 72]], 'float32'), tensor([1])); // [67]
 */
export class SoftmaxCrossEntropyWithLogits extends LossBase {
  readonly sparse: boolean;

  /** `new nn.SoftmaxCrossEntropyWithLogits(options?)`, or MindSpore's positional `(sparse, reduction)`. */
  constructor(...args: [options?: SoftmaxCrossEntropyWithLogitsOptions] | [sparse: boolean, reduction?: Reduction]) {
    const options = positionalOptions<SoftmaxCrossEntropyWithLogitsOptions>(
      args,
      ['sparse', 'reduction'],
      'SoftmaxCrossEntropyWithLogits',
      SCE_KEYS,
    );
    super(options.reduction ?? 'none');
    this.sparse = checkBool(options.sparse ?? false, 'sparse', 'SoftmaxCrossEntropyWithLogits');
  }

  override construct(logits: Tensor, labels: Tensor): Tensor {
    const cls = 'SoftmaxCrossEntropyWithLogits';
    checkIsTensor(logits, 'logits', cls);
    checkIsTensor(labels, 'labels', cls);
    if (logits.rank !== 2 || !isFloat(logits.dtype)) {
      throw new TypeError(
        `For '${cls}', the 'logits' must be a float Tensor of shape (N, C), but got ${logits.dtype} [${logits.shape.join(', ')}].`,
      );
    }
    const [n, c] = logits.shape as [number, number];
    if (this.sparse) {
      if (!isInt(labels.dtype))
        throw new TypeError(`For '${cls}', the 'labels' must be int32 or int64 when 'sparse' is true, but got ${labels.dtype}.`);
      if (labels.rank !== 1 || labels.shape[0] !== n) {
        throw new RangeError(
          `For '${cls}', the shape of 'labels' must be (N,) = (${n},) when 'sparse' is true, but got [${labels.shape.join(', ')}].`,
        );
      }
      checkLabelRange(labels, c, cls);
    } else {
      if (!isFloat(labels.dtype))
        throw new TypeError(`For '${cls}', the 'labels' must be a float Tensor when 'sparse' is false, but got ${labels.dtype}.`);
      if (labels.rank !== 2 || labels.shape[0] !== n || labels.shape[1] !== c) {
        throw new RangeError(
          `For '${cls}', the shape of 'labels' must be the shape of 'logits' (${n}, ${c}), but got [${labels.shape.join(', ')}].`,
        );
      }
    }
    return tidy(() => {
      const target = this.sparse ? ops.cast(ops.oneHot(labels, c), logits.dtype) : labels;
      return this.getLoss(ops.neg(ops.sum(ops.mul(target, ops.logSoftmax(logits, -1)), -1)));
    });
  }
}
