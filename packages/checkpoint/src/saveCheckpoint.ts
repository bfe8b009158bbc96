/**
 * saveCheckpoint (MindSpore `save_checkpoint`).
 */
import { Cell } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { Tensor, tensor } from '@mindts/tensor';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import type { Entry } from './entry.js';
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

function appended(value: number | boolean | string | Tensor): Tensor | string {
  if (value instanceof Tensor || typeof value === 'string') return value;
  if (typeof value === 'boolean') return tensor(value);
  // As MindSpore: a Python int is Int64, a float Float32.
  return tensor(value, Number.isInteger(value) ? 'int64' : 'float32');
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
  const io = toIO(file);
  const format = options.format ?? (io.name.endsWith('.safetensors') ? 'safetensors' : 'ckpt');
  if (format !== 'ckpt' && format !== 'safetensors')
    throw new TypeError(`saveCheckpoint: format must be 'ckpt' or 'safetensors', but got ${String(format)}.`);
  const items = itemsOf(saveObj);
  for (const [name, v] of Object.entries(options.appendDict ?? {})) items.push([name, appended(v)]);
  const chosen = options.choiceFunc ? items.filter(([name]) => options.choiceFunc?.(name)) : items;
  const seen = new Set<string>();
  for (const [name] of chosen) {
    if (seen.has(name))
      throw new CheckpointError(`saveCheckpoint: the name '${name}' appears twice; names in a checkpoint must be unique.`);
    seen.add(name);
  }
  let bytes: Uint8Array;
  if (format === 'ckpt') {
    bytes = encodeCkpt(chosen.map(([n, v]) => toEntry(n, v)));
  } else {
    const metadata = Object.fromEntries(chosen.filter(([, v]) => typeof v === 'string') as [string, string][]);
    bytes = encodeSafetensors(
      chosen.filter(([, v]) => typeof v !== 'string').map(([n, v]) => toEntry(n, v)),
      metadata,
    );
  }
  if (options.integrity ?? true) {
    const back = format === 'ckpt' ? decodeCkpt(bytes, io.name) : decodeSafetensors(bytes, io.name).entries;
    if (back.length !== (format === 'ckpt' ? chosen.length : chosen.filter(([, v]) => typeof v !== 'string').length)) {
      throw new CheckpointError(`saveCheckpoint: the encoded checkpoint for ${io.name} did not read back whole; nothing was written.`);
    }
  }
  await io.write(bytes);
}
