/**
 * Where checkpoint bytes come from and go to. A path is a Node file ({@link fileIO}: checked
 * reads, atomic writes; an error naming the alternatives in a browser build); bytes and Blobs
 * work in memory everywhere. Plugin authors implement
 * {@link CheckpointIO} for other stores.
 */
import { describeType } from '@mindts/tensor';
import { CheckpointError } from './errors.js';
import { fileIO } from './fileIO.js';

/**
 * The default `maxBytes` of a read: 4 GiB.
 * @example
 * await loadCheckpoint('net.ckpt', { maxBytes: DEFAULT_MAX_BYTES });
 */
export const DEFAULT_MAX_BYTES = 2 ** 32;

/**
 * What a read may take: stores that know a size before reading refuse a larger one at once
 * (the reader checks the length of what comes back either way).
 * @example
 * const limits: ReadLimits = { maxBytes: 2 ** 30 };
 */
export interface ReadLimits {
  /** The most bytes to read. */
  readonly maxBytes: number;
}

/**
 * A place to read checkpoint bytes from and write them to.
 * @example
 * // Checkpoints kept in a Map, e.g. for tests.
 * const store = new Map<string, Uint8Array>();
 * const mapIO = (key: string): CheckpointIO => ({
 *   name: `map:${key}`,
 *   async read() { return store.get(key) ?? new Uint8Array(); },
 *   async write(bytes) { store.set(key, bytes); },
 * });
 * await saveCheckpoint(net, mapIO('net'));
 */
export interface CheckpointIO {
  /** A name for messages (a path, `memory`, …). */
  readonly name: string;
  /** The stored checkpoint bytes; rejects when there are none (or, where it can tell first, more than `limits.maxBytes`). */
  read(limits?: ReadLimits): Promise<Uint8Array>;
  /** Stores `bytes` whole (a failed write must not leave a partial checkpoint in place of the old one). */
  write(bytes: Uint8Array): Promise<void>;
}

/**
 * A Blob or File (the part of the DOM's and Node's `Blob` a load reads), declared here so that the
 * published types need no DOM lib.
 * @example
 * const blob: CheckpointBlob = new Blob([bytes]); // or a File from <input type="file">
 * const dict = await loadCheckpoint(blob);
 */
export interface CheckpointBlob {
  readonly size: number;
  /** The bytes, read asynchronously. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * What save/load accept as a target.
 * @example
 * const targets: CheckpointTarget[] = ['net.ckpt', memoryIO(), new Uint8Array(bytes), new Blob([bytes])];
 */
export type CheckpointTarget = string | CheckpointIO | Uint8Array | ArrayBuffer | CheckpointBlob;

/**
 * An in-memory checkpoint: `read` returns the bytes last written (or given).
 * @example
 * const io = memoryIO(); await saveCheckpoint(net, io); const bytes = await io.read();
 */
export function memoryIO(initial?: Uint8Array | ArrayBuffer): CheckpointIO & { bytes: Uint8Array | undefined } {
  if (initial !== undefined && !(initial instanceof Uint8Array) && !(initial instanceof ArrayBuffer)) {
    throw new TypeError(`memoryIO: initial must be a Uint8Array, an ArrayBuffer or undefined, but got ${describeType(initial)}.`);
  }
  const io = {
    name: 'memory',
    bytes: initial === undefined ? undefined : initial instanceof Uint8Array ? initial : new Uint8Array(initial),
    async read() {
      if (!io.bytes) throw new CheckpointError('The in-memory checkpoint is empty: nothing was saved to it.');
      return io.bytes;
    },
    async write(bytes: Uint8Array) {
      io.bytes = bytes;
    },
  };
  return io;
}

/** Turns any accepted target into a {@link CheckpointIO}. */
export function toIO(target: CheckpointTarget): CheckpointIO {
  if (typeof target === 'string') return fileIO(target);
  if (target instanceof Uint8Array || target instanceof ArrayBuffer) return memoryIO(target);
  if (typeof Blob !== 'undefined' && target instanceof Blob) {
    return {
      name: 'blob',
      read: async (limits?: ReadLimits) => {
        if (limits && target.size > limits.maxBytes) throw tooLarge('The Blob', target.size, limits.maxBytes);
        return new Uint8Array(await target.arrayBuffer());
      },
      write: async () => {
        throw new CheckpointError('A Blob is read-only; save to a memoryIO() and make a Blob from its bytes.');
      },
    };
  }
  if (target && typeof (target as CheckpointIO).read === 'function' && typeof (target as CheckpointIO).write === 'function')
    return target as CheckpointIO;
  throw new TypeError(`A checkpoint target must be a path, a CheckpointIO, bytes or a Blob, but got ${String(target)}.`);
}

/**
 * The error of a checkpoint over the size limit.
 * @example
 * throw tooLarge('memory', 10, 4);
 */
export function tooLarge(what: string, size: number, maxBytes: number): CheckpointError {
  return new CheckpointError(
    `${what} holds ${size} bytes, more than maxBytes (${maxBytes}); pass a larger { maxBytes } to loadCheckpoint to read it.`,
  );
}
