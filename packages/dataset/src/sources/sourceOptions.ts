/**
 * The options the sources share: column names (positional, as MindSpore's second argument, or in
 * the options), shuffle and numSamples.
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import { checkInt, columnList } from '../pipeline.js';

/**
 * Options of {@link GeneratorDataset} and {@link NumpySlicesDataset}.
 * @example
 * new GeneratorDataset(source, { columnNames: ['data', 'label'], shuffle: false, numSamples: 100 });
 */
export interface SourceOptions {
  /** The column names (GeneratorDataset: required, here or as the second argument). */
  columnNames?: string | string[];
  /**
   * Read the rows in a random order, a new one each epoch (seeded by `config.setSeed`). Default:
   * true for a random-access source, as in MindSpore; an iterable source cannot shuffle.
   */
  shuffle?: boolean;
  /** Read at most this many rows per epoch (default: all). */
  numSamples?: number;
}

const KEYS: OptionKeys<SourceOptions> = { columnNames: true, shuffle: true, numSamples: true };

/** The second argument of a source: column names, or the options (which may hold them). */
export function sourceOptions(
  second: unknown,
  third: unknown,
  where: string,
): { columnNames: string[] | undefined; shuffle: boolean | undefined; numSamples: number | undefined } {
  const positional = typeof second === 'string' || Array.isArray(second);
  const options = checkOptions<SourceOptions>(positional ? third : second, where, KEYS);
  if (positional && options.columnNames !== undefined)
    throw new TypeError(`${where}: columnNames is given twice (as the second argument and as an option).`);
  const names = positional ? second : options.columnNames;
  const { shuffle, numSamples } = options;
  if (shuffle !== undefined && typeof shuffle !== 'boolean')
    throw new TypeError(`${where}: shuffle must be a boolean, but got ${JSON.stringify(shuffle)}.`);
  if (numSamples !== undefined) checkInt(numSamples, 'numSamples', where, 1);
  return { columnNames: names === undefined ? undefined : columnList(names, 'columnNames', where), shuffle, numSamples };
}
