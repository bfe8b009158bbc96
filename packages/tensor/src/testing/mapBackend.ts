/**
 * A minimal in-memory backend for this package's tests (Fill, Random and Reshape kernels only).
 * Not part of the build: tsconfig.json excludes src/testing.
 */
import type { Backend, BackendFactory } from '../backendTypes.js';
import { makeValues, type Values } from '../dtype.js';
import type { DataId, KernelTable } from '../primitives.js';
import { randomValue } from '../random.js';
import { sizeOf } from '../shape.js';

/** Values in a Map; `maxBytes` as given. */
export class MapBackend implements Backend {
  readonly store = new Map<DataId, Values>();
  writes = 0;
  constructor(
    readonly name: string,
    readonly maxBytes?: number,
  ) {}
  write(values: Values): DataId {
    const id = {};
    this.store.set(id, values);
    this.writes++;
    return id;
  }
  async read(id: DataId): Promise<Values> {
    return this.readSync(id);
  }
  readSync(id: DataId): Values {
    const v = this.store.get(id);
    if (!v) throw new Error('no data');
    return v.slice();
  }
  disposeData(id: DataId): void {
    this.store.delete(id);
  }
  memory() {
    let bytes = 0;
    for (const v of this.store.values()) bytes += v.byteLength;
    return { bytes, buffers: this.store.size };
  }
}

/** The kernels the tests use. */
export const mapKernels: Partial<KernelTable<MapBackend>> = {
  Fill: (b, _inputs, { shape, dtype, value }) => {
    const v = makeValues(dtype, sizeOf(shape)).fill(value);
    return { dataId: b.write(v), shape, dtype };
  },
  Random: (b, _inputs, { shape, dtype, distribution, seed, offset, a, b: b2 }) => {
    const v = makeValues(dtype, sizeOf(shape));
    for (let i = 0; i < v.length; i++) v[i] = randomValue(distribution, seed, offset, i, a, b2);
    return { dataId: b.write(v), shape, dtype };
  },
  Reshape: (b, [x], { shape }) => ({ dataId: b.write(b.readSync(x.dataId)), shape, dtype: x.dtype }),
};

/** A factory for a MapBackend named `name`. */
export function mapFactory(name: string, priority = 1, create?: () => MapBackend | Promise<MapBackend>): BackendFactory<MapBackend> {
  return { name, priority, create: create ?? (() => new MapBackend(name)), kernels: mapKernels };
}
