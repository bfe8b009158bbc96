import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../dataset.js';
import { NumpySlicesDataset } from './numpySlicesDataset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (ds: Dataset) =>
  Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }), (row) => row.map((h) => [h.dtype, h.shape, Array.from(h.data)]));

describe('NumpySlicesDataset', () => {
  it('slices one column (a nested list) along its first axis, named column_0', () => {
    const ds = new NumpySlicesDataset(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      { shuffle: false },
    );
    expect(ds.getColNames()).toEqual(['column_0']);
    expect(ds.getDatasetSize()).toBe(3);
    expect(values(ds)).toEqual([[['int32', [2], [1, 2]]], [['int32', [2], [3, 4]]], [['int32', [2], [5, 6]]]]);
  });

  it('slices a tuple of Tensors and typed arrays into columns, copying them once', () => {
    const x = tensor(
      [
        [0.5, 1],
        [1.5, 2],
      ],
      'float32',
    );
    const y = new Int32Array([7, 9]);
    const ds = new NumpySlicesDataset([x, y], ['data', 'label'], { shuffle: false });
    y[0] = 100; // the dataset holds its own copy
    expect(values(ds)).toEqual([
      [
        ['float32', [2], [0.5, 1]],
        ['int32', [], [7]],
      ],
      [
        ['float32', [2], [1.5, 2]],
        ['int32', [], [9]],
      ],
    ]);
    expect(x.isDisposed).toBe(false); // still the caller's
    x.dispose();
  });

  it('takes a dict of columns, its keys the names (columnNames renames)', () => {
    const ds = new NumpySlicesDataset({ a: [1, 2], b: [[1], [2]] }, { shuffle: false });
    expect(ds.getColNames()).toEqual(['a', 'b']);
    expect(new NumpySlicesDataset({ a: [1, 2], b: [3, 4] }, ['x', 'y']).getColNames()).toEqual(['x', 'y']);
  });

  it('shuffles by default and reads numSamples rows', () => {
    const data = Array.from({ length: 30 }, (_, i) => i);
    const ds = new NumpySlicesDataset(data);
    const order = values(ds).map((r) => r[0]?.[2]?.[0]);
    expect(order).not.toEqual(data);
    expect([...order].sort((a, b) => (a as number) - (b as number))).toEqual(data);
    expect(new NumpySlicesDataset(data, { numSamples: 4, shuffle: false }).getDatasetSize()).toBe(4);
  });

  it('names the argument in its errors', () => {
    expect(() => new NumpySlicesDataset({ a: [1, 2], b: [1, 2, 3] })).toThrow(
      "every column must have the same first dimension, but 'a' has 2 and 'b' has 3",
    );
    expect(() => new NumpySlicesDataset(5)).toThrow("column 'column_0' is a scalar");
    expect(() => new NumpySlicesDataset({ a: [1], b: [2] }, ['x'])).toThrow('columnNames names 1 columns, but data has 2');
    expect(() => new NumpySlicesDataset({ a: ['s'] } as never)).toThrow("data column 'a' must be a number");
    expect(() => new NumpySlicesDataset([1, 2], { columns: ['a'] } as never)).toThrow("unknown option 'columns' for NumpySlicesDataset");
    expect(() => new NumpySlicesDataset([1, 2], 'a', { columnNames: 'b' } as never)).toThrow('columnNames is given twice');
  });
});
