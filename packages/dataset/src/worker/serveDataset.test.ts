import { describe, expect, it } from 'vitest';
import { NumpySlicesDataset } from '../sources/numpySlicesDataset.js';
import { Rescale } from '../transforms/rescale.js';
import type { Plan } from './plan.js';
import { type FeedReply, serveDataset } from './serveDataset.js';

/** The plan of a dataset, as the iterator sends it to a worker. */
function planOf(ds: NumpySlicesDataset | ReturnType<NumpySlicesDataset['batch']>): Plan {
  const support = (ds as unknown as { pipeline: { worker: { plan: () => Plan } } }).pipeline.worker;
  return support.plan();
}

/** A worker's side without a thread: what it posts, and the buffers it gives away. */
function served(plan: Plan, credits: number, endEpoch = 1) {
  const replies: FeedReply[] = [];
  const transferred: ArrayBuffer[][] = [];
  const handle = serveDataset((reply, transfer) => {
    replies.push(reply);
    transferred.push(transfer);
  });
  handle({ type: 'start', plan, epoch: 0, skip: 0, endEpoch, credits });
  return { replies, transferred, grant: (count: number) => handle({ type: 'credit', count }) };
}

describe('serveDataset', () => {
  it('sends no more than it was granted (a bounded queue), then goes on as credits come back', () => {
    const ds = new NumpySlicesDataset({ x: Float32Array.from({ length: 10 }, (_, i) => i) }, { shuffle: false }).batch(3);
    const { replies, grant } = served(planOf(ds), 2);
    expect(replies.map((r) => r.type)).toEqual(['row', 'row']);
    grant(1);
    expect(replies).toHaveLength(3);
    grant(10);
    // 4 batches and the end of the epoch; endEpoch 1 stops it there.
    expect(replies.map((r) => (r.type === 'row' ? Array.from(r.values[0]?.data ?? []) : r.type))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9],
      'end',
    ]);
  });

  it('transfers the buffers it made (batches, transform outputs) and copies the rows that view a source array', () => {
    const ds = new NumpySlicesDataset({ x: Uint8Array.of(1, 2), y: Int32Array.of(5, 6) }, { shuffle: false });
    const plan = planOf(ds.map(new Rescale(2, 0), 'x') as never);
    const { replies, transferred } = served(plan, 10, 2);
    // Two rows per epoch over two epochs: the source arrays stayed whole for the second epoch.
    const rows = replies.filter((r) => r.type === 'row').map((r) => r.values.map((v) => Array.from(v.data)));
    expect(rows).toEqual([
      [[2], [5]],
      [[4], [6]],
      [[2], [5]],
      [[4], [6]],
    ]);
    const source = (plan as Extract<Plan, { op: 'map' }>).parent as Extract<Plan, { op: 'arrays' }>;
    for (const a of source.arrays) expect(a.data.byteLength).toBeGreaterThan(0);
    for (const t of transferred.filter((b) => b.length > 0)) {
      expect(t).toHaveLength(2);
      expect(t.some((b) => source.arrays.some((a) => a.data.buffer === b))).toBe(false);
    }
  });

  it('reports an error once, as its name and message, and then sends nothing more', () => {
    const ds = new NumpySlicesDataset({ x: Float32Array.of(1, 2) }, { shuffle: false });
    const plan = { ...planOf(ds), op: 'nonsense' } as unknown as Plan;
    const { replies, grant } = served({ op: 'batch', parent: plan, batchSize: 1, dropRemainder: false }, 4);
    grant(4);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toEqual({ type: 'error', name: 'TypeError', message: "dataset worker: unknown pipeline stage 'nonsense'." });
  });
});
