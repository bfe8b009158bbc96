/**
 * saveCheckpoint (MindSpore `save_checkpoint`).
 */
import { Cell } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type OptionKeys, Tensor, tensor } from '@mindts/tensor';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import { checkEntryName, type Entry } from './entry.js';
import { CheckpointError } from './errors.js';
import { type CheckpointTarget, toIO } from './io.js';
import { decodeSafetensors, encodeSafetensors } from './safetensorsFormat.js';
import { tensorBytes } from './tensorBytes.js';

/**
 * What can be saved: a Cell, Parameters, `{ name, data }` items, or a dict from `loadCheckpoint`.
 * @example
 * await saveCheckpoint(net, 'net.ckpt'); // a Cell
 * await saveCheckpoint(net.trainableParams(), 'weights.ckpt'); // Parameters
 * await saveCheckpoint([{ name: 'mean', data: tensor([0.5]) }], 'stats.ckpt'); // named tensors
 */
export type SaveObject = Cell | readonly Parameter[] | readonly { name: string; data: Tensor }[] | Record<string, Tensor | string>;

/**
 * Options of {@link saveCheckpoint}.
 * @example
 * await saveCheckpoint(net, 'net.ckpt', { appendDict: { epoch: 3, lr: 0.01 }, choiceFunc: (name) => !name.startsWith('moments.') });
 */
export interface SaveOptions {
  /** `'ckpt'` (MindSpore, default) or `'safetensors'`; a path ending in `.safetensors` picks it. */
  format?: 'ckpt' | 'safetensors';
  /** Extra values to store (MindSpore `append_dict`): numbers, booleans, strings, tensors. */
  appendDict?: Record<string, number | boolean | string | Tensor>;
  /** Saves only the names it returns true for (MindSpore `choice_func`). */
  choiceFunc?: (name: string) => boolean;
  /** Reads the encoded bytes back and checks them before writing (default true). */
  integrity?: boolean;
  /**
   * MindSpore `crc_check` (default false): ends the `.ckpt` with MindSpore's CRC-32 record, so
   * `loadCheckpoint` detects a damaged file, and with its own `crcCheck` a file cut short.
   * `.ckpt` only.
   */
  crcCheck?: boolean;
}
const SAVE_KEYS: OptionKeys<SaveOptions> = { format: true, appendDict: true, choiceFunc: true, integrity: true, crcCheck: true };

