import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as config from './config.js';
import type { Dataset } from './dataset.js';
import type { HostArray } from './hostArray.js';
import { GeneratorDataset } from './sources/generatorDataset.js';
import { NumpySlicesDataset } from './sources/numpySlicesDataset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** Rows 0..n-1: `x` = [i, 10 i] (float32), `y` = i (int32), in order. */
const rows = (n: number) =>
  new NumpySlicesDataset(
    { x: Array.from({ length: n }, (_, i) => [i + 0.5, 10 * i]), y: Array.from({ length: n }, (_, i) => i) },
    { shuffle: false },
  );

/** One epoch: per row, per column, the flat values. */
const values = (ds: Dataset) =>
  Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }), (r) => r.map((h) => Array.from(h.data)));
/** One epoch of column `k`'s first values. */
const firsts = (ds: Dataset, k = 1) => values(ds).map((r) => r[k]?.[0]);

describe('Dataset.map', () => {
  it('runs the operations in order on the input column, replacing it', () => {
    const plusOne = (v: HostArray) => ({ ...v, data: v.data.map((a) => a + 1) });
    const double = { call: (v: HostArray) => ({ ...v, data: v.data.map((a) => 2 * a) }) };
    expect(values(rows(2).map([plusOne, double], 'y'))).toEqual([
      [[0.5, 0], [2]],
      [[1.5, 10], [4]],
    ]);
    expect(values(rows(1).map(plusOne))).toEqual([[[1.5, 1], [0]]]); // default: the first column
  });

  it('maps several columns to new ones, placed where the inputs were', () => {
    const ds = rows(2).map((x, y) => [y as HostArray, x as HostArray, new Float32Array([9])], ['x', 'y'], {
      outputColumns: ['a', 'b', 'c'],
    });
    expect(ds.getColNames()).toEqual(['a', 'b', 'c']);
    expect(values(ds)[1]).toEqual([[1], [1.5, 10], [9]]);
    const swapped = new NumpySlicesDataset({ p: [1], q: [2], r: [3] }, { shuffle: false }).map((q) => q, 'q', { outputColumns: 's' });
    expect(swapped.getColNames()).toEqual(['p', 's', 'r']);
  });

  it('frees the Tensors an operation makes once their values are read', () => {
    const before = memory().numTensors;
    const ds = rows(4).map((x) => ops.mul(tensor(Array.from(x.data)), 2), 'x');
    expect(values(ds)[3]).toEqual([[7, 60], [3]]);
    expect(memory().numTensors).toBe(before);
  });

  it('names the argument in its errors', () => {
    const id = (v: HostArray) => v;
    expect(() => rows(2).map(id, 'z')).toThrow("inputColumns names the column 'z', which the dataset does not have (it has x, y)");
    expect(() => rows(2).map(id, 'x', { outputColumns: 'y' })).toThrow("outputColumns names 'y', a column the dataset already has");
    expect(() => rows(2).map([] as never, 'x')).toThrow('operations must be a function');
    expect(() => rows(2).map(id, 'x', { output_columns: ['a'] } as never)).toThrow(
      "unknown option 'output_columns' for Dataset.map; did you mean 'outputColumns'?",
    );
    expect(() => values(rows(2).map(id, 'x', { outputColumns: ['a', 'b'] }))).toThrow(
      'the operations return 1 value, but outputColumns names 2 (a, b)',
    );
    expect(() => values(rows(2).map(() => 'text' as never, 'x'))).toThrow('map: output 0 of operation 0 must be a number');
  });
});

