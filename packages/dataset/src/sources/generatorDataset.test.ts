import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as config from '../config.js';
import type { Dataset } from '../dataset.js';
import { GeneratorDataset } from './generatorDataset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** One epoch as plain values: per row, per column, the flat values. */
const values = (ds: Dataset) =>
  Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }), (row) => row.map((h) => Array.from(h.data)));

describe('GeneratorDataset', () => {
  it('reads a generator function anew each epoch, with column names and inferred dtypes', () => {
    let calls = 0;
    const ds = new GeneratorDataset(
      function* () {
        calls++;
        for (let i = 0; i < 3; i++) yield [[i, i + 0.5], i];
      },
      ['data', 'label'],
    );
    expect(ds.getColNames()).toEqual(['data', 'label']);
    const it = ds.createTupleIterator({ numEpochs: 2, outputNumpy: true });
    const first = Array.from(it, (r) => [r[0]?.dtype, r[0]?.shape, Array.from(r[0]?.data ?? []), r[1]?.dtype, r[1]?.shape, r[1]?.data[0]]);
    expect(first).toEqual([
      ['float32', [2], [0, 0.5], 'int32', [], 0],
      ['float32', [2], [1, 1.5], 'int32', [], 1],
      ['float32', [2], [2, 2.5], 'int32', [], 2],
    ]);
    expect(Array.from(it)).toHaveLength(3);
    expect(calls).toBe(2);
    expect(ds.getDatasetSize()).toBe(3); // counted by running the source
  });

  it('takes the column names as an option too, and numSamples keeps the first rows of an iterable', () => {
    const ds = new GeneratorDataset(() => [[1], [2], [3], [4]].values(), { columnNames: 'x', numSamples: 2 });
    expect(values(ds)).toEqual([[[1]], [[2]]]);
  });

  it('reads typed arrays, Tensors (left to their owner) and one bare value per row for one column', () => {
    const t = tensor([7, 8], 'float32');
    const ds = new GeneratorDataset([[new Uint8Array([1, 2]), t]], ['a', 'b'], { shuffle: false });
    const [row] = Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }));
    expect(row?.map((h) => h.dtype)).toEqual(['uint8', 'float32']);
    expect(t.isDisposed).toBeFalsy();
    expect(Array.from(t.dataSync())).toEqual([7, 8]);
    t.dispose();
    expect(values(new GeneratorDataset([5, 6], 'x', { shuffle: false }))).toEqual([[[5]], [[6]]]);
  });

  it('copies each row: a source reusing one buffer, or freeing its tensor after the yield, is safe', () => {
    const buffer = new Float32Array(2);
    const reuse = new GeneratorDataset(
      function* () {
        for (let i = 0; i < 3; i++) {
          buffer.fill(i);
          yield [buffer];
        }
      },
      ['x'],
    );
    const [batch] = Array.from(reuse.batch(3).createTupleIterator({ numEpochs: 1, outputNumpy: true }));
    expect(Array.from(batch?.[0]?.data ?? [])).toEqual([0, 0, 1, 1, 2, 2]);
    const before = memory().numTensors;
    const freeing = new GeneratorDataset(
      function* () {
        for (let i = 0; i < 3; i++) {
          const t = tensor([i, i], 'float32');
          yield [t];
          t.dispose();
        }
      },
      ['x'],
    );
    expect(values(freeing.batch(3))).toEqual([[[0, 0, 1, 1, 2, 2]]]);
    expect(memory().numTensors).toBe(before);
    expect(values(new GeneratorDataset([[new Uint8ClampedArray([300 % 256, 7])]], ['x'], { shuffle: false }))).toEqual([[[44, 7]]]);
  });

  it('shuffles a random-access source by default, a new order each epoch, repeatable by seed', () => {
    const source = { length: 20, getItem: (i: number) => [i] };
    const order = (ds: Dataset, epochs: number) => {
      const it = ds.createTupleIterator({ numEpochs: epochs, outputNumpy: true });
      return Array.from({ length: epochs }, () => Array.from(it, (r) => r[0]?.data[0]));
    };
    config.setSeed(3);
    const [a1, a2] = order(new GeneratorDataset(source, ['i']), 2);
    config.setSeed(3);
    const [b1, b2] = order(new GeneratorDataset(source, ['i']), 2);
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    expect(a1).not.toEqual(a2);
    expect([...(a1 as number[])].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a1).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(order(new GeneratorDataset(source, ['i'], { shuffle: false }), 1)[0]).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const sampled = order(new GeneratorDataset(source, ['i'], { numSamples: 5 }), 1)[0];
    expect(sampled).toHaveLength(5);
    expect(new GeneratorDataset(source, ['i'], { numSamples: 5 }).getDatasetSize()).toBe(5);
  });

  it('names the argument in its errors', () => {
    const gen = function* () {
      yield [1, 2];
    };
    expect(() => new GeneratorDataset(gen, {})).toThrow('columnNames is required');
    expect(() => new GeneratorDataset(gen, ['a'], { shuffle: true })).toThrow('shuffle needs a random-access source');
    expect(() => new GeneratorDataset(gen, ['a'], { numSamples: 0 })).toThrow('numSamples must be an integer >= 1, but got 0');
    expect(() => new GeneratorDataset(gen, ['a'], { suffle: true } as never)).toThrow(
      "unknown option 'suffle' for GeneratorDataset; did you mean 'shuffle'?",
    );
    expect(() => new GeneratorDataset(gen, ['a', 'a'])).toThrow("columnNames names the column 'a' twice");
    expect(() => new GeneratorDataset(42 as never, ['a'])).toThrow('source must be a generator function');
    expect(() => values(new GeneratorDataset(gen, ['a', 'b', 'c']))).toThrow('row 0 must hold 3 values (a, b, c), but got 2 values');
    expect(() => values(new GeneratorDataset([['x']] as never, ['a'], { shuffle: false }))).toThrow("row 0, column 'a' must be a number");
    expect(() => new GeneratorDataset({ length: -1, getItem: () => [1] }, ['a']).getDatasetSize()).toThrow(
      'source.length must be a non-negative integer',
    );
  });

  it('refuses a second epoch of a one-shot iterator instead of yielding nothing', () => {
    const once = (function* () {
      yield [1];
    })();
    const ds = new GeneratorDataset(once, ['a']);
    const it = ds.createTupleIterator({ numEpochs: 2, outputNumpy: true });
    expect(Array.from(it)).toHaveLength(1);
    expect(() => Array.from(it)).toThrow('already used up by an earlier epoch');
  });
});
