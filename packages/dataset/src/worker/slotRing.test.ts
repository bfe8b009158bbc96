import { describe, expect, it } from 'vitest';
import type { HostArray } from '../hostArray.js';
import { SlotReader, SlotWriter } from './slotRing.js';

const row = (k: number): HostArray[] => [
  { data: Float32Array.from({ length: 6 }, (_, i) => i + k / 10), shape: [2, 3], dtype: 'float32' },
  { data: Int32Array.of(k, -k), shape: [2], dtype: 'int32' },
  { data: Uint8Array.of(k, 255, 0), shape: [3], dtype: 'uint8' },
  { data: Float64Array.of(k / 3), shape: [], dtype: 'float64' },
];
const plain = (values: HostArray[]) => values.map((v) => [v.shape, v.dtype, Array.from(v.data)]);

describe('slot ring', () => {
  it('carries a row of mixed dtypes and ranks through a shared slot, each value aligned in it', () => {
    const writer = new SlotWriter(3);
    const reader = new SlotReader();
    const fresh = writer.write(0, row(1));
    expect(fresh?.buffer).toBeInstanceOf(SharedArrayBuffer);
    reader.setBuffer(structuredClone(fresh!));
    const got = reader.read(0);
    expect(plain(got)).toEqual(plain(row(1)));
    for (const v of got) {
      expect(v.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(v.data.byteOffset % 8).toBe(0);
    }
  });

  it('goes round its slots, sending a slot buffer only when the slot is new or too small', () => {
    const writer = new SlotWriter(2);
    const reader = new SlotReader();
    const take = (fresh: ReturnType<SlotWriter['write']>) => fresh && reader.setBuffer(fresh);
    // The writer runs one item ahead of the reader (slots - 1), as credits hold it.
    const sent = [writer.write(0, row(1)), writer.write(1, row(2))];
    sent.forEach(take);
    expect(plain(reader.read(0))).toEqual(plain(row(1)));
    sent.push(writer.write(2, row(3)));
    take(sent[2]);
    expect(plain(reader.read(1))).toEqual(plain(row(2)));
    expect(plain(reader.read(0))).toEqual(plain(row(3)));
    expect(sent.map((m) => m?.slot)).toEqual([0, 1, undefined]);
    const bigger: HostArray[] = [{ data: new Float64Array(1000).fill(2.5), shape: [10, 100], dtype: 'float64' }];
    const grown = writer.write(3, bigger);
    expect(grown?.slot).toBe(1);
    take(grown);
    expect(plain(reader.read(1))).toEqual(plain(bigger));
  });

  it('refuses a slot it was never sent and a ring too small to work', () => {
    expect(() => new SlotReader().read(4)).toThrow('wrote slot 4 before sending its buffer');
    expect(() => new SlotWriter(1)).toThrow('slots must be an integer >= 2, but got 1');
  });
});