describe('Dataset.batch', () => {
  it('stacks rows into [batchSize, ...] arrays, the last batch smaller', () => {
    const ds = rows(5).batch(2);
    expect(ds.getDatasetSize()).toBe(3);
    expect(ds.getBatchSize()).toBe(2);
    const batches = Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }));
    expect(batches.map((b) => [b[0]?.shape, b[1]?.shape])).toEqual([
      [[2, 2], [2]],
      [[2, 2], [2]],
      [[1, 2], [1]],
    ]);
    expect(Array.from(batches[1]?.[0]?.data ?? [])).toEqual([2.5, 20, 3.5, 30]);
    expect(batches[1]?.[1]?.dtype).toBe('int32');
  });

  it('drops the remainder when asked', () => {
    expect(rows(5).batch(2, { dropRemainder: true }).getDatasetSize()).toBe(2);
    expect(values(rows(5).batch(2, { dropRemainder: true })).map((b) => b[1])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('refuses rows of different shapes, naming the column, and bad arguments', () => {
    const ragged = new GeneratorDataset([[[1, 2]], [[1, 2, 3]]], ['seq'], { shuffle: false });
    expect(() => values(ragged.batch(2))).toThrow(
      "every row of column 'seq' must have one shape and dtype to be stacked, but row 0 is int32 [2] and row 1 is int32 [3]",
    );
    expect(() => rows(2).batch(0)).toThrow('batchSize must be an integer >= 1, but got 0');
    expect(() => rows(2).batch(2, { dropRemainder: 1 } as never)).toThrow('dropRemainder must be a boolean');
    expect(() => rows(2).batch(2, { drop_remainder: true } as never)).toThrow("did you mean 'dropRemainder'?");
  });
});

describe('Dataset.shuffle', () => {
  it('visits every row once, a new order each epoch, the same orders for the same seed', () => {
    const epochs = (ds: Dataset) => {
      const it = ds.createTupleIterator({ numEpochs: 2, outputNumpy: true });
      return [0, 1].map(() => Array.from(it, (r) => r[1]?.data[0]));
    };
    config.setSeed(11);
    const a = epochs(rows(12).shuffle(12));
    config.setSeed(11);
    const b = epochs(rows(12).shuffle(12));
    config.setSeed(12);
    const c = epochs(rows(12).shuffle(12));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
    expect([...(a[0] as number[])].sort((p, q) => p - q)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(a[0]).not.toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('keeps rows near their place with a small buffer, and checks bufferSize', () => {
    config.setSeed(1);
    const order = firsts(rows(50).shuffle(2));
    // A buffer of 2 holds back at most the rows seen so far: row i never comes before position i - 1.
    order.forEach((v, i) => {
      expect(v as number).toBeLessThanOrEqual(i + 1);
    });
    expect(() => rows(2).shuffle(1)).toThrow('bufferSize must be an integer >= 2, but got 1');
  });
});

describe('repeat, take, skip, project', () => {
  it('repeat runs the data count times, shuffling anew each time', () => {
    expect(firsts(rows(3).repeat(2))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(rows(3).repeat(2).getDatasetSize()).toBe(6);
    expect(rows(3).repeat(2).repeat(3).getRepeatCount()).toBe(6);
    config.setSeed(4);
    const twice = firsts(rows(8).shuffle(8).repeat(2));
    expect(twice.slice(0, 8)).not.toEqual(twice.slice(8));
    expect(rows(3).repeat().getDatasetSize()).toBe(Number.POSITIVE_INFINITY);
    const endless = rows(2).repeat().createTupleIterator({ outputNumpy: true });
    expect(Array.from({ length: 5 }, () => endless.next().value?.[1]?.data[0])).toEqual([0, 1, 0, 1, 0]);
    expect(() => rows(2).repeat(0)).toThrow('count must be an integer >= 1, but got 0');
  });

  it('take and skip cut rows (or batches, after batch)', () => {
    expect(firsts(rows(5).take(2))).toEqual([0, 1]);
    expect(firsts(rows(5).skip(3))).toEqual([3, 4]);
    expect(rows(5).take(9).getDatasetSize()).toBe(5);
    expect(rows(5).skip(9).getDatasetSize()).toBe(0);
    expect(rows(5).take().getDatasetSize()).toBe(5);
    expect(values(rows(5).batch(2).take(1))).toEqual([
      [
        [0.5, 0, 1.5, 10],
        [0, 1],
      ],
    ]);
    expect(() => rows(5).take(0)).toThrow('count must be an integer >= 1, but got 0');
    expect(() => rows(5).skip(-1)).toThrow('count must be an integer >= 0, but got -1');
  });

  it('project keeps and orders columns', () => {
    const ds = rows(2).project(['y', 'x']);
    expect(ds.getColNames()).toEqual(['y', 'x']);
    expect(values(ds)[1]).toEqual([[1], [1.5, 10]]);
    expect(() => rows(2).project(['w'])).toThrow("columns names the column 'w', which the dataset does not have");
  });
});

describe('Dataset.split', () => {
  it('splits into consecutive parts by counts or fractions without randomize', () => {
    const [a, b] = rows(10).split([7, 3], { randomize: false });
    expect(firsts(a as Dataset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(firsts(b as Dataset)).toEqual([7, 8, 9]);
    // Python's round: 2.5 → 2, 7.5 → 8.
    expect(
      rows(10)
        .split([0.25, 0.75], { randomize: false })
        .map((d) => d.getDatasetSize()),
    ).toEqual([2, 8]);
    // round(2.5) = 2 twice: the missing row goes to the first part.
    expect(
      rows(5)
        .split([0.5, 0.5], { randomize: false })
        .map((d) => d.getDatasetSize()),
    ).toEqual([3, 2]);
    // round(3.5) = 4 twice: the extra row comes off the first part large enough.
    expect(
      rows(7)
        .split([0.5, 0.5], { randomize: false })
        .map((d) => d.getDatasetSize()),
    ).toEqual([3, 4]);
  });

  it('splits at random positions, disjoint and complete, repeatable by seed', () => {
    config.setSeed(5);
    const parts = rows(20).split([0.5, 0.3, 0.2]);
    const seen = parts.map((p) => firsts(p) as number[]);
    expect(seen.map((s) => s.length)).toEqual([10, 6, 4]);
    expect(seen.flat().sort((p, q) => p - q)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(seen[0]).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
    config.setSeed(5);
    expect(
      rows(20)
        .split([0.5, 0.3, 0.2])
        .map((p) => firsts(p)),
    ).toEqual(seen);
  });

  it("follows MindSpore's errors", () => {
    expect(() => rows(10).split([5, 4])).toThrow('the sizes add up to 9, but the dataset has 10 rows');
    expect(() => rows(10).split([0.5, 0.6])).toThrow('fractions must add up to 1');
    expect(() => rows(10).split([0.99, 0.01])).toThrow('gives an empty part 1');
    expect(() => rows(10).split([] as never)).toThrow('sizes must be a non-empty array');
    expect(() => rows(2).repeat().split([1])).toThrow('split it before repeat');
  });
});

describe('getters', () => {
  it('report size, columns, batch size and repeat count', () => {
    const ds = rows(6).batch(4).repeat(2);
    expect([ds.getDatasetSize(), ds.getColNames(), ds.getBatchSize(), ds.getRepeatCount()]).toEqual([4, ['x', 'y'], 4, 2]);
    expect([ds.outputShapes(), ds.outputTypes()]).toEqual([
      [[4, 2], [4]],
      ['float32', 'int32'],
    ]);
    expect([rows(3).skip(3).outputShapes(), rows(3).skip(3).outputTypes()]).toEqual([[], []]);
  });
});
