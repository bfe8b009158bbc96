/**
 * loadParamIntoNet (MindSpore `load_param_into_net`), atomic: every entry is matched and checked,
 * then every new value is made, and only then are the parameters changed, so an error leaves the
 * net as it was and frees what was made.
 */
import type { Cell } from '@mindts/cell';
import type { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type DType, type OptionKeys, Tensor } from '@mindts/tensor';
import { adoptData, isTracing, runKernel, shapeString, shapesEqual } from '@mindts/tensor/backend';
import { CheckpointError } from './errors.js';

/**
 * A checkpoint value whose dtype differed from the network's parameter and was cast to it (MindSpore
 * logs a warning for each; mindts returns them).
 * @example
 * const [, , converted] = loadParamIntoNet(net, dict);
 * for (const m of converted) console.log(`${m.name}: ${m.got.dtype} cast to ${m.expected.dtype}`);
 */
export interface LoadMismatch {
  readonly name: string;
  readonly expected: { shape: readonly number[]; dtype: DType };
  readonly got: { shape: readonly number[]; dtype: DType };
}

/**
 * Options of {@link loadParamIntoNet}.
 * @example
 * loadParamIntoNet(net, dict, { strictLoad: true });
 */
export interface LoadParamOptions {
  /**
   * MindSpore `strict_load` (default false). False: a float entry loads into a parameter of
   * another float dtype, an int entry into another int dtype (cast), and a parameter missing
   * from the dict is looked up again under a prefix the dict's names share. True: dtypes must
   * be equal and names must match exactly.
   */
  strictLoad?: boolean;
}
const LOAD_PARAM_KEYS: OptionKeys<LoadParamOptions> = { strictLoad: true };

const FLOATS: readonly DType[] = ['float16', 'float32', 'float64'];
const INTS: readonly DType[] = ['int8', 'int16', 'int32', 'int64'];

/** One parameter to load: the dict key it comes from and how the value must change. */
interface Plan {
  param: Parameter;
  key: string;
  value: Tensor;
  cast: boolean;
}

/** MindSpore's `_special_process_par`: extra trailing 1s (a GE 4-d layout) are dropped. */
function trailingOnes(net: readonly number[], got: readonly number[]): boolean {
  return got.length > net.length && net.every((d, i) => d === got[i]) && got.slice(net.length).every((d) => d === 1);
}

function planOf(param: Parameter, key: string, value: unknown, strictLoad: boolean): Plan {
  const name = param.name;
  if (!(value instanceof Tensor)) {
    throw new TypeError(
      `For 'loadParamIntoNet', parameterDict['${key}'] must be a Parameter or Tensor to load into '${name}', but got ${typeof value === 'string' ? 'a string' : String(value)}.`,
    );
  }
  if (value.isDisposed) throw new CheckpointError(`For 'loadParamIntoNet', parameterDict['${key}'] has been disposed.`);
  if (param.isDisposed) throw new CheckpointError(`For 'loadParamIntoNet', the parameter '${name}' of the net has been disposed.`);
  if (!shapesEqual(param.shape, value.shape) && !trailingOnes(param.shape, value.shape)) {
    throw new CheckpointError(
      `For 'loadParamIntoNet', ${name} in the argument 'net' should have the same shape as ${key} in the argument 'parameterDict'. But got its shape ${shapeString(param.shape)} in the argument 'net' and shape ${shapeString(value.shape)} in the argument 'parameterDict'. May you need to check whether the checkpoint you loaded is correct or the batch size and so on in the 'net' and 'parameterDict' are same. Nothing was loaded.`,
    );
  }
  const cast = param.dtype !== value.dtype;
  const sameKind = [FLOATS, INTS].some((kind) => kind.includes(param.dtype) && kind.includes(value.dtype));
  if (cast && (strictLoad || !sameKind)) {
    throw new CheckpointError(
      `For 'loadParamIntoNet', ${name} in the argument 'net' should have the same type as ${key} in the argument 'parameterDict', but got its type ${param.dtype} in the argument 'net' and type ${value.dtype} in the argument 'parameterDict'${strictLoad && sameKind ? ' (strictLoad casts nothing)' : ''}. May you need to check whether the checkpoint you loaded is correct. Nothing was loaded.`,
    );
  }
  return { param, key, value, cast };
}

