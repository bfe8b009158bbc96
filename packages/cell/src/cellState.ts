/**
 * The bookkeeping behind every Cell (MindSpore's `_params`, `_cells`, `_id`, `exist_names`, …),
 * kept in a WeakMap so a Cell's own properties stay exactly what the user assigned.
 */
import type { Parameter } from '@mindts/parameter';
import type { Cell } from './cell.js';

/** Internal state of one Cell. */
export interface CellState {
  /** The object behind the Proxy: where property values are stored. */
  readonly target: object;
  /** The Proxy everyone else sees. */
  readonly proxy: Cell;
  /** Registered Parameters by key, in insertion order (`null` once unset, as MindSpore's `None`). */
  readonly params: Map<string, Parameter | null>;
  /** Registered child Cells by name, in insertion order (`null` once unset). */
  readonly cells: Map<string, Cell | null>;
  /** Whether child Cells' Parameters are renamed to their path (`dense.weight`). */
  readonly autoPrefix: boolean;
  training: boolean;
  phase: 'train' | 'predict';
  /** MindSpore's `_id`: the counter behind `Parameter$1`, `Parameter$2`, … */
  nextId: number;
  /** Names and objects of Parameters held in plain arrays (MindSpore's `exist_names`, `exist_objs`). */
  readonly existNames: Set<string>;
  readonly existObjs: Set<Parameter>;
  /** The dtype `toFloat` set: float inputs and trainable Parameters are cast to it inside `call`. */
  computeDtype: 'float16' | 'float32' | undefined;
  /** The dtype `amp.autoMixedPrecision` casts this Cell's float outputs to (MindSpore's `_OutputTo32`/`_OutputTo16`). */
  outputDtype: 'float16' | 'float32' | undefined;
}

const states = new WeakMap<object, CellState>();

/** Records the state of a new Cell under both its target and its Proxy. */
export function initCellState(target: object, proxy: Cell, autoPrefix: boolean): CellState {
  const state: CellState = {
    target,
    proxy,
    params: new Map(),
    cells: new Map(),
    autoPrefix,
    training: false,
    phase: 'train',
    nextId: 1,
    existNames: new Set(),
    existObjs: new Set(),
    computeDtype: undefined,
    outputDtype: undefined,
  };
  states.set(target, state);
  states.set(proxy, state);
  return state;
}

/** The state of `cell`; throws if it is not a Cell built through the Cell constructor. */
export function stateOf(cell: object): CellState {
  const state = states.get(cell);
  if (!state) throw new TypeError(`Expected a Cell built by the Cell constructor, but got ${typeName(cell)}.`);
  return state;
}

/** Whether `value` is a Cell (its constructor has run). */
export function isCell(value: unknown): value is Cell {
  return typeof value === 'object' && value !== null && states.has(value);
}

/** Defines `name` on the Cell's target as a plain data property (no registration rules). */
export function defineValue(state: CellState, name: string, value: unknown): void {
  Object.defineProperty(state.target, name, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The key under which containers (SequentialCell, CellList) handle `container[i] = cell`:
 * a method `(index: number, cell: Cell) => void`.
 */
export const SET_ITEM: unique symbol = Symbol('mindts.cell.setItem');

/** A short type name for error messages: `number`, `string`, `Tensor`, `Array`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'Object';
  return typeof value;
}
