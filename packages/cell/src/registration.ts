/**
 * MindSpore's `Cell.__setattr__` as Proxy traps: class fields (defineProperty) and `this.x = …`
 * (set) both go through {@link setAttr}; reads stay plain (but for `toFloat`'s Parameter casts). Rules and error texts follow
 * mindspore/python/mindspore/nn/cell.py (`__setattr__`, `_set_attr_for_param_or_param_tuple`,
 * `_set_attr_for_parameter_in_list_or_tuple`, `_set_attr_for_cell`, `_set_attr_for_object`),
 * MindSpore master as mirrored in mindspore-ai/mindspore_test@00eb259819aaf2bd5bb24d4173ad653d7119b5e6.
 */
import { PARAMETER_NAME_DEFAULT, Parameter, ParameterTuple } from '@mindts/parameter';
import { Tensor } from '@mindts/tensor';
import type { Cell } from './cell.js';
import { type CellState, defineValue, isCell, SET_ITEM, stateOf, typeName } from './cellState.js';
import {
  atomically,
  checkChild,
  checkRegistrableName,
  checkReservedName,
  checkUniqueNames,
  insertChild,
  insertParam,
  renameParameters,
} from './insertion.js';
import { readProperty } from './mixedPrecision.js';

/** The traps every Cell's Proxy uses. */
export const cellHandler: ProxyHandler<object> = {
  // Plain reads, except that a Parameter read while a `toFloat` Cell runs is its cast copy.
  get(target, prop, receiver) {
    return readProperty(Reflect.get(target, prop, receiver));
  },
  set(target, prop, value, receiver) {
    if (typeof prop === 'symbol') return Reflect.set(target, prop, value, receiver);
    // Before the accessor path: `cell.__proto__ = x` would otherwise swap the Cell's prototype.
    checkReservedName(stateOf(target), prop);
    if (isAccessor(target, prop)) return setThroughAccessor(target, prop, value, receiver);
    setAttr(stateOf(target), prop, value);
    return true;
  },
  defineProperty(target, prop, descriptor) {
    if (typeof prop === 'symbol') return Reflect.defineProperty(target, prop, descriptor);
    const state = stateOf(target);
    checkReservedName(state, prop);
    if (!('value' in descriptor)) return Reflect.defineProperty(target, prop, descriptor);
    // A class field named like an accessor (`training = true`) goes through its setter rather than
    // hiding it; a getter without a setter makes the definition fail.
    if (isAccessor(target, prop)) return setThroughAccessor(target, prop, descriptor.value, state.proxy);
    setAttr(state, prop, descriptor.value);
    return true;
  },
  setPrototypeOf(target) {
    throw new TypeError(`For '${target.constructor.name}', the prototype of a Cell cannot be changed.`);
  },
  deleteProperty(target, prop) {
    // MindSpore's __delattr__: the key leaves the registries too.
    if (typeof prop === 'string') {
      const state = stateOf(target);
      state.params.delete(prop);
      state.cells.delete(prop);
    }
    return Reflect.deleteProperty(target, prop);
  },
};

/** The descriptor of `name` on `target` or its prototype chain. */
function findDescriptor(target: object, name: string): PropertyDescriptor | undefined {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}

/** Whether `name` is a getter/setter on `target` or its prototype chain (e.g. `training`). */
function isAccessor(target: object, name: string): boolean {
  const d = findDescriptor(target, name);
  return d !== undefined && !('value' in d);
}

function setThroughAccessor(target: object, name: string, value: unknown, receiver: unknown): boolean {
  if (!findDescriptor(target, name)?.set) {
    throw new TypeError(`For '${target.constructor.name}', the property '${name}' is read-only.`);
  }
  return Reflect.set(target, name, value, receiver);
}

