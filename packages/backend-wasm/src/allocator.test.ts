import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALIGNMENT, Allocator, sizeClass } from './allocator.js';

describe('sizeClass', () => {
  it('rounds up to the alignment below 1 KiB and to quarter powers of two above', () => {
    expect([0, 1, 64, 65, 100, 1024].map(sizeClass)).toEqual([64, 64, 64, 128, 128, 1024]);
    expect([1025, 1280, 1281, 5000, 4 << 20].map(sizeClass)).toEqual([1280, 1280, 1536, 5120, 4 << 20]);
  });

  it('is never smaller than the request, aligned, and wastes at most a quarter (or one line)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 << 28 }), (bytes) => {
        const s = sizeClass(bytes);
        expect(s).toBeGreaterThanOrEqual(bytes);
        expect(s % ALIGNMENT).toBe(0);
        expect(s).toBeLessThanOrEqual(Math.max(ALIGNMENT, bytes * 1.25 + ALIGNMENT));
      }),
    );
  });
});

describe('Allocator', () => {
  it('starts at the aligned base and grows memory through ensure()', () => {
    const ends: number[] = [];
    const heap = new Allocator(1000, (end) => ends.push(end));
    const a = heap.alloc(10);
    const b = heap.alloc(100);
    expect([a, b]).toEqual([1024, 1088]);
    expect(ends).toEqual([1088, 1216]);
    expect(heap.stats()).toEqual({ usedBytes: 192, freeBytes: 0, reservedBytes: 192, blocks: 2 });
  });

  it('reuses a released block of the same class instead of growing', () => {
    const ends: number[] = [];
    const heap = new Allocator(0, (end) => ends.push(end));
    const a = heap.alloc(5000);
    heap.release(a);
    expect(heap.stats().freeBytes).toBe(5120);
    expect(heap.alloc(4900)).toBe(a);
    expect(ends).toEqual([5120]);
    expect(heap.stats()).toEqual({ usedBytes: 5120, freeBytes: 0, reservedBytes: 5120, blocks: 1 });
  });

  it('refuses a double release and a pointer it never handed out', () => {
    const heap = new Allocator(0, () => {});
    const a = heap.alloc(8);
    heap.release(a);
    expect(() => heap.release(a)).toThrow(/not a live block/);
    expect(() => heap.release(12345)).toThrow(/not a live block/);
    expect(() => heap.alloc(-1)).toThrow(RangeError);
  });

  it('never hands out overlapping live blocks, and its counters add up', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constant(-1)), { maxLength: 200 }), (steps) => {
        const heap = new Allocator(0, () => {});
        const live = new Map<number, number>();
        for (const s of steps) {
          if (s < 0 && live.size > 0) {
            const ptr = [...live.keys()][live.size >> 1]!;
            heap.release(ptr);
            live.delete(ptr);
          } else if (s >= 0) {
            const ptr = heap.alloc(s);
            expect(ptr % ALIGNMENT).toBe(0);
            for (const [p, size] of live) expect(ptr + s <= p || ptr >= p + size).toBe(true);
            live.set(ptr, sizeClass(s));
          }
        }
        const used = [...live.values()].reduce((a, b) => a + b, 0);
        const stats = heap.stats();
        expect(stats.usedBytes).toBe(used);
        expect(stats.blocks).toBe(live.size);
        expect(stats.usedBytes + stats.freeBytes).toBe(stats.reservedBytes);
      }),
    );
  });

  it('forgets every block on reset', () => {
    const heap = new Allocator(0, () => {});
    heap.alloc(100);
    heap.reset();
    expect(heap.stats()).toEqual({ usedBytes: 0, freeBytes: 0, reservedBytes: 0, blocks: 0 });
    expect(heap.alloc(1)).toBe(0);
  });
});
