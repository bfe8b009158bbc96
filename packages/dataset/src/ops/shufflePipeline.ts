/**
 * `shuffle`: MindSpore's buffer shuffle, seeded per epoch.
 */
import { seededRandom } from '@mindts/datasets';
import type { Pipeline, Row } from '../pipeline.js';
import { epochSeed } from '../seedState.js';
import { derivePlan } from '../worker/plan.js';

/**
 * The pipeline of `shuffle(bufferSize)`: fills a buffer of `bufferSize` rows, then hands out a
 * random one and puts the next row in its place; at the end it empties the buffer in random
 * order. A buffer at least as large as the dataset gives a uniform shuffle. Epoch `e` draws from
 * a seed made of `seed` and `e`: a new order each epoch, the same orders on every run.
 */
export function shufflePipeline(parent: Pipeline, bufferSize: number, seed: number): Pipeline {
  return {
    columns: parent.columns,
    knownSize: () => parent.knownSize(),
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount,
    worker: derivePlan(parent, (p) => ({ op: 'shuffle', parent: p, bufferSize, seed })),
    *rows(epoch) {
      const next = seededRandom(epochSeed(seed, epoch));
      const buffer: Row[] = [];
      const it = parent.rows(epoch);
      for (let r = it.next(); !r.done; r = it.next()) {
        if (buffer.length < bufferSize) {
          buffer.push(r.value);
          continue;
        }
        const j = Math.floor(next() * bufferSize);
        const out = buffer[j] as Row;
        buffer[j] = r.value;
        yield out;
      }
      while (buffer.length > 0) {
        const j = Math.floor(next() * buffer.length);
        const out = buffer[j] as Row;
        buffer[j] = buffer[buffer.length - 1] as Row;
        buffer.pop();
        yield out;
      }
    },
  };
}
