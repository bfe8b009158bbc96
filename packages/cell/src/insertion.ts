/**
 * Inserting Parameters and child Cells, renaming Parameters to their paths, and the unique-name
 * rule. Error texts follow mindspore/python/mindspore/nn/cell.py (`insert_param_to_cell`,
 * `insert_child_to_cell`, `check_names`), MindSpore master as mirrored in
 * mindspore-ai/mindspore_test@00eb259819aaf2bd5bb24d4173ad653d7119b5e6, with mindts' camelCase
 * names.
 */
import { PARAMETER_NAME_DEFAULT, Parameter } from '@mindts/parameter';
import type { Cell } from './cell.js';
import { type CellState, defineValue, isCell, stateOf, typeName } from './cellState.js';

/**
 * Python's `hasattr(cell, name)`: an own property, anything on the prototype chain (methods,
 * accessors, `toString`), or a registered key. `ignorePlain` skips an own plain property that
 * is about to be replaced, as MindSpore deletes it from `__dict__` first.
 */
export function hasAttr(state: CellState, name: string, ignorePlain = false): boolean {
  if (state.params.has(name) || state.cells.has(name)) return true;
  const own = Object.getOwnPropertyDescriptor(state.target, name);
  if (own && !(ignorePlain && 'value' in own)) return true;
  return name in Object.getPrototypeOf(state.target);
}

/** Names no Cell property may take: assigning them would reach the object model itself. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws if `name` is reserved (`__proto__`, `constructor`, `prototype`), whatever is assigned. */
export function checkReservedName(state: CellState, name: string): void {
  if (RESERVED.has(name)) {
    throw new TypeError(
      `For '${state.target.constructor.name}', '${name}' is a reserved name: a Cell property cannot be called '${name}'.`,
    );
  }
}

/**
 * Throws if `name` is reserved or a method of the Cell (`call`, `construct`,
 * `parametersAndNames`, a subclass's own method…): a Parameter or Cell registered under it would
 * shadow the method.
 */
export function checkRegistrableName(state: CellState, name: string, what: string): void {
  checkReservedName(state, name);
  const proto = Object.getPrototypeOf(state.target) as object;
  let method = false;
  for (let o: object | null = proto; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) {
      method = typeof d.value === 'function';
      break;
    }
  }
  if (method || (name in Object.prototype && typeof (Object.prototype as Record<string, unknown>)[name] === 'function')) {
    throw new TypeError(
      `For '${state.target.constructor.name}', a ${what} cannot be registered as '${name}': it would shadow the Cell method '${name}'. Choose another name.`,
    );
  }
}

/** Options of {@link insertParam}. */
export interface InsertParamOptions {
  /** Refuse names with a dot (MindSpore's `check_name_contain_dot`, default true). */
  checkNameContainDot?: boolean;
  /** Also make the Parameter readable as `cell[name]` (default true). */
  expose?: boolean;
  /** See {@link hasAttr}. */
  ignorePlain?: boolean;
}

/** MindSpore's `insert_param_to_cell`: a default-named Parameter takes `name`. */
export function insertParam(state: CellState, name: unknown, param: unknown, options: InsertParamOptions = {}): void {
  const { checkNameContainDot = true, expose = true, ignorePlain = false } = options;
  if (typeof name !== 'string' || name === '') {
    throw new Error("For 'insertParamToCell', the argument 'paramName' should not be None.");
  }
  if (checkNameContainDot && name.includes('.')) {
    throw new Error(`For 'insertParamToCell', the argument 'paramName' should not contain ".".`);
  }
  if (expose) checkRegistrableName(state, name, 'Parameter');
  if (hasAttr(state, name, ignorePlain) && !state.params.has(name)) {
    throw new Error(
      `For 'insertParamToCell', the ${name} parameter already exists in the network. Cannot insert another parameter with the same name.`,
    );
  }
  if (!(param instanceof Parameter) && param !== null) {
    throw new TypeError(`For 'insertParamToCell', the argument 'param' must be 'Parameter' if not None, but got ${typeName(param)}.`);
  }
  const registered = state.params.get(name);
  if (expose && registered && param !== registered && Object.getOwnPropertyDescriptor(state.target, name)?.value !== registered) {
    // The key holds a Parameter of a ParameterTuple property: replacing it would unregister it silently.
    throw new Error(
      `The value ${String(param)} , its name '${name}' already exists. Please set a unique name for the parameter. ` +
        `The other Parameter named '${name}' belongs to a ParameterTuple property.`,
    );
  }
  if (param instanceof Parameter && param.name === PARAMETER_NAME_DEFAULT) param.name = name;
  state.params.set(name, param);
  if (expose) defineValue(state, name, param);
}

