/**
 * CellList, after `CellList` in mindspore/python/mindspore/nn/layer/container.py (MindSpore
 * master, mirrored in mindspore-ai/mindspore_test@025f4527180607aa45b11b8382e2a271dfa90ab7).
 */
import { checkArity, describeType } from '@mindts/tensor';
import { Cell, type CellOptions } from '../cell.js';
import { SET_ITEM, stateOf, typeName } from '../cellState.js';
import { atomically, checkUniqueNames, insertChild, renameParameters } from '../insertion.js';
import { prefixAndIndex, rekey, validCell, validIndex, validIndexForInserting } from './containerIndex.js';

/**
 * Holds Cells in a list, registered as children `0`, `1`, … (their Parameters become
 * `0.weight`, … unless `autoPrefix` is false). Unlike SequentialCell it does not chain them:
 * read them with `list[i]`, `at(i)` or `for…of`.
 * @example
 * const layers = new nn.CellList([new nn.Dense(2, 2), new nn.ReLU()]);
 * layers.append(new nn.Dense(2, 1));
 * layers.length; // 3
 * [...layers.parametersAndNames()].map(([n]) => n); // ['0.weight', '0.bias', '2.weight', '2.bias']
 */
export class CellList extends Cell implements Iterable<Cell> {
  /** The Cell at an index (`list[0]`); `at()` also takes negative indices and checks the range. */
  [index: number]: Cell;

  constructor(cells: readonly Cell[] = [], options?: CellOptions) {
    checkArity(arguments.length, 2, 'CellList');
    if (!Array.isArray(cells)) throw new TypeError(`CellList: cells must be an array of Cells, but got ${describeType(cells)}.`);
    super(options);
    if (cells.length > 0) this.extend(cells);
  }

  /** How many Cells the list holds. */
  get length(): number {
    return stateOf(this).cells.size;
  }

  /**
   * The Cell at `index` (negative counts from the end).
   * @example
   * layers.at(-1);
   */
  at(index: number): Cell {
    return stateOf(this).cells.get(String(validIndex(this.length, index, 'CellList'))) as Cell;
  }

  /** The Cells in order. */
  *[Symbol.iterator](): Iterator<Cell> {
    for (const cell of stateOf(this).cells.values()) if (cell) yield cell;
  }

  /**
   * Adds `cell` at the end; returns this list.
   * @example
   * layers.append(new nn.ReLU());
   */
  append(cell: Cell): this {
    validCell(cell, 'CellList');
    this.#change([String(this.length)], [cell], () => this.#put(this.length, cell));
    return this;
  }

  /**
   * Adds `cells` at the end, in order; returns this list.
   * @example
   * layers.extend([new nn.Dense(4, 4), new nn.ReLU()]);
   */
  extend(cells: readonly Cell[]): this {
    if (!Array.isArray(cells)) {
      throw new TypeError(`For 'CellList', the new cells wanted to append should be instance of list, but got ${typeName(cells)}.`);
    }
    for (const cell of cells) validCell(cell, 'CellList');
    const keys = cells.map((_, i) => String(this.length + i));
    this.#change(keys, cells, () => {
      for (const cell of cells) this.#put(this.length, cell);
    });
    return this;
  }

  /**
   * Inserts `cell` before `index` (negative counts from the end; `length` appends), renaming the
   * Parameters of the Cells after it to their new index.
   * @example
   * layers.insert(0, new nn.Flatten());
   */
  insert(index: number, cell: Cell): this {
    let length = this.length;
    const idx = validIndexForInserting(length, index, 'CellList');
    validCell(cell, 'CellList');
    const state = stateOf(this);
    const keys = Array.from({ length: length + 1 }, (_, i) => String(i));
    const moved = [...state.cells.values()].filter((c): c is Cell => c !== null);
    this.#change(keys, [cell, ...moved], () => {
      const [prefix, keyIndex] = prefixAndIndex(state.cells);
      for (; length > idx; length--) {
        const shifted = state.cells.get(String(length - 1)) as Cell;
        if (state.autoPrefix) rekey(shifted, prefix, String(length), keyIndex);
        insertChild(state, String(length), shifted);
      }
      if (state.autoPrefix) renameParameters(cell, `${prefix}${idx}.`);
      insertChild(state, String(idx), cell);
    });
    return this;
  }

  /** `list[i] = cell`: replaces the Cell at `i`, renamed to its index. */
  [SET_ITEM](index: number, cell: Cell): void {
    const i = validIndex(this.length, index, 'CellList');
    this.#change([String(i)], [cell], () => this.#put(i, cell));
  }

  /** Puts `cell` at key `index`, renamed with the list's prefix when `autoPrefix`. */
  #put(index: number, cell: Cell): void {
    const state = stateOf(this);
    if (state.autoPrefix) renameParameters(cell, `${prefixAndIndex(state.cells)[0]}${index}.`);
    insertChild(state, String(index), cell);
  }

  /** Runs `fn` atomically over `keys`, then checks the names are unique. */
  #change(keys: readonly string[], cells: readonly Cell[], fn: () => void): void {
    const params = cells.flatMap((c) => [...c.getParameters()]);
    atomically(stateOf(this), keys, params, () => {
      fn();
      checkUniqueNames(this);
    });
  }

  /** A CellList only holds Cells; it has no computation of its own. */
  override construct(): never {
    throw new Error("For 'CellList', the method 'construct' is not defined: a CellList holds Cells; call them one by one.");
  }
}
