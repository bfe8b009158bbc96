/**
 * loadCheckpoint and loadParamIntoNet (MindSpore `load_checkpoint`, `load_param_into_net`).
 */
import type { Cell } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { DTYPES, type DType, Tensor } from '@mindts/tensor';
import { decodeCkpt } from './ckptFormat.js';
import type { Entry } from './entry.js';
import { CheckpointError } from './errors.js';
import { type CheckpointTarget, toIO } from './io.js';
import { decodeSafetensors } from './safetensorsFormat.js';
import { entryTensor } from './tensorBytes.js';

/**
 * Options of {@link loadCheckpoint}.
 * @example
 * await loadCheckpoint('net.ckpt', { filterPrefix: ['moments.', 'global_step'] });
 * await loadCheckpoint(bytes, { format: 'safetensors', choiceFunc: (name) => name.startsWith('dense.') });
 */
export interface LoadOptions {
  /** Names starting with this prefix (or any of these) are not loaded (MindSpore `filter_prefix`). */
  filterPrefix?: string | readonly string[];
  /** Loads only the names it returns true for (MindSpore `choice_func`). */
  choiceFunc?: (name: string) => boolean;
  /** Forces a format; by default a `.safetensors` name or an 8-byte JSON header picks safetensors. */
  format?: 'ckpt' | 'safetensors';
}

function looksLikeSafetensors(bytes: Uint8Array): boolean {
  return bytes.length > 9 && bytes[8] === 0x7b; // '{' right after the length
}

/**
 * Reads a checkpoint into a dict of name → Parameter (strings stored with `appendDict` come back
 * as strings). Everything is validated before any tensor is made.
 * @example
 * const dict = await loadCheckpoint('lenet.ckpt', { filterPrefix: 'moments.' });
 */
export async function loadCheckpoint(file: CheckpointTarget, options: LoadOptions = {}): Promise<Record<string, Parameter | string>> {
  const io = toIO(file);
  const bytes = await io.read();
  const format = options.format ?? (io.name.endsWith('.safetensors') || looksLikeSafetensors(bytes) ? 'safetensors' : 'ckpt');
  let entries: Entry[];
  let strings: Record<string, string> = {};
  if (format === 'safetensors') {
    const r = decodeSafetensors(bytes, io.name);
    entries = r.entries;
    strings = r.metadata;
  } else entries = decodeCkpt(bytes, io.name);
  const prefixes =
    options.filterPrefix === undefined ? [] : typeof options.filterPrefix === 'string' ? [options.filterPrefix] : [...options.filterPrefix];
  const keep = (name: string) => !prefixes.some((p) => name.startsWith(p)) && (options.choiceFunc?.(name) ?? true);
  const out: Record<string, Parameter | string> = {};
  for (const [name, value] of Object.entries(strings)) if (keep(name)) out[name] = value;
  for (const e of entries) {
    if (!keep(e.name)) continue;
    if (e.dtype === 'str') {
      out[e.name] = new TextDecoder().decode(e.bytes);
      continue;
    }
    const t = entryTensor(e as Entry & { dtype: DType });
    out[e.name] = new Parameter(t, e.name);
    t.dispose();
  }
  return out;
}

/**
 * A checkpoint value whose shape or dtype does not fit the network's parameter.
 * @example
 * const [, , mismatches] = loadParamIntoNet(net, dict);
 * for (const m of mismatches) console.log(`${m.name}: [${m.got.shape}] ${m.got.dtype}, expected [${m.expected.shape}] ${m.expected.dtype}`);
 */
export interface LoadMismatch {
  readonly name: string;
  readonly expected: { shape: readonly number[]; dtype: DType };
  readonly got: { shape: readonly number[]; dtype: DType };
}

/**
 * Loads `dict` into the parameters of `net` by name. Returns `[paramNotLoad, ckptNotLoad,
 * mismatches]`: the net's parameters not in the dict, the dict's entries no parameter took, and
 * the shape/dtype mismatches (a narrower dtype is cast up; a wider one is a mismatch). With
 * `strictLoad`, any of them is an error and the net is left unchanged.
 * @example
 * const [paramNotLoad, ckptNotLoad] = loadParamIntoNet(net, await loadCheckpoint('lenet.ckpt'));
 */
export function loadParamIntoNet(
  net: Cell,
  dict: Record<string, Parameter | Tensor | string>,
  options: { strictLoad?: boolean } = {},
): [string[], string[], LoadMismatch[]] {
  if (!net || typeof (net as Cell).parametersAndNames !== 'function')
    throw new TypeError(`loadParamIntoNet: net must be a Cell, but got ${String(net)}.`);
  if (!dict || typeof dict !== 'object') throw new TypeError(`loadParamIntoNet: parameterDict must be a dict, but got ${String(dict)}.`);
  const paramNotLoad: string[] = [];
  const mismatches: LoadMismatch[] = [];
  const used = new Set<string>();
  const updates: [Parameter, Tensor][] = [];
  for (const [, param] of net.parametersAndNames()) {
    const value = dict[param.name];
    if (value === undefined) {
      paramNotLoad.push(param.name);
      continue;
    }
    if (!(value instanceof Tensor))
      throw new TypeError(`loadParamIntoNet: parameterDict['${param.name}'] must be a Parameter, but got ${typeof value}.`);
    const sameShape = value.shape.length === param.shape.length && value.shape.every((d, i) => d === param.shape[i]);
    if (!sameShape || DTYPES.indexOf(value.dtype) > DTYPES.indexOf(param.dtype)) {
      mismatches.push({
        name: param.name,
        expected: { shape: param.shape, dtype: param.dtype },
        got: { shape: value.shape, dtype: value.dtype },
      });
      continue;
    }
    used.add(param.name);
    updates.push([param, value]);
  }
  const ckptNotLoad = Object.keys(dict).filter((n) => !used.has(n));
  if (options.strictLoad && (paramNotLoad.length || ckptNotLoad.length || mismatches.length)) {
    const parts = [
      paramNotLoad.length ? `not in the checkpoint: ${paramNotLoad.join(', ')}` : '',
      ckptNotLoad.length ? `checkpoint entries not loaded: ${ckptNotLoad.join(', ')}` : '',
      ...mismatches.map(
        (m) =>
          `'${m.name}' expects [${m.expected.shape.join(', ')}] ${m.expected.dtype} but the checkpoint has [${m.got.shape.join(', ')}] ${m.got.dtype}`,
      ),
    ].filter(Boolean);
    throw new CheckpointError(`loadParamIntoNet (strictLoad): nothing was loaded; ${parts.join('; ')}.`);
  }
  for (const [param, value] of updates) param.setData(value);
  return [paramNotLoad, ckptNotLoad, mismatches];
}
