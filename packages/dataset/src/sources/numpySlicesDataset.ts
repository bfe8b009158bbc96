/**
 * `NumpySlicesDataset`: rows sliced from whole arrays, MindSpore's
 * `mindspore.dataset.NumpySlicesDataset`.
 */
import { Dataset } from '../dataset.js';
import { type ColumnValue, type HostArray, isColumnTuple, toHostArray } from '../hostArray.js';
import { stageSeed } from '../seedState.js';
import { arraysPipeline } from './arraysPipeline.js';
import { type SourceOptions, sourceOptions } from './sourceOptions.js';

/**
 * What {@link NumpySlicesDataset} slices: one column (a nested array, typed array or Tensor), a
 * tuple of columns (an array of Tensors, typed arrays or HostArrays), or an object from column
 * name to column.
 * @example
 * const data: SlicesData = { image: images, label: labels };
 */
export type SlicesData = ColumnValue | readonly ColumnValue[] | Readonly<Record<string, ColumnValue>>;

const WHERE = 'NumpySlicesDataset';

function isDict(data: unknown): data is Readonly<Record<string, ColumnValue>> {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || ArrayBuffer.isView(data)) return false;
  const proto = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

/**
 * A dataset whose rows are slices along the first axis of whole arrays (MindSpore's
 * `NumpySlicesDataset(data, column_names, …)`): row `i` holds element `i` of every column. `data`
 * is one column (a nested array, typed array or Tensor: MindSpore's list), several (an array of
 * Tensors, typed arrays or HostArrays: MindSpore's tuple), or an object of named columns (its keys
 * are the names). Unnamed columns are `column_0`, `column_1`, …. The values are copied once, at
 * construction; a Tensor passed in stays yours. Shuffled by default, as in MindSpore.
 * @example
 * const ds = new NumpySlicesDataset({ x: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0] }, { shuffle: false });
 * ds.getColNames(); // ['x', 'y']
 * ds.getDatasetSize(); // 3
 */
export class NumpySlicesDataset extends Dataset {
  constructor(data: SlicesData, columnNames: string | string[], options?: Omit<SourceOptions, 'columnNames'>);
  constructor(data: SlicesData, options?: SourceOptions);
  constructor(data: SlicesData, second?: string | string[] | SourceOptions, third?: Omit<SourceOptions, 'columnNames'>) {
    const { columnNames, shuffle, numSamples } = sourceOptions(second, third, WHERE);
    const entries: Array<[string | undefined, ColumnValue]> = isDict(data)
      ? Object.entries(data)
      : isColumnTuple(data)
        ? data.map((c) => [undefined, c])
        : [[undefined, data as ColumnValue]];
    if (entries.length === 0) throw new RangeError(`${WHERE}: data has no columns.`);
    if (columnNames && columnNames.length !== entries.length) {
      throw new RangeError(`${WHERE}: columnNames names ${columnNames.length} columns, but data has ${entries.length}.`);
    }
    const names = entries.map(([key], i) => columnNames?.[i] ?? key ?? `column_${i}`);
    const columns = entries.map(([, value], i) => {
      const host = toHostArray(value, `${WHERE}: data column '${names[i]}'`);
      // Copied, so later writes to the caller's arrays do not change the dataset.
      return { ...host, data: host.data.slice() } as HostArray;
    });
    const length = columns[0]?.shape[0];
    columns.forEach((c, i) => {
      if (c.shape.length === 0) throw new RangeError(`${WHERE}: column '${names[i]}' is a scalar; it needs a first axis to slice.`);
      if (c.shape[0] !== length) {
        throw new RangeError(
          `${WHERE}: every column must have the same first dimension, but '${names[0]}' has ${length} and '${names[i]}' has ${c.shape[0]}.`,
        );
      }
    });
    super(arraysPipeline(names, () => columns, length as number, (shuffle ?? true) ? stageSeed() : undefined, numSamples));
  }
}
