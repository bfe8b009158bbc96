/**
 * The range check of class-index labels: a label outside [0, C) would otherwise pick no class
 * (a one-hot row of zeros) and give a silently wrong loss.
 */
import type { Tensor } from '@mindts/tensor';
import { isTracing, tensorInfo } from '@mindts/tensor/backend';

/**
 * Throws a RangeError naming the first label of `labels` outside [0, `classes`) that is not
 * `ignoreIndex`, with its index and the class count. Reads the labels to the host; where a read
 * is impossible the check is skipped: under `jit` tracing (the traced graph cannot branch on
 * values) and for labels a backend can only read asynchronously (gpu.js WebGPU results not yet
 * read back; labels built from host data can be read).
 */
export function checkLabelRange(labels: Tensor, classes: number, cls: string, ignoreIndex?: number): void {
  if (isTracing()) return;
  const { backend, dataId } = tensorInfo(labels);
  const canReadSync = (backend as { canReadSync?: (id: unknown) => boolean }).canReadSync;
  if (typeof canReadSync === 'function' && !canReadSync.call(backend, dataId)) return;
  const values = labels.dataSync() as ArrayLike<number | bigint>;
  for (let i = 0; i < values.length; i++) {
    const label = Number(values[i]);
    if ((label < 0 || label >= classes) && label !== ignoreIndex) {
      const ignored = ignoreIndex === undefined ? '' : ` or equal 'ignoreIndex' (${ignoreIndex})`;
      throw new RangeError(
        `For '${cls}', the label ${label} (at flat index ${i} of 'labels') is out of range: with ${classes} classes a label must be in [0, ${classes})${ignored}.`,
      );
    }
  }
}
