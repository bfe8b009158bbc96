/**
 * SequentialCell, after `SequentialCell` in mindspore/python/mindspore/nn/layer/container.py
 * (MindSpore master, mirrored in mindspore-ai/mindspore_test@025f4527180607aa45b11b8382e2a271dfa90ab7).
 */
import { type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { isCell, SET_ITEM, stateOf, typeName } from '../cellState.js';
import { atomically, checkUniqueNames, insertChild, renameParameters } from '../insertion.js';
import { prefixAndIndex, rekey, validCell, validIndex, validIndexForInserting } from './containerIndex.js';

/**
 * Cells run one after another: each one's output is the next one's input. Built from Cells
 * (`new SequentialCell(a, b)` or `new SequentialCell([a, b])`, children `0`, `1`, … with
 * Parameters `0.weight`, …) or from named Cells (a `Map` or a plain object, children and
 * Parameters named by their keys). Read children with `seq[i]` (index keys), `at(i)` or
 * `for…of`.
 * @example
 * const seq = new nn.SequentialCell([new nn.Dense(3, 4), new nn.ReLU()]);
 * seq.call(ones([2, 3])).shape; // [2, 4]
 * [...seq.parametersAndNames()].map(([n]) => n); // ['0.weight', '0.bias']
 */
export class SequentialCell extends Cell implements Iterable<Cell> {
  /** The Cell at an index key (`seq[0]`); `at()` works for any keys and negative indices. */
  [index: number]: Cell;

  constructor(...args: Cell[] | [readonly Cell[]] | [ReadonlyMap<string, Cell> | Readonly<Record<string, Cell>>]) {
    super();
    const entries = sequentialEntries(args as unknown[]);
    for (const [, cell] of entries) validCell(cell, 'SequentialCell');
    const state = stateOf(this);
    const params = entries.flatMap(([, cell]) => [...(cell as Cell).getParameters()]);
    atomically(
      state,
      entries.map(([key]) => key),
      params,
      () => {
        // As MindSpore, the children are renamed to their key whatever `autoPrefix` says.
        for (const [key, cell] of entries) {
          insertChild(state, key, cell);
          renameParameters(cell as Cell, `${key}.`);
        }
        checkUniqueNames(this);
      },
    );
  }

  /** How many Cells it holds. */
  get length(): number {
    return stateOf(this).cells.size;
  }

  /**
   * The Cell at position `index` (negative counts from the end), whatever its key.
   * @example
   * seq.at(-1);
   */
  at(index: number): Cell {
    const cells = [...stateOf(this).cells.values()];
    return cells[validIndex(cells.length, index, 'SequentialCell')] as Cell;
  }

  /** The Cells in order. */
  *[Symbol.iterator](): Iterator<Cell> {
    for (const cell of stateOf(this).cells.values()) if (cell) yield cell;
  }

  /**
   * Adds `cell` at the end, as child `length`; returns this SequentialCell.
   * @example
   * seq.append(new nn.Softmax());
   */
  append(cell: Cell): this {
    validCell(cell, 'SequentialCell');
    const state = stateOf(this);
    const key = String(this.length);
    atomically(state, key, cell.getParameters(), () => {
      renameParameters(cell, `${prefixAndIndex(state.cells)[0]}${key}.`);
      insertChild(state, key, cell);
      checkUniqueNames(this);
    });
    return this;
  }

  /**
   * Inserts `cell` before position `index` (index keys only), renaming the Parameters of the
   * Cells after it to their new index.
   * @example
   * seq.insert(0, new nn.Flatten());
   */
  insert(index: number, cell: Cell): this {
    let length = this.length;
    const idx = validIndexForInserting(length, index, 'SequentialCell');
    validCell(cell, 'SequentialCell');
    const state = stateOf(this);
    const moved = [...state.cells.values()].flatMap((c) => (c ? [...c.getParameters()] : []));
    const keys = Array.from({ length: length + 1 }, (_, i) => String(i));
    atomically(state, keys, [...cell.getParameters(), ...moved], () => {
      const [prefix, keyIndex] = prefixAndIndex(state.cells);
      for (; length > idx; length--) {
        const shifted = state.cells.get(String(length - 1));
        if (!shifted) throw new TypeError(`For 'SequentialCell', insert needs index keys, but key '${length - 1}' holds no Cell.`);
        if (state.autoPrefix) rekey(shifted, prefix, String(length), keyIndex);
        insertChild(state, String(length), shifted);
      }
      if (state.autoPrefix) renameParameters(cell, `${prefix}${idx}.`);
      insertChild(state, String(idx), cell);
      checkUniqueNames(this);
    });
    return this;
  }

  /** `seq[i] = cell`: replaces the Cell at position `i`, renamed to its key. */
  [SET_ITEM](index: number, cell: Cell): void {
    const state = stateOf(this);
    const key = [...state.cells.keys()][validIndex(this.length, index, 'SequentialCell')] as string;
    atomically(state, key, cell.getParameters(), () => {
      renameParameters(cell, `${prefixAndIndex(state.cells)[0]}${key}.`);
      insertChild(state, key, cell);
      checkUniqueNames(this);
    });
  }

  /** Runs the Cells in order; the intermediate results are freed. */
  override construct(input: Tensor): Tensor {
    return tidy(() => {
      let x = input;
      for (const cell of this) x = cell.call(x) as Tensor;
      return x;
    });
  }
}

/** The `[key, cell]` pairs of SequentialCell's constructor arguments. */
function sequentialEntries(args: unknown[]): [string, unknown][] {
  if (args.length !== 1) return args.map((cell, i) => [String(i), cell]);
  const only = args[0];
  if (isCell(only)) return [['0', only]];
  if (Array.isArray(only)) return only.map((cell, i) => [String(i), cell]);
  if (only instanceof Map) return [...only.entries()].map(([k, cell]) => [String(k), cell]);
  if (typeof only === 'object' && only !== null && Object.getPrototypeOf(only) === Object.prototype) return Object.entries(only);
  // MindSpore: "For 'SequentialCell', the 'args[0]' must be Cell, list or orderedDict, but got {type}"
  throw new TypeError(`For 'SequentialCell', the 'args[0]' must be Cell, Array, Map or object of Cells, but got ${typeName(only)}.`);
}
