/**
 * MindSpore's `.ckpt`: the protobuf `Checkpoint` message of
 * mindspore/ccsrc/utils/checkpoint.proto (proto2):
 *   message Checkpoint { message Value { required string tag = 1; required TensorProto tensor = 2; }
 *                        repeated Value value = 1; }
 *   message TensorProto { repeated int64 dims = 1; required string tensor_type = 2; required bytes tensor_content = 3; }
 * A scalar is written with dims [0], as MindSpore's save_checkpoint does; a tensor MindSpore
 * split over several Values with one tag is joined again. Encoding and decoding use protobufjs.
 *
 * A string value (MindSpore `append_dict`) is stored as MindSpore stores it, a NumPy `U` array:
 * UTF-32LE, 4 bytes a character (`np.array(s).tobytes()`; the empty string is one NUL character),
 * and read back with `np.frombuffer(data, 'U' + str(len(data) // 4))`, which drops trailing NULs.
 * Files from mindts before this held UTF-8; content that is not valid UTF-32 is read as UTF-8.
 *
 * With MindSpore's `crc_check`, the file ends with the 7 bytes `crc_num` and the CRC-32 of
 * everything before them as a 10-byte big-endian integer (serialization.py `_exec_save`:
 * `f.write('crc_num'.encode() + crc_num.to_bytes(10, byteorder='big'))`, the CRC chained over
 * every serialized record, which is the CRC of their concatenation).
 */
import { type DType, checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import protobuf from 'protobufjs/light.js';
import { crc32 } from './crc32.js';
import { checkBytes, checkEntries, checkEntryName, checkSize, type Entry, FROM_MS_TYPE, MS_TYPE } from './entry.js';
import { CheckpointError } from './errors.js';

/**
 * Options of {@link encodeCkpt} and {@link decodeCkpt}.
 * @example
 * decodeCkpt(encodeCkpt(entries, { crcCheck: true }), 'memory', { crcCheck: true });
 */
export interface CkptCrcOptions {
  /**
   * Encoding: append MindSpore's CRC record (default false). Decoding: require one (default
   * false; a CRC that is present is always verified), so a file cut short, which loses its CRC
   * record, is refused.
   */
  crcCheck?: boolean;
}
const CRC_KEYS: OptionKeys<CkptCrcOptions> = { crcCheck: true };

function crcOption(options: unknown, where: string): boolean {
  const { crcCheck = false } = checkOptions<CkptCrcOptions>(options, where, CRC_KEYS);
  if (typeof crcCheck !== 'boolean') throw new TypeError(`For '${where}', crcCheck must be a boolean, but got ${String(crcCheck)}.`);
  return crcCheck;
}

const CRC_TAG = new TextEncoder().encode('crc_num');
/** `crc_num` and 10 bytes of CRC. */
const CRC_RECORD = CRC_TAG.length + 10;

/** UTF-8 (an Entry's string bytes) → UTF-32LE, as NumPy stores `np.array(s)`. */
function toUtf32(utf8: Uint8Array): Uint8Array {
  const points = Array.from(new TextDecoder().decode(utf8), (c) => c.codePointAt(0) as number);
  if (points.length === 0) points.push(0);
  return new Uint8Array(Uint32Array.from(points).buffer); // little-endian hosts only, as tensorBytes
}

/** UTF-32LE → UTF-8, or undefined when `bytes` is not UTF-32 (an older mindts file's UTF-8). */
function fromUtf32(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let text = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const c = view.getUint32(i, true);
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return undefined;
    text += String.fromCodePoint(c);
  }
  return new TextEncoder().encode(text.replace(/\0+$/, ''));
}

function crcRecord(crc: number): Uint8Array {
  const out = new Uint8Array(CRC_RECORD);
  out.set(CRC_TAG);
  new DataView(out.buffer).setUint32(CRC_RECORD - 4, crc >>> 0, false); // the 6 bytes before stay 0
  return out;
}

function hasCrcRecord(bytes: Uint8Array): boolean {
  if (bytes.length < CRC_RECORD) return false;
  const at = bytes.length - CRC_RECORD;
  return CRC_TAG.every((b, i) => bytes[at + i] === b);
}

/** The records of `bytes` after checking and removing a CRC record. */
function checkedBody(bytes: Uint8Array, where: string, requireCrc: boolean): Uint8Array {
  if (!hasCrcRecord(bytes)) {
    if (requireCrc) {
      throw new CheckpointError(
        `${where}: crcCheck is set but the file has no CRC record (crc_num) at its end: it was saved without crcCheck, or it was cut short.`,
      );
    }
    if (bytes.length === 0) throw new CheckpointError(`${where}: the checkpoint file is empty.`);
    return bytes;
  }
  const body = bytes.subarray(0, bytes.length - CRC_RECORD);
  const tail = bytes.subarray(bytes.length - 10);
  const stored = tail.subarray(0, 6).every((b) => b === 0) ? new DataView(tail.buffer, tail.byteOffset + 6, 4).getUint32(0, false) : -1;
  const computed = crc32(body);
  if (stored !== computed) {
    throw new CheckpointError(
      `${where}: the CRC check failed (stored ${stored === -1 ? 'an out-of-range value' : stored}, computed ${computed}): the file is damaged.`,
    );
  }
  return body;
}

