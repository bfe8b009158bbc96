/**
 * Held-out evaluation: accuracy and mean loss of a classifier (or of a language model's
 * next-character predictions), in inference mode, batch by batch.
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
  /** The fraction of labels (images, or predicted characters) that the largest logit names, in [0, 1]. */
  readonly accuracy: number;
  /** The mean loss per label. */
  readonly loss: number;
  /** The predicted class (largest logit) of every label position, in order (negative labels included). */
  readonly predictions: Int32Array;
}

/**
 * The number of rows of `logits` `[n, C]` whose arg-max equals `labels` (`[n]`, or any shape of
 * `n` values: they are flattened). A negative (ignored) label never matches.
 * @example
 * countCorrect(tensor([[0, 1], [1, 0]], 'float32'), tensor([1, 1])); // 1
 */
export function countCorrect(logits: Tensor, labels: Tensor): number {
  return tidy(
    () =>
      ops.sum(ops.cast(ops.equal(ops.argmax(logits, 1), ops.reshape(ops.cast(labels, 'int32'), [-1])), 'int32')).dataSync()[0] as number,
  );
}

/**
 * How many labels count: those ≥ 0 (a language model's targets past a word's end are −100).
 * @example
 * countLabelled(tensor([[3, 1, -100]], 'int32')); // 2
 */
export function countLabelled(labels: Tensor): number {
  let n = 0;
  for (const v of labels.dataSync()) if (v >= 0) n++;
  return n;
}

/**
 * Runs `net` over `images` in inference mode (batch normalization uses its moving statistics,
 * dropout is off) and compares with `labels`; the net's training mode is restored afterwards.
 * `loss` must reduce by mean over the labels ≥ 0. Logits of rank 3 or more (`[batch, seq, C]`)
 * are compared position by position with `labels` `[batch, seq]`.
 * @example
 * const { accuracy } = evaluate(net, new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' }), test.images, test.labels);
 */
export function evaluate(net: Cell, loss: Cell, images: Tensor, labels: Tensor, batchSize = 500): Evaluation {
  const training = net.training;
  net.setTrain(false);
  let correct = 0;
  let lossSum = 0;
  const predictions = new Int32Array(labels.size);
  let n = 0;
  let at = 0;
  try {
    for (const batch of batches(images, labels, batchSize)) {
      const [c, l, m] = tidy(() => {
        let logits = net.call(batch.images) as Tensor;
        if (logits.rank > 2) logits = ops.reshape(logits, [-1, logits.shape[logits.rank - 1] as number]);
        const truthTensor = ops.reshape(ops.cast(batch.labels, 'int32'), [-1]);
        const value = (loss.call(logits, truthTensor) as Tensor).dataSync()[0] as number;
        const predicted = ops.argmax(logits, 1).dataSync() as Int32Array;
        const truth = truthTensor.dataSync() as Int32Array;
        predictions.set(predicted, at);
        const labelled = truth.filter((t) => t >= 0).length;
        return [predicted.filter((p, i) => p === truth[i]).length, value * labelled, labelled];
      });
      at += batch.labels.size;
      correct += c;
      lossSum += l;
      n += m;
      batch.images.dispose();
      batch.labels.dispose();
    }
  } finally {
    net.setTrain(training);
  }
  return { accuracy: n === 0 ? 0 : correct / n, loss: n === 0 ? 0 : lossSum / n, predictions };
}
