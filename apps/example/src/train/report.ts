/**
 * What `train` prints about a run: the line after each epoch, losses in nats and bits per
 * character, and percentages.
 */
import type { EpochRecord } from './trainer.js';

/**
 * The line printed after an epoch: losses and accuracies; with a `baseline` (a language model),
 * losses in nats and bits per character against the bigram's held-out loss.
 * @example
 * epochLine(record, 2, null); // 'epoch 1/2: train loss 0.4213, train accuracy 88.10 % · held-out loss …'
 */
export function epochLine(record: EpochRecord, epochs: number, baseline: number | null): string {
  const head = `epoch ${record.epoch}/${epochs}: `;
  const time = ` · ${record.seconds.toFixed(1)} s`;
  if (baseline === null) {
    return (
      `${head}train loss ${record.trainLoss.toFixed(4)}, train accuracy ${pct(record.trainAccuracy)} · ` +
      `held-out loss ${record.testLoss.toFixed(4)}, held-out accuracy ${pct(record.testAccuracy)}${time}`
    );
  }
  return (
    `${head}train ${natsAndBits(record.trainLoss)} · held-out ${natsAndBits(record.testLoss)}, ` +
    `next-character accuracy ${pct(record.testAccuracy)} · bigram ${natsAndBits(baseline)}${time}`
  );
}

/**
 * A loss per character in nats and in bits.
 * @example
 * natsAndBits(Math.LN2); // '0.6931 nats (1.000 bits/char)'
 */
export function natsAndBits(nats: number): string {
  return `${nats.toFixed(4)} nats (${(nats / Math.LN2).toFixed(3)} bits/char)`;
}

/**
 * A fraction as a percentage with two decimals.
 * @example
 * pct(0.91234); // '91.23 %'
 */
export function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
