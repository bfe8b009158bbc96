/**
 * The allocator of tensor storage in WebAssembly linear memory: a bump pointer over memory
 * that only grows (WebAssembly memory cannot shrink), with free lists by size class so a
 * training loop reuses the blocks of last step's tensors instead of growing.
 */
import { describeType } from '@mindts/tensor';

/**
 * Every block starts on a cache line (SIMD needs 16 bytes; 64 keeps rows from straddling lines).
 * @example
 * sizeClass(1) % ALIGNMENT; // 0: every block size is a multiple of 64 bytes
 */
export const ALIGNMENT = 64;

/**
 * The block size a request of `bytes` gets: a multiple of {@link ALIGNMENT}, and above 1 KiB
 * one of four classes per power of two (1, 1.25, 1.5, 1.75 × 2^k), so at most a fifth is
 * wasted while a freed block fits every later request of its class.
 * @example
 * sizeClass(100); // 128
 * sizeClass(5000); // 5120
 */
export function sizeClass(bytes: number): number {
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`sizeClass: bytes must be an integer >= 0, but got ${typeof bytes === 'number' ? bytes : describeType(bytes)}.`);
  }
  const b = Math.max(ALIGNMENT, Math.ceil(bytes / ALIGNMENT) * ALIGNMENT);
  if (b <= 1024) return b;
  const quarter = 2 ** (Math.floor(Math.log2(b)) - 2);
  return Math.ceil(b / quarter) * quarter;
}

/**
 * Counters of an {@link Allocator}.
 * @example
 * const { usedBytes, freeBytes, reservedBytes }: HeapStats = allocator.stats();
 */
export interface HeapStats {
  /** Bytes in blocks handed out and not yet released (size-class rounded). */
  readonly usedBytes: number;
  /** Bytes in released blocks waiting for reuse. */
  readonly freeBytes: number;
  /** Bytes between the heap's base and its top: used + free. */
  readonly reservedBytes: number;
  /** Blocks handed out and not yet released. */
  readonly blocks: number;
}

/**
 * Hands out aligned blocks of linear memory above `base`; `ensure(end)` must make the memory
 * at least `end` bytes long (growing the WebAssembly memory).
 * @example
 * const heap = new Allocator(1024, (end) => growTo(memory, end));
 * const p = heap.alloc(4096);
 * heap.release(p);
 */
export class Allocator {
  private top: number;
  private readonly base: number;
  private readonly ensure: (end: number) => void;
  private readonly free = new Map<number, number[]>();
  private readonly live = new Map<number, number>();
  private used = 0;
  private freed = 0;

  constructor(base: number, ensure: (end: number) => void) {
    if (typeof base !== 'number' || !Number.isSafeInteger(base) || base < 0) {
      throw new RangeError(`Allocator: base must be an integer >= 0, but got ${typeof base === 'number' ? base : describeType(base)}.`);
    }
    if (typeof ensure !== 'function') throw new TypeError(`Allocator: ensure must be a function, but got ${describeType(ensure)}.`);
    this.base = Math.ceil(base / ALIGNMENT) * ALIGNMENT;
    this.top = this.base;
    this.ensure = ensure;
  }

  /** An aligned block of at least `bytes` bytes (contents arbitrary). */
  alloc(bytes: number): number {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`Allocator: cannot allocate ${bytes} bytes.`);
    const size = sizeClass(bytes);
    const reused = this.free.get(size)?.pop();
    let ptr: number;
    if (reused !== undefined) {
      ptr = reused;
      this.freed -= size;
    } else {
      this.ensure(this.top + size);
      ptr = this.top;
      this.top += size;
    }
    this.live.set(ptr, size);
    this.used += size;
    return ptr;
  }

  /** Returns a block from {@link alloc} for reuse. */
  release(ptr: number): void {
    const size = this.live.get(ptr);
    if (size === undefined) throw new Error(`Allocator: ${ptr} is not a live block (released twice, or never allocated).`);
    this.live.delete(ptr);
    this.used -= size;
    this.freed += size;
    const list = this.free.get(size);
    if (list) list.push(ptr);
    else this.free.set(size, [ptr]);
  }

  /** Forgets every block: the whole heap is free space again (the memory itself stays). */
  reset(): void {
    this.live.clear();
    this.free.clear();
    this.top = this.base;
    this.used = 0;
    this.freed = 0;
  }

  /** Bytes in use, freed for reuse and reserved, and the number of live blocks. */
  stats(): HeapStats {
    return { usedBytes: this.used, freeBytes: this.freed, reservedBytes: this.top - this.base, blocks: this.live.size };
  }
}
