import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, type Tensor } from '@mindts/tensor';
import { isDisposed } from '@mindts/tensor/backend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as config from '../config.js';
import type { Dataset } from '../dataset.js';
import type { DatasetIterator } from '../datasetIterator.js';
import { GeneratorDataset } from '../sources/generatorDataset.js';
import { MnistDataset } from '../sources/mnistDataset.js';
import { NumpySlicesDataset } from '../sources/numpySlicesDataset.js';
import { HWC2CHW, Normalize, OneHot, Rescale, TypeCast } from '../transforms/index.js';

// Worker tests start real threads: each is bounded by a timeout, and a blocked wait gives up
// when the worker thread ends (see workerFeed.ts), so a failure cannot hang the run.
const T = { timeout: 30_000 };

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

afterEach(() => {
  config.setNumParallelWorkers(0);
  config.setPrefetchSize(16);
});

/** 23 rows: `x` uint8 [2, 2, 1], `y` a label 0..4; transformed, shuffled, batched, repeated. */
function pipeline(): Dataset {
  config.setSeed(7);
  const n = 23;
  const x = Uint8Array.from({ length: n * 4 }, (_, i) => (i * 37) % 256);
  const y = Int32Array.from({ length: n }, (_, i) => i % 5);
  return new NumpySlicesDataset({ x: { data: x, shape: [n, 2, 2, 1], dtype: 'uint8' }, y: { data: y, shape: [n], dtype: 'int32' } })
    .map([new Rescale(1 / 255, 0), new Normalize([0.5], [0.25]), new HWC2CHW()], 'x')
    .map(new OneHot(5), 'y')
    .map(new TypeCast('float32'), 'y')
    .shuffle(8)
    .skip(1)
    .take(21)
    .batch(4)
    .repeat(2)
    .project(['y', 'x']);
}

/** Every item of `epochs` passes as plain numbers (shape, dtype, values per column). */
function collect(it: DatasetIterator<Tensor[]>, epochs: number): unknown[][] {
  const out: unknown[][] = [];
  for (let e = 0; e < epochs; e++) {
    const items: unknown[] = [];
    for (const row of it) items.push(row.map((t) => [t.shape, t.dtype, Array.from(t.dataSync())]));
    out.push(items);
  }
  return out;
}

async function collectAsync(it: DatasetIterator<Tensor[]>, epochs: number): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (let e = 0; e < epochs; e++) {
    const items: unknown[] = [];
    for await (const row of it) items.push(row.map((t) => [t.shape, t.dtype, Array.from(t.dataSync())]));
    out.push(items);
  }
  return out;
}

const feedOf = (it: DatasetIterator<unknown>) => (it as unknown as { held: { feed?: unknown } }).held.feed;

