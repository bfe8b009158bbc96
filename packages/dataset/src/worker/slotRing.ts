/**
 * How a Node dataset worker hands its rows to the main thread: through shared memory, not by
 * transferring each batch's buffers. A transferred ArrayBuffer costs the receiving thread more
 * to adopt (a new buffer object, external memory the garbage collector then weighs) than the
 * batch costs to copy; a ring of SharedArrayBuffers, one a slot, is written by the worker and read
 * by the main thread, and each reply is a small message naming its slot. The worker writes slot
 * `n % slots` only while it holds a credit for item `n`, and credits run `slots - 1` items ahead
 * of what the main thread has taken, so a slot is rewritten only after the main thread has moved
 * on from the item in it (it copies what it keeps — a tensor, an `outputNumpy` array — first).
 */
import { type HostArray, viewOf } from '../hostArray.js';

/** Where one value of a row lies in its slot. */
export interface SlotValue {
  readonly shape: readonly number[];
  readonly dtype: HostArray['dtype'];
  /** Byte offset in the slot's buffer, and number of elements. */
  readonly offset: number;
  readonly length: number;
}

/** A row written to a slot; `buffer` comes along when the slot got a new (larger) buffer. */
export interface SlotReply {
  readonly type: 'slot';
  readonly slot: number;
  readonly values: readonly SlotValue[];
  readonly buffer?: SharedArrayBuffer;
}

/** Byte offsets of `values` laid out one after another, each on 8 bytes; and the total. */
function layout(values: readonly HostArray[]): { offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let bytes = 0;
  for (const v of values) {
    bytes = Math.ceil(bytes / 8) * 8;
    offsets.push(bytes);
    bytes += v.data.length * viewOf(v.dtype).BYTES_PER_ELEMENT;
  }
  return { offsets, bytes };
}

/**
 * The worker's side: writes each row into the next slot.
 * @example
 * const writer = new SlotWriter(17);
 * port.postMessage(writer.write(row));
 */
export class SlotWriter {
  private readonly buffers: SharedArrayBuffer[] = [];
  private next = 0;

  constructor(private readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 2) throw new RangeError(`SlotWriter: slots must be an integer >= 2, but got ${slots}.`);
  }

  /** Copies `values` into the next slot and returns the message that names it. */
  write(values: readonly HostArray[]): SlotReply {
    const slot = this.next;
    this.next = (this.next + 1) % this.slots;
    const { offsets, bytes } = layout(values);
    let buffer = this.buffers[slot];
    let fresh: SharedArrayBuffer | undefined;
    if (buffer === undefined || buffer.byteLength < bytes) {
      // Room for somewhat larger rows later, so a slot is not remade for every size.
      buffer = new SharedArrayBuffer(Math.max(64, Math.ceil((bytes * 1.25) / 8) * 8));
      this.buffers[slot] = buffer;
      fresh = buffer;
    }
    const placed = values.map((v, i) => {
      const offset = offsets[i] as number;
      new (viewOf(v.dtype))(buffer, offset, v.data.length).set(v.data as never);
      return { shape: v.shape, dtype: v.dtype, offset, length: v.data.length };
    });
    return fresh ? { type: 'slot', slot, values: placed, buffer: fresh } : { type: 'slot', slot, values: placed };
  }
}

/**
 * The main thread's side: the row a {@link SlotReply} names, as views of the slot (valid until
 * the worker rewrites the slot: copy what is kept).
 * @example
 * const reader = new SlotReader();
 * const row = reader.read(message);
 */
export class SlotReader {
  private readonly buffers: SharedArrayBuffer[] = [];

  read(reply: SlotReply): HostArray[] {
    if (reply.buffer) this.buffers[reply.slot] = reply.buffer;
    const buffer = this.buffers[reply.slot];
    if (buffer === undefined) throw new Error(`DatasetIterator: the dataset worker named slot ${reply.slot} before sending its buffer.`);
    return reply.values.map((v) => ({ data: new (viewOf(v.dtype))(buffer, v.offset, v.length), shape: v.shape, dtype: v.dtype }));
  }
}
