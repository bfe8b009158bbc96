import { cpu } from '@mindts/backend-cpu';
import { keep, listBackends, memory, registerBackend, type Tensor } from '@mindts/tensor';
import { isDisposed } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as config from './config.js';
import { GeneratorDataset } from './sources/generatorDataset.js';
import { NumpySlicesDataset } from './sources/numpySlicesDataset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** 10 rows: `data` [i] float32, `label` i int32, in order; batches of 4 (4, 4, 2). */
const batches = () =>
  new NumpySlicesDataset(
    { data: Float32Array.from({ length: 10 }, (_, i) => i), label: Int32Array.from({ length: 10 }, (_, i) => i) },
    { shuffle: false },
  )
    .map((d) => ({ ...d, shape: [1] }), 'data')
    .batch(4);

describe('createTupleIterator', () => {
  it('hands out [data, label] Tensors per batch, one epoch per pass, up to numEpochs', () => {
    const it = batches().createTupleIterator({ numEpochs: 2 });
    for (let epoch = 0; epoch < 2; epoch++) {
      const labels: number[][] = [];
      for (const [data, label] of it) {
        expect((data as Tensor).dtype).toBe('float32');
        labels.push(Array.from((label as Tensor).dataSync()));
      }
      expect(labels).toEqual([
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9],
      ]);
    }
    expect(() => it.next()).toThrow('all 2 epochs of numEpochs were iterated');
  });

  it('next() reports done at each epoch end and goes on with the next epoch; -1 runs without limit', () => {
    const it = batches().createTupleIterator({ outputNumpy: true });
    const seen = Array.from({ length: 9 }, () => {
      const r = it.next();
      return r.done ? 'end' : r.value[1]?.data[0];
    });
    expect(seen).toEqual([0, 4, 8, 'end', 0, 4, 8, 'end', 0]);
  });

  it('selects and orders columns', () => {
    const [row] = Array.from(batches().createTupleIterator({ columns: ['label', 'data'], numEpochs: 1, outputNumpy: true }));
    expect(row?.map((h) => h.shape)).toEqual([[4], [4, 1]]);
    expect(() => batches().createTupleIterator({ columns: 'image' })).toThrow("columns names the column 'image'");
    expect(() => batches().createTupleIterator({ numEpochs: 0 })).toThrow('numEpochs must be an integer >= 1, but got 0');
    expect(() => batches().createTupleIterator({ num_epochs: 1 } as never)).toThrow("did you mean 'numEpochs'?");
  });

  it('iterating the dataset itself is one epoch of tuples', () => {
    expect(Array.from(batches(), ([, label]) => (label as Tensor).shape[0])).toEqual([4, 4, 2]);
  });
});

describe('createDictIterator', () => {
  it('hands out { column: Tensor } per batch', () => {
    const out = Array.from(batches().createDictIterator({ numEpochs: 1 }), (row) => [Object.keys(row), row.label?.shape, row.data?.shape]);
    expect(out[2]).toEqual([['data', 'label'], [2], [2, 1]]);
    const [first] = Array.from(batches().createDictIterator({ numEpochs: 1, outputNumpy: true }));
    expect(Array.from(first?.label?.data ?? [])).toEqual([0, 1, 2, 3]);
  });
});

describe('ownership: the iterator frees what it handed out', () => {
  it('keeps memory flat over a plain loop without tidy, freeing each batch at the next', () => {
    const ds = batches();
    const before = memory();
    let previous: Tensor[] | undefined;
    const it = ds.createTupleIterator({ numEpochs: 3 });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const row of it) {
        expect(memory().numTensors).toBe(before.numTensors + 2);
        if (previous) expect(previous.every(isDisposed)).toBe(true);
        previous = row;
      }
      expect(memory().numTensors).toBe(before.numTensors);
    }
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it('frees the last batch on break and on an error in the loop, and leaves a kept tensor to the caller', () => {
    const before = memory().numTensors;
    for (const [data] of batches()) if (data) break;
    expect(memory().numTensors).toBe(before);
    expect(() => {
      for (const _ of batches()) throw new Error('step failed');
    }).toThrow('step failed');
    expect(memory().numTensors).toBe(before);
    let kept: Tensor | undefined;
    for (const [, label] of batches()) kept ??= keep(label as Tensor);
    expect(memory().numTensors).toBe(before + 1);
    expect(Array.from(kept?.dataSync() ?? [])).toEqual([0, 1, 2, 3]);
    kept?.dispose();
    // A batch the loop disposed itself is not disposed twice.
    for (const row of batches()) for (const t of row) t.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('after a break the next pass goes on where the epoch stopped', () => {
    const it = batches().createTupleIterator({ numEpochs: 1, outputNumpy: true });
    for (const _ of it) break;
    expect(Array.from(it, (r) => r[1]?.data[0])).toEqual([4, 8]);
  });

  it('stop() frees the last batch and ends the iterator', () => {
    const before = memory().numTensors;
    const it = batches().createTupleIterator();
    it.next();
    it.stop();
    expect(memory().numTensors).toBe(before);
    expect(() => it.next()).toThrow('the iterator was stopped');
  });
});

describe('for await: prefetching ahead', () => {
  it('yields the same items, frees them the same way, and prepares the next ones while the loop awaits', async () => {
    config.setPrefetchSize(3);
    let produced = 0;
    const ds = new GeneratorDataset(
      function* () {
        for (let i = 0; i < 8; i++) {
          produced++;
          yield [i];
        }
      },
      ['i'],
    );
    const before = memory().numTensors;
    const seen: number[] = [];
    const aheadAtStep: number[] = [];
    for await (const [i] of ds.createTupleIterator({ numEpochs: 1 })) {
      seen.push((i as Tensor).dataSync()[0] as number);
      expect(memory().numTensors).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 5)); // a step that awaits (a GPU read-back)
      aheadAtStep.push(produced - seen.length);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(memory().numTensors).toBe(before);
    // While the first step awaited, 3 more rows were prepared.
    expect(aheadAtStep[0]).toBe(3);
    config.setPrefetchSize(16);
  });

  it('reports an error of the source at the item it would have produced', async () => {
    const ds = new GeneratorDataset(
      function* () {
        yield [1];
        yield [2];
        throw new Error('disk gone');
      },
      ['i'],
    );
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const [i] of ds) {
          seen.push((i as Tensor).dataSync()[0] as number);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })(),
    ).rejects.toThrow('disk gone');
    expect(seen).toEqual([1, 2]);
  });

  it('checks the prefetch size', () => {
    expect(() => config.setPrefetchSize(0)).toThrow('size must be a positive integer, but got 0');
    expect(config.getPrefetchSize()).toBe(16);
    expect(() => config.setSeed(-1)).toThrow('seed must be an integer in [0, 4294967295], but got -1');
    config.setSeed(9);
    expect(config.getSeed()).toBe(9);
  });
});
