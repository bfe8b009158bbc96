import { describe, expect, it } from 'vitest';
import type { HostArray } from '../hostArray.js';
import { SlotReader, SlotWriter } from './slotRing.js';

const row = (k: number): HostArray[] => [
  { data: Float32Array.from({ length: 6 }, (_, i) => i + k / 10), shape: [2, 3], dtype: 'float32' },
  { data: Int32Array.of(k, -k), shape: [2], dtype: 'int32' },
  { data: Uint8Array.of(k, 255, 0), shape: [3], dtype: 'uint8' },
];
const plain = (values: HostArray[]) => values.map((v) => [v.shape, v.dtype, Array.from(v.data)]);

describe('slot ring', () => {
  it('carries a row of mixed dtypes through a shared slot, each value aligned in it', () => {
    const writer = new SlotWriter(3);
    const reader = new SlotReader();
    const message = writer.write(row(1));
    expect(message.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(message.values.map((v) => v.offset % 8)).toEqual([0, 0, 0]);
    const got = reader.read(structuredClone(message));
    expect(plain(got)).toEqual(plain(row(1)));
    for (const v of got) expect(v.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('goes round its slots, sending a slot buffer only when the slot is new or too small', () => {
    const writer = new SlotWriter(2);
    const reader = new SlotReader();
    // The writer runs one row ahead of the reader (slots - 1), as credits hold it.
    const first = writer.write(row(1));
    const second = writer.write(row(2));
    expect(plain(reader.read(first))).toEqual(plain(row(1)));
    const third = writer.write(row(3));
    expect(plain(reader.read(second))).toEqual(plain(row(2)));
    expect(plain(reader.read(third))).toEqual(plain(row(3)));
    expect([first, second, third].map((m) => [m.slot, m.buffer !== undefined])).toEqual([
      [0, true],
      [1, true],
      [0, false],
    ]);
    const bigger: HostArray[] = [{ data: new Float64Array(1000).fill(2.5), shape: [1000], dtype: 'float64' }];
    const grown = writer.write(bigger);
    expect([grown.slot, grown.buffer !== undefined]).toEqual([1, true]);
    expect(plain(reader.read(grown))).toEqual(plain(bigger));
  });

  it('refuses a slot it was never sent and a ring too small to work', () => {
    expect(() => new SlotReader().read({ type: 'slot', slot: 4, values: [] })).toThrow('slot 4 before sending its buffer');
    expect(() => new SlotWriter(1)).toThrow('slots must be an integer >= 2, but got 1');
  });
});
