/**
 * safetensors: an 8-byte little-endian header length N, N bytes of JSON header
 * (`{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { … } }`, padded with
 * spaces to 8-byte alignment), then the raw little-endian data, every byte indexed once.
 */
import { type DType, describeType } from '@mindts/tensor';
import { checkBytes, checkEntries, checkEntryName, checkSize, type Entry, FROM_ST_TYPE, ST_TYPE } from './entry.js';
import { CheckpointError } from './errors.js';

/** The reference implementation refuses headers over 100 MB. */
const MAX_HEADER = 100_000_000;

/**
 * Encodes entries (no strings) with string `metadata` as a safetensors file.
 * @example
 * encodeSafetensors([{ name: 'w', dtype: 'float32', shape: [2], bytes }], { format: 'pt' });
 */
export function encodeSafetensors(entries: readonly Entry[], metadata: Record<string, string> = {}): Uint8Array {
  // Null-prototype objects: a tensor named `__proto__` is a key like any other.
  checkEntries(entries, 'encodeSafetensors');
  if (metadata === null || typeof metadata !== 'object') {
    throw new TypeError(`encodeSafetensors: metadata must be an object of strings, but got ${describeType(metadata)}.`);
  }
  const header: Record<string, unknown> = Object.create(null);
  if (Object.keys(metadata).length) header.__metadata__ = Object.assign(Object.create(null), metadata);
  let offset = 0;
  for (const e of entries) {
    checkEntryName(e.name, 'encodeSafetensors');
    if (e.dtype === 'str') throw new CheckpointError(`safetensors cannot hold the string '${e.name}'; put it in metadata.`);
    if (e.name === '__metadata__' || Object.hasOwn(header, e.name))
      throw new CheckpointError(`encodeSafetensors: the name '${e.name}' is reserved or used twice in the header.`);
    header[e.name] = { dtype: ST_TYPE[e.dtype], shape: [...e.shape], data_offsets: [offset, offset + e.bytes.length] };
    offset += e.bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let o = 8 + head.length;
  for (const e of entries) {
    out.set(e.bytes, o);
    o += e.bytes.length;
  }
  return out;
}

/**
 * Decodes and validates a safetensors file: header bounds, JSON, dtypes, sizes, and data ranges
 * that stay inside the file, do not overlap and leave no holes.
 * @example
 * const { entries, metadata } = decodeSafetensors(bytes, 'model.safetensors');
 */
export function decodeSafetensors(bytes: Uint8Array, where: string): { entries: Entry[]; metadata: Record<string, string> } {
  checkBytes(bytes, 'decodeSafetensors');
  if (bytes.length < 8)
    throw new CheckpointError(`${where}: a safetensors file needs an 8-byte header length, but has ${bytes.length} bytes.`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    throw new CheckpointError(`${where}: header length ${n} does not fit in the file (${bytes.length} bytes).`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + Number(n))));
  } catch (err) {
    throw new CheckpointError(`${where}: the header is not valid UTF-8 JSON (${(err as Error).message}).`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new CheckpointError(`${where}: the header must be a JSON object.`);
  const data = bytes.subarray(8 + Number(n));
  const metadata: Record<string, string> = Object.create(null);
  const entries: (Entry & { begin: number })[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof info !== 'object' || info === null) throw new CheckpointError(`${where}: __metadata__ must be an object of strings.`);
      for (const [k, v] of Object.entries(info)) {
        checkEntryName(k, where);
        if (typeof v !== 'string') throw new CheckpointError(`${where}: __metadata__['${k}'] must be a string.`);
        metadata[k] = v;
      }
      continue;
    }
    checkEntryName(name, where);
    const { dtype: code, shape, data_offsets: offsets } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype: DType | undefined = typeof code === 'string' ? FROM_ST_TYPE.get(code) : undefined;
    if (!dtype) throw new CheckpointError(`${where}: '${name}' has dtype ${JSON.stringify(code)}, which mindts cannot load.`);
    if (!Array.isArray(shape)) throw new CheckpointError(`${where}: '${name}' has no shape array.`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new CheckpointError(`${where}: '${name}' has invalid data_offsets ${JSON.stringify(offsets)}.`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > data.length) {
      throw new CheckpointError(`${where}: '${name}' data_offsets [${begin}, ${end}] fall outside the ${data.length} data bytes.`);
    }
    checkSize(name, shape as number[], dtype, end - begin, where);
    entries.push({ name, dtype, shape: shape as number[], bytes: data.subarray(begin, end), begin });
  }
  entries.sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected)
      throw new CheckpointError(`${where}: '${e.name}' starts at byte ${e.begin}; data ranges must not overlap or leave holes.`);
    expected += e.bytes.length;
  }
  if (expected !== data.length)
    throw new CheckpointError(`${where}: ${data.length - expected} trailing data bytes are not indexed by the header.`);
  return { entries: entries.map(({ name, dtype, shape, bytes: b }) => ({ name, dtype, shape, bytes: b })), metadata };
}
