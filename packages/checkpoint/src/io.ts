/**
 * Where checkpoint bytes come from and go to. A path is a Node file, written atomically
 * (temporary file, fsync, rename); bytes and Blobs work in memory everywhere. Plugin authors
 * implement {@link CheckpointIO} for other stores.
 */
import { CheckpointError } from './errors.js';

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
  /** The stored checkpoint bytes; rejects when there are none. */
  read(): Promise<Uint8Array>;
  /** Stores `bytes` whole (a failed write must not leave a partial checkpoint in place of the old one). */
  write(bytes: Uint8Array): Promise<void>;
}

/**
 * What save/load accept as a target.
 * @example
 * const targets: CheckpointTarget[] = ['net.ckpt', memoryIO(), new Uint8Array(bytes), new Blob([bytes])];
 */
export type CheckpointTarget = string | CheckpointIO | Uint8Array | ArrayBuffer | Blob;

/**
 * A Node file. Writing goes to a temporary file in the same folder, is flushed to disk, then
 * renamed over the target, so a crash mid-save never leaves a broken file where a good one was.
 * @example
 * await saveCheckpoint(net, fileIO('/tmp/net.ckpt'));
 */
export function fileIO(path: string): CheckpointIO {
  return {
    name: path,
    async read() {
      const fs = await import('node:fs/promises');
      try {
        return new Uint8Array(await fs.readFile(path));
      } catch (err) {
        throw new CheckpointError(`Cannot read the checkpoint file ${path}: ${(err as Error).message}`);
      }
    },
    async write(bytes) {
      const fs = await import('node:fs/promises');
      const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.rename(tmp, path);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw new CheckpointError(`Cannot write the checkpoint file ${path}: ${(err as Error).message}`);
      }
    },
  };
}

/**
 * An in-memory checkpoint: `read` returns the bytes last written (or given).
 * @example
 * const io = memoryIO(); await saveCheckpoint(net, io); const bytes = await io.read();
 */
export function memoryIO(initial?: Uint8Array | ArrayBuffer): CheckpointIO & { bytes: Uint8Array | undefined } {
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
      read: async () => new Uint8Array(await target.arrayBuffer()),
      write: async () => {
        throw new CheckpointError('A Blob is read-only; save to a memoryIO() and make a Blob from its bytes.');
      },
    };
  }
  if (target && typeof (target as CheckpointIO).read === 'function' && typeof (target as CheckpointIO).write === 'function')
    return target as CheckpointIO;
  throw new TypeError(`A checkpoint target must be a path, a CheckpointIO, bytes or a Blob, but got ${String(target)}.`);
}
