/**
 * How a Node dataset worker hands its rows to the main thread: through shared memory, with no
 * message per row. A transferred ArrayBuffer costs the receiving thread more to adopt (a new
 * buffer object, external memory the garbage collector then weighs) than the batch costs to
 * copy, and even a small message costs it a receive. So the worker writes item `n` into slot
 * `n % slots` of a ring of SharedArrayBuffers — a header (each value's dtype, shape, offset and
 * length) and then the values — and the main thread reads it from there once the count of items
 * sent passes `n`. Only a slot's (re)allocation travels as a message. The worker writes item `n`
 * only while it holds a credit for it, and credits run `slots - 1` items ahead of what the main
 * thread has taken, so a slot is rewritten only after the main thread has moved on from the item
 * in it (it copies what it keeps — a tensor, an `outputNumpy` array — first).
 */
import { DTYPES } from '@mindts/tensor';
import { type HostArray, viewOf } from '../hostArray.js';

/** A slot's new buffer, sent before the first item written into it. */
export interface SlotBuffer {
  readonly type: 'buffer';
  readonly slot: number;
  readonly buffer: SharedArrayBuffer;
}

/** Header words: the value count, then per value its dtype code, rank, byte offset, length and dims. */
function headerWords(values: readonly HostArray[]): number {
  return 1 + values.reduce((n, v) => n + 4 + v.shape.length, 0);
}

/**
 * The worker's side: writes each row into its slot.
 * @example
 * const writer = new SlotWriter(17);
 * const fresh = writer.write(0, row); // post `fresh` first when there is one
 */
export class SlotWriter {
  private readonly buffers: SharedArrayBuffer[] = [];

  constructor(readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 2) throw new RangeError(`SlotWriter: slots must be an integer >= 2, but got ${slots}.`);
  }

  /** Writes item `index` (its values) into slot `index % slots`; returns the slot's new buffer when it needed one. */
  write(index: number, values: readonly HostArray[]): SlotBuffer | undefined {
    const slot = index % this.slots;
    const words = headerWords(values);
    let bytes = Math.ceil((words * 4) / 8) * 8;
    const offsets = values.map((v) => {
      const offset = bytes;
      bytes = Math.ceil((bytes + v.data.length * viewOf(v.dtype).BYTES_PER_ELEMENT) / 8) * 8;
      return offset;
    });
    let buffer = this.buffers[slot];
    let fresh: SlotBuffer | undefined;
    if (buffer === undefined || buffer.byteLength < bytes) {
      // Room for somewhat larger rows later, so a slot is not remade for every size.
      buffer = new SharedArrayBuffer(Math.ceil((bytes * 1.25) / 8) * 8);
      this.buffers[slot] = buffer;
      fresh = { type: 'buffer', slot, buffer };
    }
    const header = new Int32Array(buffer, 0, words);
    header[0] = values.length;
    let w = 1;
    values.forEach((v, i) => {
      const offset = offsets[i] as number;
      new (viewOf(v.dtype))(buffer, offset, v.data.length).set(v.data as never);
      header.set([DTYPES.indexOf(v.dtype), v.shape.length, offset, v.data.length, ...v.shape], w);
      w += 4 + v.shape.length;
    });
    return fresh;
  }
}

/**
 * The main thread's side: the row in a slot, as views of it (valid until the worker rewrites the
 * slot: copy what is kept).
 * @example
 * const reader = new SlotReader();
 * reader.setBuffer(fresh);
 * const row = reader.read(0);
 */
export class SlotReader {
  private readonly buffers: SharedArrayBuffer[] = [];

  /** Takes a slot's new buffer (a {@link SlotBuffer} message). */
  setBuffer(message: SlotBuffer): void {
    this.buffers[message.slot] = message.buffer;
  }

  read(slot: number): HostArray[] {
    const buffer = this.buffers[slot];
    if (buffer === undefined) throw new Error(`DatasetIterator: the dataset worker wrote slot ${slot} before sending its buffer.`);
    const words = new Int32Array(buffer);
    const out: HostArray[] = [];
    for (let i = 0, w = 1; i < (words[0] as number); i++) {
      const [code, rank, offset, length] = [words[w], words[w + 1], words[w + 2], words[w + 3]] as number[] as [
        number,
        number,
        number,
        number,
      ];
      const dtype = DTYPES[code] as HostArray['dtype'];
      const shape = Array.from(words.subarray(w + 4, w + 4 + rank));
      out.push({ data: new (viewOf(dtype))(buffer, offset, length), shape, dtype });
      w += 4 + rank;
    }
    return out;
  }
}