/**
 * MindSpore's `_load_dismatch_prefix_params`: while parameters are missing, take the prefix of the
 * first dict name that ends with a missing parameter's name, and load every missing parameter
 * found under that prefix.
 */
function loadUnderPrefixes(
  missing: Parameter[],
  dict: Record<string, unknown>,
  used: Set<string>,
  plans: Plan[],
  strictLoad: boolean,
): void {
  const keys = Object.keys(dict);
  for (;;) {
    let prefix: string | undefined;
    for (const p of missing) {
      const key = keys.find((k) => !used.has(k) && k.length > p.name.length && k.endsWith(p.name));
      if (key !== undefined) {
        prefix = key.slice(0, key.length - p.name.length);
        break;
      }
    }
    if (prefix === undefined) return;
    const before = missing.length;
    for (const p of [...missing]) {
      const key = prefix + p.name;
      if (used.has(key) || !Object.hasOwn(dict, key)) continue;
      plans.push(planOf(p, key, dict[key], strictLoad));
      used.add(key);
      missing.splice(missing.indexOf(p), 1);
    }
    if (missing.length === before) return;
  }
}

/**
 * Loads `parameterDict` into the parameters of `net` by name. Returns `[paramNotLoad,
 * ckptNotLoad, converted]`: the net's parameters not in the dict, the dict's entries no parameter
 * took, and the entries cast to their parameter's dtype. A shape or dtype that does not fit
 * raises a CheckpointError, as in MindSpore (which raises a RuntimeError), and nothing is loaded:
 * every entry is checked before any parameter changes.
 * @example
 * const [paramNotLoad, ckptNotLoad] = loadParamIntoNet(net, await loadCheckpoint('lenet.ckpt'));
 */
export function loadParamIntoNet(
  net: Cell,
  parameterDict: Record<string, Parameter | Tensor | string>,
  options: LoadParamOptions = {},
): [string[], string[], LoadMismatch[]] {
  checkArity(arguments.length, 3, 'loadParamIntoNet');
  const { strictLoad = false } = checkOptions<LoadParamOptions>(options, 'loadParamIntoNet', LOAD_PARAM_KEYS);
  if (typeof strictLoad !== 'boolean')
    throw new TypeError(`For 'loadParamIntoNet', strictLoad must be a boolean, but got ${String(strictLoad)}.`);
  if (!net || typeof (net as Cell).parametersAndNames !== 'function')
    throw new TypeError(`For 'loadParamIntoNet', net must be a Cell, but got ${String(net)}.`);
  if (!parameterDict || typeof parameterDict !== 'object' || Array.isArray(parameterDict))
    throw new TypeError(`For 'loadParamIntoNet', parameterDict must be a dict, but got ${String(parameterDict)}.`);
  if (isTracing()) throw new Error("loadParamIntoNet cannot run inside a jitted function: it replaces the parameters' data.");
  const dict = parameterDict as Record<string, unknown>;
  const plans: Plan[] = [];
  const used = new Set<string>();
  const missing: Parameter[] = [];
  for (const [, param] of net.parametersAndNames()) {
    // Own keys only: an entry named `toString` or `__proto__` is an entry, and a missing one is missing.
    if (Object.hasOwn(dict, param.name)) {
      plans.push(planOf(param, param.name, dict[param.name], strictLoad));
      used.add(param.name);
    } else missing.push(param);
  }
  if (!strictLoad && missing.length) loadUnderPrefixes(missing, dict, used, plans, strictLoad);
  // Every new value is made before any parameter changes; a failure frees what was made.
  const made: Tensor[] = [];
  try {
    for (const { param, value, cast } of plans) {
      // A copy in the parameter's shape (Reshape copies), then cast.
      let t = runKernel('Reshape', [value], { shape: param.shape });
      if (cast) {
        const c = runKernel('Cast', [t], { dtype: param.dtype });
        t.dispose();
        t = c;
      }
      made.push(t);
    }
  } catch (err) {
    for (const t of made) t.dispose();
    throw err;
  }
  plans.forEach(({ param }, i) => {
    adoptData(param, made[i] as Tensor);
  });
  const converted = plans
    .filter((p) => p.cast)
    .map(({ param, key, value }) => ({
      name: key,
      expected: { shape: [...param.shape], dtype: param.dtype },
      got: { shape: [...value.shape], dtype: value.dtype },
    }));
  return [missing.map((p) => p.name), Object.keys(dict).filter((k) => !used.has(k)), converted];
}
