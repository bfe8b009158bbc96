/**
 * The page trainers' endless stream of mini-batches: each epoch a new seeded shuffle, so the
 * order depends only on the seed, and a trainer loaded from a checkpoint can seek to where the
 * saving one was.
 */
import { type Batch, batchCount, batches } from '@mindts/datasets';
import type { Tensor } from '@mindts/tensor';

/**
 * Batches of `x` and `y` (rows kept together), shuffled anew each epoch with seed `seed · 1000 + epoch`.
 * @example
 * const stream = new EpochBatches(images, labels, 32, 1);
 * const { images: x, labels: y } = stream.next(); // free them when done
 */
export class EpochBatches {
  private epoch = 0;
  private current: Iterator<Batch> | undefined;

  constructor(
    private readonly x: Tensor,
    private readonly y: Tensor,
    private readonly batchSize: number,
    private readonly seed: number,
  ) {}

  /** The next mini-batch (the caller frees its tensors), starting a new shuffle at each epoch's end. */
  next(): Batch {
    for (;;) {
      const next = this.current?.next();
      if (next && !next.done) return next.value;
      this.epoch++;
      this.current = batches(this.x, this.y, this.batchSize, { shuffle: true, seed: this.seed * 1000 + this.epoch });
    }
  }

  /** Puts the stream where it is after `steps` batches (each epoch's order depends only on the seed). */
  seek(steps: number): void {
    const perEpoch = batchCount(this.x.shape[0] as number, this.batchSize);
    this.epoch = Math.floor(steps / perEpoch);
    this.current = undefined;
    for (let i = 0; i < steps % perEpoch; i++) {
      const skipped = this.next();
      skipped.images.dispose();
      skipped.labels.dispose();
    }
  }
}