function checkSaveOptions(options: unknown): SaveOptions {
  const o = checkOptions<SaveOptions>(options, 'saveCheckpoint', SAVE_KEYS);
  for (const key of ['integrity', 'crcCheck'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      throw new TypeError(`For 'saveCheckpoint', ${key} must be a boolean, but got ${String(o[key])}.`);
  }
  if (o.choiceFunc !== undefined && typeof o.choiceFunc !== 'function')
    throw new TypeError(`For 'saveCheckpoint', choiceFunc must be a function, but got ${String(o.choiceFunc)}.`);
  if (o.appendDict !== undefined && (o.appendDict === null || typeof o.appendDict !== 'object' || Array.isArray(o.appendDict)))
    throw new TypeError(`For 'saveCheckpoint', appendDict must be a dict, but got ${String(o.appendDict)}.`);
  return o;
}

function itemsOf(obj: SaveObject): [string, Tensor | string][] {
  if (obj instanceof Cell) return [...obj.parametersAndNames()].map(([, p]) => [p.name, p]);
  if (Array.isArray(obj)) {
    return obj.map((item: unknown, i) => {
      if (item instanceof Parameter) return [item.name, item];
      const { name, data } = (item ?? {}) as { name?: unknown; data?: unknown };
      if (typeof name === 'string' && data instanceof Tensor) return [name, data];
      throw new TypeError(`saveCheckpoint: saveObj[${i}] must be a Parameter or { name, data: Tensor }, but got ${String(item)}.`);
    });
  }
  if (obj && typeof obj === 'object') {
    return Object.entries(obj).map(([name, v]) => {
      if (v instanceof Tensor || typeof v === 'string') return [name, v];
      throw new TypeError(`saveCheckpoint: saveObj['${name}'] must be a Tensor, Parameter or string, but got ${String(v)}.`);
    });
  }
  throw new TypeError(
    `saveCheckpoint: saveObj must be a Cell, an array of Parameters or { name, data }, or a dict, but got ${String(obj)}.`,
  );
}

/** The encoded bytes of an `appendDict` value (numbers and booleans through a tensor freed at once). */
function appendedEntry(name: string, value: unknown): Entry {
  if (value instanceof Tensor || typeof value === 'string') return toEntry(name, value);
  if (typeof value !== 'boolean' && typeof value !== 'number') {
    throw new TypeError(
      `For 'saveCheckpoint', appendDict['${name}'] must be a number, boolean, string or Tensor, but got ${value === null ? 'null' : typeof value}.`,
    );
  }
  // As MindSpore: a Python int is Int64, a float Float32.
  const t = typeof value === 'boolean' ? tensor(value) : tensor(value, Number.isInteger(value) ? 'int64' : 'float32');
  try {
    return toEntry(name, t);
  } finally {
    t.dispose();
  }
}

function toEntry(name: string, value: Tensor | string): Entry {
  if (typeof value === 'string') return { name, dtype: 'str', shape: [], bytes: new TextEncoder().encode(value) };
  return { name, dtype: value.dtype, shape: [...value.shape], bytes: tensorBytes(value) };
}

/**
 * Saves parameters to `file` in MindSpore's `.ckpt` format or safetensors, atomically.
 * @example
 * await saveCheckpoint(net, 'lenet.ckpt', { appendDict: { epoch: 3 } });
 * await saveCheckpoint(net, 'lenet.safetensors');
 */
export async function saveCheckpoint(saveObj: SaveObject, file: CheckpointTarget, options: SaveOptions = {}): Promise<void> {
  checkArity(arguments.length, 3, 'saveCheckpoint');
  options = checkSaveOptions(options);
  const io = toIO(file);
  const format = options.format ?? (io.name.endsWith('.safetensors') ? 'safetensors' : 'ckpt');
  if (format !== 'ckpt' && format !== 'safetensors')
    throw new TypeError(`saveCheckpoint: format must be 'ckpt' or 'safetensors', but got ${String(format)}.`);
  const crcCheck = options.crcCheck ?? false;
  if (crcCheck && format !== 'ckpt')
    throw new CheckpointError(`saveCheckpoint: crcCheck applies to the .ckpt format; mindts does not write safetensors CRCs (${io.name}).`);
  const items: [string, unknown][] = itemsOf(saveObj);
  for (const [name, v] of Object.entries(options.appendDict ?? {})) items.push([name, v]);
  const appendFrom = items.length - Object.keys(options.appendDict ?? {}).length;
  const chosen = items.map((item, i) => [...item, i >= appendFrom] as const).filter(([name]) => options.choiceFunc?.(name) ?? true);
  const seen = new Set<string>();
  for (const [name] of chosen) {
    checkEntryName(name, `saveCheckpoint (${io.name})`);
    if (seen.has(name))
      throw new CheckpointError(`saveCheckpoint: the name '${name}' appears twice; names in a checkpoint must be unique.`);
    seen.add(name);
  }
  const entries = chosen.map(([n, v, isAppended]) => (isAppended ? appendedEntry(n, v) : toEntry(n, v as Tensor | string)));
  let bytes: Uint8Array;
  if (format === 'ckpt') bytes = encodeCkpt(entries, { crcCheck });
  else {
    const metadata = Object.fromEntries(entries.filter((e) => e.dtype === 'str').map((e) => [e.name, new TextDecoder().decode(e.bytes)]));
    bytes = encodeSafetensors(
      entries.filter((e) => e.dtype !== 'str'),
      metadata,
    );
  }
  if (options.integrity ?? true) {
    const back = format === 'ckpt' ? decodeCkpt(bytes, io.name, { crcCheck }) : decodeSafetensors(bytes, io.name).entries;
    if (back.length !== (format === 'ckpt' ? entries.length : entries.filter((e) => e.dtype !== 'str').length)) {
      throw new CheckpointError(`saveCheckpoint: the encoded checkpoint for ${io.name} did not read back whole; nothing was written.`);
    }
  }
  await io.write(bytes);
}
