/**
 * MindSpore's `.ckpt`: the protobuf `Checkpoint` message of
 * mindspore/ccsrc/utils/checkpoint.proto (proto2):
 *   message Checkpoint { message Value { required string tag = 1; required TensorProto tensor = 2; }
 *                        repeated Value value = 1; }
 *   message TensorProto { repeated int64 dims = 1; required string tensor_type = 2; required bytes tensor_content = 3; }
 * A scalar is written with dims [0], as MindSpore's save_checkpoint does; a tensor MindSpore
 * split over several Values with one tag is joined again. Encoding and decoding use protobufjs.
 */
import type { DType } from '@mindts/tensor';
import protobuf from 'protobufjs/light.js';
import { checkSize, type Entry, FROM_MS_TYPE, MS_TYPE } from './entry.js';
import { CheckpointError } from './errors.js';

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
 * Encodes entries as a MindSpore `.ckpt` file.
 * @example
 * encodeCkpt([{ name: 'w', dtype: 'float32', shape: [2], bytes }]);
 */
export function encodeCkpt(entries: readonly Entry[]): Uint8Array {
  const value = entries.map((e) => ({
    tag: e.name,
    tensor: {
      dims: e.shape.length === 0 ? [0] : [...e.shape],
      tensor_type: e.dtype === 'str' ? 'str' : MS_TYPE[e.dtype],
      tensor_content: e.bytes,
    },
  }));
  const out = Checkpoint.encode(Checkpoint.fromObject({ value })).finish();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength); // a plain view, not a Node Buffer
}

/**
 * Decodes and validates a `.ckpt` file; `where` names it in errors.
 * @example
 * const entries = decodeCkpt(bytes, 'net.ckpt');
 */
export function decodeCkpt(bytes: Uint8Array, where: string): Entry[] {
  if (bytes.length === 0) throw new CheckpointError(`${where}: the checkpoint file is empty.`);
  let message: { value: DecodedValue[] };
  try {
    message = Checkpoint.toObject(Checkpoint.decode(bytes), { longs: Number, bytes: Uint8Array as never, defaults: true }) as never;
  } catch (err) {
    throw new CheckpointError(`${where}: not a valid MindSpore checkpoint (${(err as Error).message}).`);
  }
  // Values sharing a tag are the slices of one large tensor.
  const groups = new Map<string, DecodedValue[]>();
  for (const v of message.value) {
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
    if (type === 'str') return { name, dtype: 'str', shape: [], bytes: content };
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
