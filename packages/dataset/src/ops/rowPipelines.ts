/**
 * The row-count operations: `repeat`, `take`, `skip`, and `project`, which picks columns.
 */
import type { Pipeline } from '../pipeline.js';
import { derivePlan } from '../worker/plan.js';

/** The pipeline of `repeat(count)`: each repeat is a new epoch of the parent (a new shuffle). */
export function repeatPipeline(parent: Pipeline, count: number): Pipeline {
  return {
    columns: parent.columns,
    knownSize() {
      const n = parent.knownSize();
      if (n === undefined) return undefined;
      return n === 0 ? 0 : n * count;
    },
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount * count,
    worker: derivePlan(parent, (p) => ({ op: 'repeat', parent: p, count })),
    *rows(epoch) {
      for (let r = 0; r < count; r++)
        yield* { [Symbol.iterator]: () => parent.rows(count === Number.POSITIVE_INFINITY ? r : epoch * count + r) };
    },
  };
}

/** The pipeline of `take(count)` (the first `count` rows) or `skip(count)` (all but them). */
export function rangePipeline(parent: Pipeline, start: number, count: number): Pipeline {
  return {
    columns: parent.columns,
    knownSize() {
      const n = parent.knownSize();
      return n === undefined ? undefined : Math.max(0, Math.min(n - start, count));
    },
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount,
    worker: derivePlan(parent, (p) => ({ op: 'range', parent: p, start, count })),
    *rows(epoch) {
      if (count <= 0) return;
      const it = parent.rows(epoch);
      let i = 0;
      for (let r = it.next(); !r.done; r = it.next(), i++) {
        if (i < start) continue;
        yield r.value;
        if (i + 1 - start >= count) return;
      }
    },
  };
}

/** The pipeline of `project(columns)`: the columns at `indices`, in that order. */
export function projectPipeline(parent: Pipeline, indices: readonly number[]): Pipeline {
  return {
    columns: indices.map((i) => parent.columns[i] as string),
    knownSize: () => parent.knownSize(),
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount,
    worker: derivePlan(parent, (p) => ({ op: 'project', parent: p, indices })),
    *rows(epoch) {
      const it = parent.rows(epoch);
      for (let r = it.next(); !r.done; r = it.next()) {
        const row = r.value;
        yield indices.map((i) => row[i] as (typeof row)[number]);
      }
    },
  };
}

/** The pipeline of one part of `split`: the rows whose position in an epoch `member` marks. */
export function subsetPipeline(parent: Pipeline, member: Uint8Array): Pipeline {
  const size = member.reduce((a, b) => a + b, 0);
  return {
    columns: parent.columns,
    knownSize: () => size,
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount,
    worker: derivePlan(parent, (p) => ({ op: 'subset', parent: p, member })),
    *rows(epoch) {
      const it = parent.rows(epoch);
      let i = 0;
      for (let r = it.next(); !r.done; r = it.next(), i++) if (member[i]) yield r.value;
    },
  };
}