/** MindSpore's `Cell.__setattr__`. */
export function setAttr(state: CellState, name: string, value: unknown): void {
  const cell = state.proxy;
  if (value instanceof Parameter) {
    atomically(state, name, [value], () => {
      insertParam(state, name, value, { ignorePlain: true });
      checkUniqueNames(cell);
    });
  } else if (value instanceof ParameterTuple) {
    checkRegistrableName(state, name, 'ParameterTuple');
    atomically(state, name, value, () => setParameterTuple(state, name, value));
  } else if (isParameterArray(value)) {
    checkRegistrableName(state, name, 'Parameter array');
    atomically(state, name, value, () => setParameterArray(state, name, value));
  } else if (isCell(value)) {
    const setItem = (cell as unknown as Record<typeof SET_ITEM, unknown>)[SET_ITEM];
    if (typeof setItem === 'function' && /^(0|[1-9]\d*)$/.test(name)) {
      setItem.call(cell, Number(name), value);
      return;
    }
    atomically(state, name, value.getParameters(), () => setCell(state, name, value));
  } else {
    setObject(state, name, value);
  }
}

function setParameterTuple(state: CellState, name: string, tuple: ParameterTuple): void {
  const names = new Set<string>();
  const objs = new Set<Parameter>();
  for (const item of tuple) {
    // Repeats of one object are checked once.
    if (objs.has(item)) continue;
    objs.add(item);
    if (item.name === PARAMETER_NAME_DEFAULT) item.name = `${PARAMETER_NAME_DEFAULT}$${state.nextId++}`;
    const registered = state.params.get(item.name);
    // MindSpore would silently replace a different Parameter registered under this name.
    if (names.has(item.name) || (registered && registered !== item)) throw alreadyExists(`(${tuple.join(', ')})`, item.name);
    names.add(item.name);
    insertParam(state, item.name, item, { checkNameContainDot: false, expose: false });
  }
  defineValue(state, name, tuple);
  checkUniqueNames(state.proxy);
}

function setParameterArray(state: CellState, name: string, array: readonly Parameter[]): void {
  const registered = new Map<string, Parameter>();
  for (const [, p] of state.proxy.parametersAndNames()) registered.set(p.name, p);
  for (const item of array) {
    if (state.existObjs.has(item)) continue;
    state.existObjs.add(item);
    // MindSpore ≤2.2 renamed default-named list items to `Parameter$<id>` (2.3+ names are unique already).
    if (item.name === PARAMETER_NAME_DEFAULT) item.name = `${PARAMETER_NAME_DEFAULT}$${state.nextId++}`;
    const other = registered.get(item.name);
    if (state.existNames.has(item.name) || (other !== undefined && other !== item)) throw alreadyExists(`[${array.join(', ')}]`, item.name);
    state.existNames.add(item.name);
  }
  defineValue(state, name, array);
}

function alreadyExists(value: string, name: string): Error {
  // MindSpore: "The value {} , its name '{}' already exists. Please set a unique name for the parameter."
  return new Error(`The value ${value} , its name '${name}' already exists. Please set a unique name for the parameter.`);
}

function setCell(state: CellState, name: string, child: Cell): void {
  // MindSpore renames before inserting; checking first keeps a refused child's names intact.
  checkChild(state, name, child, true);
  if (state.autoPrefix) renameParameters(child, `${name}.`);
  insertChild(state, name, child, true);
  checkUniqueNames(state.proxy);
}

function setObject(state: CellState, name: string, value: unknown): void {
  const unset = value === null || value === undefined;
  if (state.params.has(name)) {
    const param = state.params.get(name);
    if (value instanceof Tensor && param) {
      param.setData(value);
      return;
    }
    if (!unset) {
      throw new TypeError(`Parameter '${name}' already exists in network, can not assign this type: '${typeName(value)}' as a parameter.`);
    }
    // A key held by a ParameterTuple's member (not a property of its own) stays registered: a
    // class field declared without a value (`momentum: Parameter;`) must not unregister it.
    if (param && Object.getOwnPropertyDescriptor(state.target, name)?.value !== param) {
      defineValue(state, name, value);
      return;
    }
    state.params.set(name, null);
  } else if (state.cells.has(name)) {
    if (!unset) {
      throw new TypeError(`Sub cell '${name}' already exists in network, can not assign this type: '${typeName(value)}' as a cell.`);
    }
    state.cells.set(name, null);
  }
  defineValue(state, name, value);
}

/** MindSpore's `_is_parameter_list_or_tuple`: a non-empty array of Parameters only. */
function isParameterArray(value: unknown): value is readonly Parameter[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Parameter);
}