describe('numParallelWorkers: 1', () => {
  it('hands out the same batches in the same order as the main thread, sync and async, across epochs', T, async () => {
    const main = collect(pipeline().createTupleIterator({ numEpochs: 2 }), 2);
    const it = pipeline().createTupleIterator({ numEpochs: 2, numParallelWorkers: 1 });
    expect(it.explain().worker).toBe(true);
    expect(collect(it, 2)).toEqual(main);
    expect(main[0]).toHaveLength(12); // 21 rows in batches of 4, repeated twice
    expect(main[0]).not.toEqual(main[1]); // each epoch a new shuffle
    expect(await collectAsync(pipeline().createTupleIterator({ numEpochs: 2, numParallelWorkers: 1 }), 2)).toEqual(main);
    config.setPrefetchSize(1); // the smallest queue: the worker waits for every item to be taken
    expect(collect(pipeline().createTupleIterator({ numEpochs: 2, numParallelWorkers: 1 }), 2)).toEqual(main);
  });

  it('hands out arrays of their own with outputNumpy: held past later batches, they keep their values', T, () => {
    config.setPrefetchSize(2); // three shared slots, rewritten every third batch
    const numpy = (workers: number) => {
      const it = pipeline().createTupleIterator({ numEpochs: 1, outputNumpy: true, numParallelWorkers: workers });
      return Array.from(it, (row) => row);
    };
    const held = numpy(1);
    for (const row of held) for (const v of row) expect(v.data.buffer).toBeInstanceOf(ArrayBuffer);
    const plain = (rows: typeof held) => rows.map((row) => row.map((v) => [v.shape, v.dtype, Array.from(v.data)]));
    expect(plain(held)).toEqual(plain(numpy(0)));
  });

  it('runs each part of a split in the worker with the same batches', T, () => {
    const parts = () => {
      config.setSeed(9);
      return new NumpySlicesDataset({ i: Int32Array.from({ length: 20 }, (_, k) => k) }).split([0.7, 0.3]).map((p) => p.batch(4));
    };
    const main = parts().map((p) => collect(p.createTupleIterator({ numEpochs: 2 }), 2));
    const worker = parts().map((p) => collect(p.createTupleIterator({ numEpochs: 2, numParallelWorkers: 1 }), 2));
    expect(worker).toEqual(main);
    expect(main.map((epochs) => epochs[0]?.length)).toEqual([4, 2]);
  });

  it('runs an MnistDataset pipeline in the worker with the same batches', T, () => {
    const mnist = () => {
      config.setSeed(3);
      return new MnistDataset({ usage: 'test', numSamples: 40 })
        .map([new Rescale(1 / 255, 0), new Normalize([0.1307], [0.3081]), new HWC2CHW()], 'image')
        .shuffle(16)
        .batch(16, { dropRemainder: true });
    };
    const main = collect(mnist().createTupleIterator({ numEpochs: 1 }), 1);
    const it = mnist().createDictIterator({ numEpochs: 1, numParallelWorkers: 1 });
    const worker = Array.from(it, ({ image, label }) =>
      [image, label].map((t) => [(t as Tensor).shape, (t as Tensor).dtype, Array.from((t as Tensor).dataSync())]),
    );
    expect([worker]).toEqual(main);
    expect(main[0]).toHaveLength(2);
  });

  it('frees each batch when it hands out the next and at the end of a pass; closes the worker after the last epoch', T, () => {
    const it = pipeline().createTupleIterator({ numEpochs: 1, numParallelWorkers: 1 });
    let previous: Tensor[] | undefined;
    for (const row of it) {
      if (previous) expect(previous.every(isDisposed)).toBe(true);
      expect(row.some(isDisposed)).toBe(false);
      previous = row;
    }
    expect(previous?.every(isDisposed)).toBe(true);
    expect(feedOf(it)).toBeUndefined();
    expect(() => it.next()).toThrow('all 1 epoch of numEpochs were iterated');
  });

  it('break closes the worker; the next pass goes on from the following batch, as on the main thread', T, () => {
    const labels = (it: DatasetIterator<Tensor[]>) => {
      const first: number[] = [];
      for (const [y] of it) {
        first.push(...(y as Tensor).dataSync());
        if (first.length >= 8) break;
      }
      const rest: number[] = [];
      for (const [y] of it) rest.push(...(y as Tensor).dataSync());
      return [first, rest];
    };
    const it = pipeline().createTupleIterator({ numEpochs: 1, numParallelWorkers: 1 });
    const main = labels(pipeline().createTupleIterator({ numEpochs: 1 }));
    let broke = false;
    const first: number[] = [];
    for (const [y] of it) {
      first.push(...(y as Tensor).dataSync());
      if (first.length >= 8) {
        broke = true;
        break;
      }
    }
    expect(broke).toBe(true);
    expect(feedOf(it)).toBeUndefined();
    const rest: number[] = [];
    for (const [y] of it) rest.push(...(y as Tensor).dataSync());
    expect([first, rest]).toEqual(main);
  });

  it('return() on an async loop closes the worker; stop() closes it too', T, async () => {
    const it = pipeline().createTupleIterator({ numParallelWorkers: 1 });
    for await (const _ of it) break;
    expect(feedOf(it)).toBeUndefined();
    it.next();
    expect(feedOf(it)).toBeDefined();
    it.stop();
    expect(feedOf(it)).toBeUndefined();
    expect(() => it.next()).toThrow('the iterator was stopped');
  });

  it('surfaces an error in the worker on the main thread, at the batch that failed', T, async () => {
    const bad = () => new NumpySlicesDataset({ y: Int32Array.of(0, 1, 2, 3, 9, 1) }, { shuffle: false }).map(new OneHot(4), 'y').batch(2);
    const it = bad().createTupleIterator({ numEpochs: 1, numParallelWorkers: 1 });
    expect(it.next().done).toBe(false);
    expect(it.next().done).toBe(false);
    expect(() => it.next()).toThrow(RangeError);
    const again = bad().createTupleIterator({ numEpochs: 1, numParallelWorkers: 1 });
    await expect(
      (async () => {
        for await (const _ of again);
      })(),
    ).rejects.toThrow('OneHot: label 9 is outside [0, 4) for numClasses 4. (raised in the dataset worker)');
  });

  it('keeps a pipeline with user code on the main thread and says why', T, () => {
    const fn = new NumpySlicesDataset([1, 2, 3]).map((x) => x);
    const it = fn.createTupleIterator({ numParallelWorkers: 1 });
    expect(it.explain()).toEqual({
      worker: false,
      reason:
        'the pipeline runs on the main thread: map operation 0 is a JavaScript function, which a worker cannot receive (the built-in transforms can)',
    });
    expect(Array.from(it, ([x]) => (x as Tensor).shape)).toHaveLength(3);
    const gen = new GeneratorDataset([[1], [2]], ['x']).batch(2).createTupleIterator({ numParallelWorkers: 1 });
    expect(gen.explain().reason).toContain('GeneratorDataset reads its rows through user code');
    class Twice extends Rescale {}
    expect(new NumpySlicesDataset([1]).map(new Twice(2, 0)).createTupleIterator({ numParallelWorkers: 1 }).explain().reason).toContain(
      'map operation 0 (Twice) is not a built-in transform',
    );
    expect(pipeline().createTupleIterator().explain()).toEqual({
      worker: false,
      reason: 'numParallelWorkers is 0: the pipeline runs on the main thread',
    });
  });

  it('takes its default from config.setNumParallelWorkers and checks the value', T, () => {
    config.setNumParallelWorkers(1);
    expect(config.getNumParallelWorkers()).toBe(1);
    const it = pipeline().createTupleIterator({ numEpochs: 1 });
    expect(it.explain().worker).toBe(true);
    expect(Array.from(it)).toHaveLength(12);
    expect(() => config.setNumParallelWorkers(2)).toThrow('config.setNumParallelWorkers: numParallelWorkers must be 0');
    expect(() => pipeline().createDictIterator({ numParallelWorkers: 4 })).toThrow(
      'Dataset.createDictIterator: numParallelWorkers must be 0 (the main thread runs the pipeline) or 1',
    );
    expect(() => pipeline().createTupleIterator({ numParallelWorker: 1 } as never)).toThrow("did you mean 'numParallelWorkers'?");
  });
});
