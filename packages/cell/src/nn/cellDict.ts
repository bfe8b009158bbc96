/**
 * CellDict, after `CellDict` in mindspore/python/mindspore/nn/layer/container.py (MindSpore 2.x
 * master, mirrored in mindspore-ai/mindspore_test@025f4527180607aa45b11b8382e2a271dfa90ab7).
 * Unlike MindSpore's, `update` checks every pair before inserting any, so a refused update
 * changes nothing; reading a missing key is an error, as Python's `KeyError`.
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import { Cell, type CellOptions } from '../cell.js';
import { isCell, stateOf, typeName } from '../cellState.js';
import { atomically, checkUniqueNames, hasAttr, insertChild, renameParameters } from '../insertion.js';
import { CellList } from './cellList.js';
import { prefixAndIndex } from './containerIndex.js';
import { SequentialCell } from './sequentialCell.js';

/**
 * What a CellDict is built or updated from: a `Map`, a plain object, another CellDict, or an
 * iterable of `[key, cell]` pairs (MindSpore's mapping or iterable of key-value pairs).
 * @example
 * const cells: CellDictInput = [['conv', new nn.Conv2d(3, 8, 3)], ['relu', new nn.ReLU()]];
 */
export type CellDictInput = CellDict | ReadonlyMap<string, Cell> | Iterable<readonly [string, Cell]> | Readonly<Record<string, Cell>>;

const KEYS: OptionKeys<CellOptions> = { autoPrefix: true };

/**
 * Holds Cells by string key, in insertion order (MindSpore 2.x `nn.CellDict`). Each Cell is
 * registered as the child `key` (readable as `dict.get(key)` or `dict[key]`), so its Parameters
 * are named `key.weight`, … unless `autoPrefix` is false. A key must not contain a dot, be empty
 * or name a Cell property or method (`get`, `training`, …); a value must be a Cell other than a
 * CellDict, CellList or SequentialCell. Iterating yields the keys, as Python's `for key in d`.
 * It has no computation of its own: call the Cells it holds.
 * @example
 * const blocks = new nn.CellDict({ conv: new nn.Conv2d(3, 8, 3), relu: new nn.ReLU() });
 * blocks.set('pool', new nn.MaxPool2d({ kernelSize: 2, stride: 2 }));
 * blocks.keys(); // ['conv', 'relu', 'pool']
 * [...blocks.parametersAndNames()].map(([n]) => n); // ['conv.weight']
 * let x = ones([1, 3, 8, 8]);
 * for (const cell of blocks.values()) x = cell.call(x) as Tensor;
 */
export class CellDict extends Cell implements Iterable<string> {
  constructor(cells?: CellDictInput | null, options?: CellOptions) {
    super(checkOptions<CellOptions>(options, 'CellDict', KEYS));
    if (cells !== undefined && cells !== null) this.update(cells);
  }

  /** How many Cells it holds (Python's `len`). */
  get length(): number {
    return stateOf(this).cells.size;
  }

  /**
   * Whether `key` is in the dict (Python's `key in d`).
   * @example
   * blocks.has('conv'); // true
   */
  has(key: string): boolean {
    return stateOf(this).cells.has(key);
  }

  /**
   * The Cell under `key`; a missing key is an error (Python's `d[key]`, a `KeyError`).
   * @example
   * blocks.get('conv').call(x);
   */
  get(key: string): Cell {
    const cell = stateOf(this).cells.get(key);
    if (!cell) throw this.#missing(key);
    return cell;
  }

  /**
   * Puts `cell` under `key` (replacing a Cell already there, which keeps its position) and
   * renames its Parameters to `key.…`; returns this dict (Python's `d[key] = cell`).
   * @example
   * blocks.set('act', new nn.GELU());
   */
  set(key: string, cell: Cell): this {
    this.#insert([[key, cell]]);
    return this;
  }

  /**
   * Removes `key`; a missing key is an error (Python's `del d[key]`).
   * @example
   * blocks.delete('relu');
   */
  delete(key: string): void {
    const state = stateOf(this);
    if (!state.cells.has(key)) throw this.#missing(key);
    state.cells.delete(key);
    Reflect.deleteProperty(state.target, key);
  }

  /**
   * Removes `key` and returns its Cell; a missing key is an error.
   * @example
   * const conv = blocks.pop('conv');
   */
  pop(key: string): Cell {
    const cell = this.get(key);
    this.delete(key);
    return cell;
  }

  /**
   * Removes every Cell.
   * @example
   * blocks.clear(); // blocks.length === 0
   */
  clear(): void {
    for (const key of this.keys()) this.delete(key);
  }

  /**
   * The keys, in insertion order.
   * @example
   * blocks.keys(); // ['conv', 'relu']
   */
  keys(): string[] {
    return [...stateOf(this).cells.keys()];
  }