const root = protobuf.Root.fromJSON({
  nested: {
    TensorProto: {
      fields: {
        dims: { rule: 'repeated', type: 'int64', id: 1, options: { packed: false } },
        tensor_type: { rule: 'required', type: 'string', id: 2 },
        tensor_content: { rule: 'required', type: 'bytes', id: 3 },
      },
    },
    Checkpoint: {
      fields: { value: { rule: 'repeated', type: 'Value', id: 1 } },
      nested: {
        Value: {
          fields: {
            tag: { rule: 'required', type: 'string', id: 1 },
            tensor: { rule: 'required', type: 'TensorProto', id: 2 },
          },
        },
      },
    },
  },
});
const Checkpoint = root.lookupType('Checkpoint');

interface DecodedValue {
  tag: string;
  tensor: { dims: Array<number | { toNumber(): number }>; tensor_type: string; tensor_content: Uint8Array };
}

/**
 * Encodes entries as a MindSpore `.ckpt` file, with MindSpore's CRC record when `crcCheck`.
 * @example
 * encodeCkpt([{ name: 'w', dtype: 'float32', shape: [2], bytes }], { crcCheck: true });
 */
export function encodeCkpt(entries: readonly Entry[], options: CkptCrcOptions = {}): Uint8Array {
  const crcCheck = crcOption(options, 'encodeCkpt');
  checkEntries(entries, 'encodeCkpt');
  const value = entries.map((e) => ({
    tag: e.name,
    tensor: {
      dims: e.shape.length === 0 ? [0] : [...e.shape],
      tensor_type: e.dtype === 'str' ? 'str' : MS_TYPE[e.dtype],
      tensor_content: e.dtype === 'str' ? toUtf32(e.bytes) : e.bytes,
    },
  }));
  const out = Checkpoint.encode(Checkpoint.fromObject({ value })).finish();
  const plain = new Uint8Array(out.buffer, out.byteOffset, out.byteLength); // a plain view, not a Node Buffer
  if (!crcCheck) return plain;
  const withCrc = new Uint8Array(plain.length + CRC_RECORD);
  withCrc.set(plain);
  withCrc.set(crcRecord(crc32(plain)), plain.length);
  return withCrc;
}

/**
 * Decodes and validates a `.ckpt` file; `where` names it in errors. A CRC record, when present,
 * is verified; `crcCheck` requires one.
 * @example
 * const entries = decodeCkpt(bytes, 'net.ckpt');
 */
export function decodeCkpt(bytes: Uint8Array, where: string, options: CkptCrcOptions = {}): Entry[] {
  const crcCheck = crcOption(options, 'decodeCkpt');
  if (typeof where !== 'string')
    throw new TypeError(`decodeCkpt: where must be a string naming the source, but got ${describeType(where)}.`);
  const body = checkedBody(checkBytes(bytes, 'decodeCkpt'), where, crcCheck);
  let message: { value: DecodedValue[] };
  try {
    message = Checkpoint.toObject(Checkpoint.decode(body), { longs: Number, bytes: Uint8Array as never, defaults: true }) as never;
  } catch (err) {
    throw new CheckpointError(`${where}: not a valid MindSpore checkpoint (${(err as Error).message}).`);
  }
  // Values sharing a tag are the slices of one large tensor.
  const groups = new Map<string, DecodedValue[]>();
  for (const v of message.value) {
    checkEntryName(v.tag, where);
    const list = groups.get(v.tag) ?? [];
    list.push(v);
    groups.set(v.tag, list);
  }
  return [...groups].map(([name, parts]) => {
    const first = parts[0] as DecodedValue;
    const type = first.tensor.tensor_type;
    const dims = first.tensor.dims.map((d) => (typeof d === 'number' ? d : d.toNumber()));
    if (parts.some((p) => p.tensor.tensor_type !== type))
      throw new CheckpointError(`${where}: the slices of '${name}' have different types.`);
    // Copies: protobufjs hands out views into the whole file buffer.
    const content = concat(parts.map((p) => p.tensor.tensor_content));
    if (type === 'str') return { name, dtype: 'str', shape: [], bytes: fromUtf32(content) ?? content };
    const dtype: DType | undefined = FROM_MS_TYPE.get(type);
    if (!dtype) {
      throw new CheckpointError(
        `${where}: '${name}' has tensor_type '${type}', which mindts cannot load (supported: ${[...FROM_MS_TYPE.keys()].join(', ')}).`,
      );
    }
    const shape = dims.length === 1 && dims[0] === 0 ? [] : dims;
    checkSize(name, shape, dtype, content.length, where);
    return { name, dtype, shape, bytes: content };
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
