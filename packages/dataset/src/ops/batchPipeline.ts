/**
 * `batch`: stacks consecutive rows into batches along a new first axis.
 */
import { type HostArray, stack } from '../hostArray.js';
import type { Pipeline, Row } from '../pipeline.js';
import { derivePlan } from '../worker/plan.js';

/** The pipeline of `batch(batchSize, { dropRemainder })`. */
export function batchPipeline(parent: Pipeline, batchSize: number, dropRemainder: boolean): Pipeline {
  const stackRows = (rows: Row[]): Row =>
    parent.columns.map((c, k) =>
      stack(
        rows.map((r) => r[k] as HostArray),
        c,
      ),
    );
  return {
    columns: parent.columns,
    knownSize() {
      const n = parent.knownSize();
      if (n === undefined || n === Number.POSITIVE_INFINITY) return n;
      return dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    },
    batchSize,
    repeatCount: parent.repeatCount,
    worker: derivePlan(parent, (p) => ({ op: 'batch', parent: p, batchSize, dropRemainder })),
    *rows(epoch) {
      let pending: Row[] = [];
      const it = parent.rows(epoch);
      for (let r = it.next(); !r.done; r = it.next()) {
        pending.push(r.value);
        if (pending.length === batchSize) {
          yield stackRows(pending);
          pending = [];
        }
      }
      if (pending.length > 0 && !dropRemainder) yield stackRows(pending);
    },
  };
}
