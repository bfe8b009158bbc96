/**
 * Parameter groups, after `_parameters_base_check`, `_check_group_params`, `_parse_group_params`,
 * `_init_group_params` and `_order_and_adjust_group_params` in
 * mindspore/python/mindspore/nn/optim/optimizer.py (MindSpore master,
 * mindspore-ai/mindspore_test@02031d7ee990e2f4330bd07d30bb7140fe973684), with camelCase keys.
 */
import { Parameter } from '@mindts/parameter';
import { Tensor } from '@mindts/tensor';
import { typeName } from '../../cellState.js';
import { dynamicLength, type LearningRate, type ParsedLearningRate, parseLearningRate } from './learningRate.js';

/**
 * A group of parameters with its own learning rate and weight decay (MindSpore's dict with
 * `params`, `lr`, `weight_decay`).
 * @example
 * const group: ParameterGroup = { params: convParams, lr: 0.05, weightDecay: 0.01 };
 */
export interface ParameterGroup {
  params: Iterable<Parameter>;
  lr?: LearningRate;
  weightDecay?: number;
}

/**
 * The order the optimizer keeps its parameters in (MindSpore's `{'order_params': …}`); every
 * grouped parameter must appear in it, and nothing else.
 * @example
 * const order: OrderParamsGroup = { orderParams: net.trainableParams() };
 */
export interface OrderParamsGroup {
  orderParams: Iterable<Parameter>;
}

/**
 * What an optimizer takes: Parameters, or parameter groups (optionally with one `orderParams` entry).
 * @example
 * const params: OptimizerParams = [{ params: convParams, weightDecay: 0.01 }, { params: rest, lr: 0.01 }, { orderParams: net.trainableParams() }];
 */
export type OptimizerParams = Iterable<Parameter> | Iterable<ParameterGroup | OrderParamsGroup>;

/** One parameter with the settings of its group. */
export interface ParamEntry {
  param: Parameter;
  /** Index of the group it came from; -1 when not grouped. */
  group: number;
  /** The group's own learning rate, if it set one. */
  lr: ParsedLearningRate | null;
  /** The group's own weight decay, if it set one. */
  weightDecay: number | null;
}

const KEYS = ['params', 'lr', 'weightDecay', 'orderParams'];

/** MindSpore's `_parameters_base_check`: not null, iterable, not empty. */
export function baseCheck(parameters: unknown, info: string): unknown[] {
  if (parameters === null || parameters === undefined) throw new RangeError(`For 'Optimizer', the argument ${info} can not be None.`);
  if (typeof (parameters as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function' || typeof parameters === 'string') {
    throw new TypeError(`For 'Optimizer', the argument ${info} must be Iterable type, but got ${typeName(parameters)}.`);
  }
  const list = [...(parameters as Iterable<unknown>)];
  if (list.length === 0) throw new RangeError(`For 'Optimizer', the argument ${info} must not be empty.`);
  return list;
}

const isGroupDict = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !(x instanceof Tensor) && !Array.isArray(x);

/**
 * Checks `parameters` and flattens groups into one entry per parameter, in the order of
 * `orderParams` when given. `defaultLr` is the optimizer's own learning rate (for the check that
 * array rates of groups have its length).
 */
export function parseParameters(
  parameters: unknown,
  defaultLr: ParsedLearningRate,
  cls: string,
): { entries: ParamEntry[]; isGroup: boolean } {
  const list = baseCheck(parameters, 'parameters');
  if (list.every((x) => x instanceof Parameter)) {
    return { entries: (list as Parameter[]).map((param) => ({ param, group: -1, lr: null, weightDecay: null })), isGroup: false };
  }
  if (!list.every(isGroupDict)) {
    throw new TypeError(
      "For 'Optimizer', all elements of the argument 'parameters' must be 'Parameter' or 'dict', please check the 'parameters'.",
    );
  }
  let arrayLength = dynamicLength(defaultLr);
  let ordered: Parameter[] | null = null;
  const entries: ParamEntry[] = [];
  const seen = new Set<string>();
  list.forEach((group, g) => {
    const keys = Object.keys(group);
    const invalid = keys.filter((k) => !KEYS.includes(k));
    if (invalid.length > 0) {
      throw new RangeError(
        `For 'Optimizer', the key in group params must be one of in [${KEYS.map((k) => `'${k}'`).join(', ')}], but got [${invalid.map((k) => `'${k}'`).join(', ')}].`,
      );
    }
    if ('orderParams' in group) {
      if (keys.length > 1) {
        throw new RangeError(
          `For 'Optimizer', the order params dict in group parameters should only include the 'orderParams' key, but got [${keys.map((k) => `'${k}'`).join(', ')}].`,
        );
      }
      const order = group.orderParams;
      if (order === null || typeof (order as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== 'function') {
        throw new TypeError(
          `For 'Optimizer', the value of 'orderParams' in group parameters should be Iterable type, but got ${typeName(order)}.`,
        );
      }
      ordered = [...(order as Iterable<Parameter>)];
      return;
    }
    const params = baseCheck(group.params, 'group `params`');
    params.forEach((p, i) => {
      if (!(p instanceof Parameter)) {
        throw new TypeError(
          `For 'Optimizer', the element in group parameters must be Parameter type, but got ${typeName(p)} at index ${i}.`,
        );
      }
    });
    let lr: ParsedLearningRate | null = null;
    if ('lr' in group) {
      lr = parseLearningRate(group.lr, cls);
      const n = dynamicLength(lr);
      if (n > 0) {
        if (arrayLength === 0) arrayLength = n;
        else if (n !== arrayLength) {
          throw new RangeError(
            "For 'Optimizer', the Tensor type dynamic learning rate in group must be the same size as the argument 'learningRate'.",
          );
        }
      }
    }
    const weightDecay = 'weightDecay' in group ? (group.weightDecay as number) : null;
    for (const param of params as Parameter[]) {
      if (seen.has(param.name)) {
        throw new Error(
          `For 'Optimizer', the ${param.name} parameter already exists, it does not support repeated setting. Please check whether the optimizer parameter has been set multiple times.`,
        );
      }
      seen.add(param.name);
      entries.push({ param, group: g, lr, weightDecay });
    }
  });
  return { entries: ordered ? orderEntries(entries, ordered) : entries, isGroup: true };
}

/** MindSpore's `_order_and_adjust_group_params`. */
function orderEntries(entries: ParamEntry[], ordered: Parameter[]): ParamEntry[] {
  if (ordered.length !== entries.length) {
    throw new RangeError(
      `For 'Optimizer',the length of order parameters must be the same as the length of group parameters, but got order parameters' length ${ordered.length}, group parameters' length ${entries.length}.`,
    );
  }
  const names = ordered.map((p) => (p instanceof Parameter ? p.name : undefined));
  const out: ParamEntry[] = new Array(entries.length);
  for (const entry of entries) {
    const index = names.indexOf(entry.param.name);
    if (index < 0) throw new RangeError(`For 'Optimizer', the parameter '${entry.param.name}' of the groups is not in 'orderParams'.`);
    out[index] = entry;
  }
  return out;
}