/** The checks of MindSpore's `insert_child_to_cell`, without inserting. */
export function checkChild(state: CellState, name: unknown, child: unknown, ignorePlain = false): asserts name is string {
  if (typeof name !== 'string') {
    throw new TypeError(`For 'insertChildToCell', the type of parameter 'childName' must be str, but got ${typeName(name)}.`);
  }
  if (name === '' || name.includes('.')) {
    throw new Error("For 'insertChildToCell', the parameter 'childName' can not be None and can not contain '.'.");
  }
  checkRegistrableName(state, name, 'Cell');
  if (hasAttr(state, name, ignorePlain) && !state.cells.has(name)) {
    throw new Error(
      `For 'insertChildToCell', the ${name} child cell already exists in the network. Cannot insert another child cell with the same name.`,
    );
  }
  if (!isCell(child) && child !== null) {
    throw new TypeError(`For 'insertChildToCell', the argument 'childCell' must be 'Cell' if not None, but got type ${typeName(child)}.`);
  }
}

/** MindSpore's `insert_child_to_cell`, readable afterwards as `cell[name]`. */
export function insertChild(state: CellState, name: unknown, child: unknown, ignorePlain = false): void {
  checkChild(state, name, child, ignorePlain);
  state.cells.set(name, child as Cell | null);
  defineValue(state, name, child);
}

/** MindSpore's named-string pattern (`Validator.check_str_by_regular`). */
const PREFIX_PATTERN = /^\w+[0-9a-zA-Z_.]*$/;

/** `prefix` if it is `''` or matches MindSpore's named-string pattern. */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || (prefix !== '' && !PREFIX_PATTERN.test(prefix))) {
    throw new RangeError(
      `For 'updateParametersName', the argument 'prefix' must be '' or match '${PREFIX_PATTERN.source}', but got ${JSON.stringify(prefix)}.`,
    );
  }
  return prefix;
}

/** Renames every Parameter under `cell` to `prefix` + its path (`update_parameters_name`, unchecked). */
export function renameParameters(cell: Cell, prefix: string, recurse = true): void {
  for (const [name, param] of cell.parametersAndNames('', recurse)) param.name = prefix + name;
}

/**
 * MindSpore's `check_names` over `cell`'s tree, plus the Parameters `cell` holds in plain arrays:
 * two different Parameters must not share a name. The message names both.
 */
export function checkUniqueNames(cell: Cell): void {
  const seen = new Map<string, string>();
  for (const [path, param] of cell.parametersAndNames()) {
    const other = seen.get(param.name);
    if (other !== undefined) throw duplicateName(path, param, `at '${other}'`);
    seen.set(param.name, path);
  }
  const state = stateOf(cell);
  for (const [path, param] of cell.parametersAndNames()) {
    if (state.existNames.has(param.name) && !state.existObjs.has(param)) throw duplicateName(path, param, 'in an array property');
  }
}

function duplicateName(path: string, param: Parameter, where: string): Error {
  // MindSpore `check_names`: "The value of {} is {}, its name '{}' already exists. Please set a unique name for the parameter."
  return new Error(
    `The value of ${path} is ${param}, its name '${param.name}' already exists. Please set a unique name for the parameter. ` +
      `The other Parameter named '${param.name}' is ${where}.`,
  );
}

/**
 * Runs `fn`; if it throws, restores `state` (registries, counters, the properties `names`) and the
 * names of `params`, so a refused assignment leaves the Cell as it was.
 */
export function atomically(state: CellState, names: string | readonly string[], params: Iterable<Parameter>, fn: () => void): void {
  const keys = typeof names === 'string' ? [names] : names;
  const snapshot = {
    params: [...state.params],
    cells: [...state.cells],
    nextId: state.nextId,
    existNames: [...state.existNames],
    existObjs: [...state.existObjs],
    properties: keys.map((k) => [k, Object.getOwnPropertyDescriptor(state.target, k)] as const),
    names: [...params].map((p) => [p, p.name] as const),
  };
  try {
    fn();
  } catch (err) {
    restore(state.params, snapshot.params);
    restore(state.cells, snapshot.cells);
    state.nextId = snapshot.nextId;
    state.existNames.clear();
    for (const n of snapshot.existNames) state.existNames.add(n);
    state.existObjs.clear();
    for (const p of snapshot.existObjs) state.existObjs.add(p);
    for (const [key, property] of snapshot.properties) {
      if (property) Object.defineProperty(state.target, key, property);
      else delete (state.target as Record<string, unknown>)[key];
    }
    for (const [p, n] of snapshot.names) p.name = n;
    throw err;
  }
}

function restore<K, V>(map: Map<K, V>, entries: readonly (readonly [K, V])[]): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}