  /**
   * The Cells, in insertion order.
   * @example
   * for (const cell of blocks.values()) x = cell.call(x) as Tensor;
   */
  values(): Cell[] {
    return [...stateOf(this).cells.values()].filter((c): c is Cell => c !== null);
  }

  /**
   * The `[key, cell]` pairs, in insertion order.
   * @example
   * for (const [key, cell] of blocks.items()) console.log(key, `${cell}`);
   */
  items(): [string, Cell][] {
    return [...stateOf(this).cells].filter((e): e is [string, Cell] => e[1] !== null);
  }

  /**
   * Adds or replaces the Cells of `cells` (a Map, a plain object, a CellDict or `[key, cell]`
   * pairs), in their order; every pair is checked first, so a bad one changes nothing.
   * Returns this dict.
   * @example
   * blocks.update([['fc', new nn.Dense(8, 2)]]);
   */
  update(cells: CellDictInput): this {
    this.#insert(pairsOf(cells));
    return this;
  }

  /** The keys (Python's `iter(d)`). */
  *[Symbol.iterator](): Iterator<string> {
    yield* this.keys();
  }

  /** A CellDict only holds Cells; it has no computation of its own. */
  override construct(): never {
    throw new Error("For 'CellDict', the method 'construct' is not defined: a CellDict holds Cells; call them one by one.");
  }

  /** Checks every pair, then inserts them all or nothing. */
  #insert(pairs: readonly (readonly [unknown, unknown])[]): void {
    const state = stateOf(this);
    for (const [key, cell] of pairs) {
      checkKey(state.cells, key, (k) => hasAttr(state, k));
      checkCellType(cell);
    }
    const checked = pairs as readonly (readonly [string, Cell])[];
    const params = checked.flatMap(([, cell]) => [...cell.getParameters()]);
    atomically(
      state,
      checked.map(([key]) => key),
      params,
      () => {
        for (const [key, cell] of checked) {
          if (state.autoPrefix) renameParameters(cell, `${prefixAndIndex(state.cells)[0]}${key}.`);
          insertChild(state, key, cell);
        }
        checkUniqueNames(this);
      },
    );
  }

  #missing(key: unknown): RangeError {
    const keys = this.keys().map((k) => `'${k}'`);
    return new RangeError(`For 'CellDict', the key ${JSON.stringify(key)} is not in the CellDict (keys: [${keys.join(', ')}]).`);
  }
}

/** MindSpore's `_validate_key`. */
function checkKey(cells: ReadonlyMap<string, unknown>, key: unknown, isAttr: (key: string) => boolean): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`For 'CellDict', the type of key should be string but got ${typeName(key)}.`);
  if (isAttr(key) && !cells.has(key)) {
    throw new RangeError(`For 'CellDict', the key can not be same with the attributes of Cell, but got key ${key}.`);
  }
  if (key.includes('.')) throw new RangeError(`For 'CellDict', key can not contain ".", but got key ${key}`);
  if (key === '') throw new RangeError(`For 'CellDict', key can not be empty string "", but got key ${key}`);
}

/** MindSpore's `_validate_cell_type`. */
function checkCellType(cell: unknown): asserts cell is Cell {
  if (cell === null || cell === undefined) throw new TypeError("For 'CellDict', cell can not be None.");
  if (!isCell(cell)) throw new TypeError(`For 'CellDict', the type of cell should be Cell, but got ${typeName(cell)}.`);
  if (cell instanceof CellDict || cell instanceof CellList || cell instanceof SequentialCell) {
    throw new TypeError(
      `For 'CellDict', the type of cell can not be CellDict, CellList or SequentialCell, but got ${cell.constructor.name}.`,
    );
  }
}

/** The `[key, cell]` pairs of an update argument, in order (MindSpore's `update` parsing). */
function pairsOf(cells: unknown): (readonly [unknown, unknown])[] {
  if (cells instanceof CellDict) return cells.items();
  if (cells instanceof Map) return [...cells];
  if (isCell(cells) || cells === null || typeof cells !== 'object') {
    throw new TypeError(`CellDict.update() should be called with an iterable of key-value pairs, but got ${typeName(cells)}`);
  }
  if (typeof (cells as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') return Object.entries(cells);
  return [...(cells as Iterable<unknown>)].map((pair, i) => {
    if (pair === null || typeof pair !== 'object' || typeof (pair as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`CellDict update sequence element #${i} should be Iterable; but got ${typeName(pair)}`);
    }
    const items = [...(pair as Iterable<unknown>)];
    if (items.length !== 2)
      throw new RangeError(`CellDict update sequence element #${i}, length should be 2; but has length ${items.length}`);
    return [items[0], items[1]] as const;
  });
}
