/**
 * The worker's side of worker prefetch, the same in Node and in a browser: rebuilds the pipeline
 * from its plan and sends rows (or batches) ahead, as many as the main thread has granted credits
 * for, so a slow consumer holds the worker back (a bounded queue) instead of filling memory.
 */
import type { HostArray } from '../hostArray.js';
import type { Pipeline, Row } from '../pipeline.js';
import { buildPipeline, sourceBuffers } from './buildPipeline.js';
import type { Plan } from './plan.js';

/** What the main thread sends. */
export type FeedRequest =
  | {
      readonly type: 'start';
      readonly plan: Plan;
      /** The epoch to start at, and how many of its rows were already handed out (a resumed pass). */
      readonly epoch: number;
      readonly skip: number;
      /** The epoch to stop before (Infinity: no limit). */
      readonly endEpoch: number;
      /** Messages the worker may send before it is granted more. */
      readonly credits: number;
    }
  | { readonly type: 'credit'; readonly count: number };

/** What the worker sends: a row (or batch), the end of an epoch, or the error that stopped it. */
export type FeedReply =
  | { readonly type: 'row'; readonly values: readonly HostArray[] }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly name: string; readonly message: string };

/**
 * A row with buffers the worker may give away: each value's buffer is transferred when the value
 * is the whole of it (a batch, a transform's output), copied when it views a source array (which
 * later rows still read) or shares its buffer with another value. (A browser's worker transfers
 * them; a Node worker copies the row into its shared slots instead, slotRing.ts.)
 */
function detachable(row: Row, keep: Set<ArrayBufferLike>): { values: HostArray[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const values = row.map((v) => {
    const { buffer } = v.data;
    const whole = v.data.byteOffset === 0 && v.data.byteLength === buffer.byteLength;
    if (whole && buffer instanceof ArrayBuffer && !keep.has(buffer) && !transfer.includes(buffer)) {
      transfer.push(buffer);
      return v;
    }
    const data = v.data.slice();
    transfer.push(data.buffer as ArrayBuffer);
    return { data, shape: v.shape, dtype: v.dtype } as HostArray;
  });
  return { values, transfer };
}

/**
 * A handler for the main thread's requests; `post` sends a reply (with the buffers to transfer).
 * With `transfers` false, rows go to `post` as they are, to be copied (a Node worker's shared
 * slots), so none is copied to be made transferable first.
 * @example
 * const handle = serveDataset((reply, transfer) => port.postMessage(reply, transfer));
 * port.on('message', handle);
 */
export function serveDataset(post: (reply: FeedReply, transfer: ArrayBuffer[]) => void, transfers = true): (request: FeedRequest) => void {
  let pipeline: Pipeline | undefined;
  let keep = new Set<ArrayBufferLike>();
  let rows: Iterator<Row> | undefined;
  let epoch = 0;
  let endEpoch = 0;
  let credits = 0;
  let failed = false;

  const fail = (error: unknown) => {
    failed = true;
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message }, []);
  };

  const pump = () => {
    try {
      while (credits > 0 && !failed && pipeline && epoch < endEpoch) {
        rows ??= pipeline.rows(epoch);
        const r = rows.next();
        credits--;
        if (r.done) {
          rows = undefined;
          epoch++;
          post({ type: 'end' }, []);
        } else {
          if (transfers) {
            const { values, transfer } = detachable(r.value, keep);
            post({ type: 'row', values }, transfer);
          } else post({ type: 'row', values: r.value }, []);
        }
      }
    } catch (error) {
      fail(error);
    }
  };

  return (request) => {
    if (failed) return;
    if (request.type === 'credit') credits += request.count;
    else {
      try {
        pipeline = buildPipeline(request.plan);
        keep = sourceBuffers(request.plan);
        ({ epoch, endEpoch, credits } = request);
        // A resumed pass: the rows already handed out are made again and dropped.
        if (request.skip > 0 && epoch < endEpoch) {
          rows = pipeline.rows(epoch);
          for (let i = 0; i < request.skip; i++) rows.next();
        }
      } catch (error) {
        fail(error);
        return;
      }
    }
    pump();
  };
}
