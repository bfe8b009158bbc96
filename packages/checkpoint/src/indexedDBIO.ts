/**
 * Checkpoints in the browser's IndexedDB (one object store, bytes keyed by name).
 */
import { checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import { CheckpointError } from './errors.js';
import type { CheckpointIO } from './io.js';

/**
 * An IndexedDB factory (the DOM's `IDBFactory`, such as `globalThis.indexedDB` or fake-indexeddb's),
 * as far as these types need to name it: declared here so that the published types need no DOM lib.
 * @example
 * const factory: IndexedDBFactory = globalThis.indexedDB;
 */
export interface IndexedDBFactory {
  /** Opens (or creates) database `name` at `version`: an `IDBOpenDBRequest`. */
  open(name: string, version?: number): object;
}

/**
 * Options of {@link indexedDBIO}.
 * @example
 * await saveCheckpoint(net, indexedDBIO('lenet', { dbName: 'my-app', storeName: 'models' }));
 */
export interface IndexedDBOptions {
  /** Database name (default `'mindts'`). */
  dbName?: string;
  /** Object store name (default `'checkpoints'`). */
  storeName?: string;
  /** The IndexedDB factory (default `globalThis.indexedDB`). */
  factory?: IndexedDBFactory;
}
const IDB_KEYS: OptionKeys<IndexedDBOptions> = { dbName: true, storeName: true, factory: true };

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * A checkpoint stored under `key` in IndexedDB. A write is one transaction, so it lands whole or
 * not at all.
 * @example
 * await saveCheckpoint(net, indexedDBIO('lenet'));
 * const dict = await loadCheckpoint(indexedDBIO('lenet'));
 */
export function indexedDBIO(key: string, options: IndexedDBOptions = {}): CheckpointIO {
  options = checkOptions<IndexedDBOptions>(options, 'indexedDBIO', IDB_KEYS);
  if (typeof key !== 'string') throw new TypeError(`indexedDBIO: key must be a string, but got ${describeType(key)}.`);
  const { dbName = 'mindts', storeName = 'checkpoints' } = options;
  const open = async (): Promise<IDBDatabase> => {
    // The factory's full DOM type: this file is compiled with the DOM lib, its declarations need none.
    const factory = (options.factory ?? (globalThis as { indexedDB?: IndexedDBFactory }).indexedDB) as IDBFactory | undefined;
    if (!factory) throw new CheckpointError('IndexedDB is not available here; pass options.factory or use another CheckpointIO.');
    const req = factory.open(dbName, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName);
    };
    return request(req);
  };
  return {
    name: `indexeddb://${dbName}/${storeName}/${key}`,
    async read() {
      const db = await open();
      try {
        const value: unknown = await request(db.transaction(storeName, 'readonly').objectStore(storeName).get(key));
        if (value === undefined) throw new CheckpointError(`No checkpoint named '${key}' in IndexedDB ${dbName}/${storeName}.`);
        if (!(value instanceof Uint8Array) && !(value instanceof ArrayBuffer))
          throw new CheckpointError(`IndexedDB entry '${key}' does not hold checkpoint bytes.`);
        return value instanceof Uint8Array ? value : new Uint8Array(value);
      } finally {
        db.close();
      }
    },
    async write(bytes) {
      const db = await open();
      try {
        const tx = db.transaction(storeName, 'readwrite');
        tx.objectStore(storeName).put(bytes, key);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new CheckpointError(`Saving '${key}' to IndexedDB was aborted.`));
        });
      } finally {
        db.close();
      }
    },
  };
}
