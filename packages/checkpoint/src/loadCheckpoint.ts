/**
 * loadCheckpoint (MindSpore `load_checkpoint`).
 */
import { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type DType, type OptionKeys } from '@mindts/tensor';
import { decodeCkpt } from './ckptFormat.js';
import type { Entry } from './entry.js';
import { CheckpointError } from './errors.js';
import { type CheckpointTarget, DEFAULT_MAX_BYTES, toIO, tooLarge } from './io.js';
import { decodeSafetensors } from './safetensorsFormat.js';
import { entryTensor } from './tensorBytes.js';

/**
 * Options of {@link loadCheckpoint}.
 * @example
 * await loadCheckpoint('net.ckpt', { filterPrefix: ['moments.', 'global_step'], crcCheck: true });
 * await loadCheckpoint(bytes, { format: 'safetensors', choiceFunc: (name) => name.startsWith('dense.') });
 */
export interface LoadOptions {
  /** Names starting with this prefix (or any of these) are not loaded (MindSpore `filter_prefix`). */
  filterPrefix?: string | readonly string[];
  /** Loads only the names it returns true for (MindSpore `choice_func`). */
  choiceFunc?: (name: string) => boolean;
  /** Forces a format; by default a `.safetensors` name or an 8-byte JSON header picks safetensors. */
  format?: 'ckpt' | 'safetensors';
  /**
   * MindSpore `crc_check` (default false): the `.ckpt` must end with the CRC record that
   * `saveCheckpoint(…, { crcCheck: true })` writes, so a file cut short is refused. A CRC record
   * that is present is verified either way. `.ckpt` only.
   */
  crcCheck?: boolean;
  /** Files larger than this many bytes are refused before they are read (default 4 GiB). */
  maxBytes?: number;
}
const LOAD_KEYS: OptionKeys<LoadOptions> = { filterPrefix: true, choiceFunc: true, format: true, crcCheck: true, maxBytes: true };

function looksLikeSafetensors(bytes: Uint8Array): boolean {
  return bytes.length > 9 && bytes[8] === 0x7b; // '{' right after the length
}

function prefixesOf(filterPrefix: unknown): string[] {
  if (filterPrefix === undefined) return [];
  const list = typeof filterPrefix === 'string' ? [filterPrefix] : Array.isArray(filterPrefix) ? filterPrefix : undefined;
  if (!list || list.some((p) => typeof p !== 'string'))
    throw new TypeError(`For 'loadCheckpoint', filterPrefix must be a string or an array of strings, but got ${String(filterPrefix)}.`);
  if (list.includes('')) throw new RangeError("For 'loadCheckpoint', filterPrefix can't include '' (it would filter out every name).");
  return list as string[];
}

function checkLoadOptions(options: unknown): Required<Pick<LoadOptions, 'crcCheck' | 'maxBytes'>> & LoadOptions {
  const o = checkOptions<LoadOptions>(options, 'loadCheckpoint', LOAD_KEYS);
  const { format, crcCheck = false, maxBytes = DEFAULT_MAX_BYTES, choiceFunc } = o;
  if (format !== undefined && format !== 'ckpt' && format !== 'safetensors')
    throw new TypeError(`For 'loadCheckpoint', format must be 'ckpt' or 'safetensors', but got ${String(format)}.`);
  if (typeof crcCheck !== 'boolean') throw new TypeError(`For 'loadCheckpoint', crcCheck must be a boolean, but got ${String(crcCheck)}.`);
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new TypeError(`For 'loadCheckpoint', maxBytes must be a non-negative integer, but got ${String(maxBytes)}.`);
  if (choiceFunc !== undefined && typeof choiceFunc !== 'function')
    throw new TypeError(`For 'loadCheckpoint', choiceFunc must be a function, but got ${String(choiceFunc)}.`);
  return { ...o, crcCheck, maxBytes };
}

/**
 * Reads a checkpoint into a dict of name → Parameter (strings stored with `appendDict` come back
 * as strings). The dict has no prototype, so any name (`__proto__`, `toString`) is just a key.
 * A path must be a regular file of at most `maxBytes`; everything is validated (and a CRC
 * record verified) before any tensor is made, and a failure frees what was made.
 * @example
 * const dict = await loadCheckpoint('lenet.ckpt', { filterPrefix: 'moments.' });
 */
export async function loadCheckpoint(file: CheckpointTarget, options: LoadOptions = {}): Promise<Record<string, Parameter | string>> {
  checkArity(arguments.length, 2, 'loadCheckpoint');
  const opts = checkLoadOptions(options);
  const prefixes = prefixesOf(opts.filterPrefix);
  const io = toIO(file);
  const bytes = await io.read({ maxBytes: opts.maxBytes });
  if (bytes.length > opts.maxBytes) throw tooLarge(io.name, bytes.length, opts.maxBytes);
  const format = opts.format ?? (io.name.endsWith('.safetensors') || looksLikeSafetensors(bytes) ? 'safetensors' : 'ckpt');
  let entries: Entry[];
  let strings: Record<string, string> = {};
  if (format === 'safetensors') {
    if (opts.crcCheck)
      throw new CheckpointError(`${io.name}: crcCheck applies to the .ckpt format; mindts does not check safetensors CRCs.`);
    const r = decodeSafetensors(bytes, io.name);
    entries = r.entries;
    strings = r.metadata;
  } else entries = decodeCkpt(bytes, io.name, { crcCheck: opts.crcCheck });
  const keep = (name: string) => !prefixes.some((p) => name.startsWith(p)) && (opts.choiceFunc?.(name) ?? true);
  const out: Record<string, Parameter | string> = Object.create(null);
  for (const [name, value] of Object.entries(strings)) if (keep(name)) out[name] = value;
  try {
    for (const e of entries) {
      if (!keep(e.name)) continue;
      if (e.dtype === 'str') {
        out[e.name] = new TextDecoder().decode(e.bytes);
        continue;
      }
      const t = entryTensor(e as Entry & { dtype: DType });
      try {
        out[e.name] = new Parameter(t, e.name);
      } finally {
        t.dispose();
      }
    }
  } catch (err) {
    for (const v of Object.values(out)) if (typeof v !== 'string') v.dispose();
    throw err;
  }
  return out;
}
