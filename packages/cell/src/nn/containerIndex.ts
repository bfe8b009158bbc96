/**
 * Index checks and name prefixes shared by SequentialCell and CellList, after `_valid_index`,
 * `_valid_index_for_inserting`, `_valid_cell` and `_get_prefix_and_index` in
 * mindspore/python/mindspore/nn/layer/container.py (MindSpore master, mirrored in
 * mindspore-ai/mindspore_test@025f4527180607aa45b11b8382e2a271dfa90ab7).
 */
import type { Cell } from '../cell.js';
import { isCell, typeName } from '../cellState.js';

/** `index` in `[-count, count)`, made non-negative. */
export function validIndex(count: number, index: unknown, cls: string): number {
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new TypeError(`For '${cls}', the type of 'index' must be int, but got ${typeName(index)}.`);
  }
  if (index < -count || index >= count) {
    throw new RangeError(`For '${cls}', the value of 'index' must be a number in range [${-count}, ${count}), but got ${index}.`);
  }
  return ((index % count) + count) % count;
}

/** `index` in `[-count, count]` (inserting at `count` appends), made non-negative. */
export function validIndexForInserting(count: number, index: unknown, cls: string): number {
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new TypeError(`For '${cls}', the type of 'index' must be int, but got ${typeName(index)}.`);
  }
  if (index < -count || index > count) {
    throw new RangeError(`For '${cls}', the value of 'index' must be a number in range [${-count}, ${count}], but got ${index}.`);
  }
  return count !== 0 && index !== count ? ((index % count) + count) % count : index;
}

/** Throws unless `cell` is a Cell. */
export function validCell(cell: unknown, cls: string): asserts cell is Cell {
  if (!isCell(cell)) throw new TypeError(`For '${cls}', each cell must be subclass of Cell, but got ${typeName(cell)}.`);
}

/**
 * The name prefix the container's Parameters already carry and the position of the child's key
 * in their dotted names: for children named `body.0.weight` under key '0', `['body.', 1]`.
 */
export function prefixAndIndex(cells: ReadonlyMap<string, Cell | null>): [string, number] {
  let first: [string, string] | undefined;
  let second: [string, string] | undefined;
  for (const [key, cell] of cells) {
    if (!cell) continue;
    const next = cell.parametersAndNames().next();
    if (next.done) continue;
    const name = next.value[1].name;
    if (!first) first = [key, name];
    else {
      second = [key, name];
      break;
    }
  }
  if (!first) return ['', 0];
  const parts = first[1].split('.');
  let prefix = '';
  let index = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== first[0]) continue;
    prefix = parts.slice(0, i).join('.');
    prefix = prefix ? `${prefix}.` : prefix;
    index = i;
    if (second && second[1].split('.')[i] === second[0]) break;
  }
  return [prefix, index];
}

/** Renames the Parameters of `cell` from key position `keyIndex` on: `prefix` + `key` + the rest. */
export function rekey(cell: Cell, prefix: string, key: string, keyIndex: number): void {
  for (const [, param] of cell.parametersAndNames()) {
    param.name = `${prefix}${key}.${param.name
      .split('.')
      .slice(keyIndex + 1)
      .join('.')}`;
  }
}
