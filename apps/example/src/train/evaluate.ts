/**
 * Held-out evaluation: accuracy and mean loss of a classifier, in inference mode, batch by batch.
 */
import type { Cell } from '@mindts/cell';
import { batches } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';

/**
 * What {@link evaluate} measures.
 * @example
 * const { accuracy, loss, predictions }: Evaluation = evaluate(net, lossFn, images, labels);
 */
export interface Evaluation {
  /** The fraction of images whose largest logit is their label, in [0, 1]. */
  readonly accuracy: number;
  /** The mean loss per image. */
  readonly loss: number;
  /** The predicted class (largest logit) of every image, in order. */
  readonly predictions: Int32Array;
}

/**
 * The number of rows of `logits` `[n, C]` whose arg-max equals `labels` `[n]`.
 * @example
 * countCorrect(tensor([[0, 1], [1, 0]], 'float32'), tensor([1, 1])); // 1
 */
export function countCorrect(logits: Tensor, labels: Tensor): number {
  return tidy(() => ops.sum(ops.cast(ops.equal(ops.argmax(logits, 1), ops.cast(labels, 'int32')), 'int32')).dataSync()[0] as number);
}

/**
 * Runs `net` over `images` in inference mode (batch normalization uses its moving statistics,
 * dropout is off) and compares with `labels`; the net's training mode is restored afterwards.
 * `loss` must reduce by mean.
 * @example
 * const { accuracy } = evaluate(net, new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' }), test.images, test.labels);
 */
export function evaluate(net: Cell, loss: Cell, images: Tensor, labels: Tensor, batchSize = 500): Evaluation {
  const training = net.training;
  net.setTrain(false);
  let correct = 0;
  let lossSum = 0;
  const n = images.shape[0] as number;
  const predictions = new Int32Array(n);
  let at = 0;
  try {
    for (const batch of batches(images, labels, batchSize)) {
      const [c, l] = tidy(() => {
        const logits = net.call(batch.images) as Tensor;
        const value = (loss.call(logits, batch.labels) as Tensor).dataSync()[0] as number;
        const predicted = ops.argmax(logits, 1).dataSync() as Int32Array;
        const truth = ops.cast(batch.labels, 'int32').dataSync() as Int32Array;
        predictions.set(predicted, at);
        return [predicted.filter((p, i) => p === truth[i]).length, value * (batch.labels.shape[0] as number)];
      });
      at += batch.labels.shape[0] as number;
      correct += c;
      lossSum += l;
      batch.images.dispose();
      batch.labels.dispose();
    }
  } finally {
    net.setTrain(training);
  }
  return { accuracy: n === 0 ? 0 : correct / n, loss: n === 0 ? 0 : lossSum / n, predictions };
}
