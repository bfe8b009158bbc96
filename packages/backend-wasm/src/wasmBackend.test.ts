import * as ops from '@mindts/ops';
import { type EngineEvent, fromValues, memory, onEngineEvent, randn, tidy, zeros } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { relaxedSimdBase64 } from './generated/kernels.js';
import { loadKernels } from './kernelModule.js';
import { onBoth, seeded, useBackends, wasmBackend } from './testing/harness.js';
import { WasmBackend } from './wasmBackend.js';

beforeAll(useBackends);

describe('storage in WebAssembly memory', () => {
  it('round-trips every dtype, float16 through its 16-bit storage', async () => {
    const b = await wasmBackend();
    const cases = [
      ['float32', new Float32Array([1.5, -0, Number.NaN])],
      ['int32', new Int32Array([-2147483648, 7, 0])],
      ['bool', new Uint8Array([1, 0, 1])],
      ['float16', new Float32Array([0.099975586, 65504, -0.5])],
      ['int64', new Float64Array([2 ** 40, -3, 0])],
      ['int8', new Int8Array([-128, 5, 127])],
    ] as const;
    for (const [dtype, values] of cases) {
      const id = b.write(values, [3], dtype);
      expect(Array.from(b.readSync(id) as ArrayLike<number>), dtype).toEqual(Array.from(values as ArrayLike<number>));
      expect(Array.from((await b.read(id)) as ArrayLike<number>), dtype).toEqual(Array.from(values as ArrayLike<number>));
      b.disposeData(id);
    }
  });

  it('reads a copy: a later kernel reusing the block does not change values read before', async () => {
    await wasmBackend();
    const x = ops.add(seeded([1000], 1), seeded([1000], 2));
    const before = Array.from(x.dataSync());
    const read = x.dataSync();
    x.dispose();
    const y = ops.mul(seeded([1000], 3), seeded([1000], 4));
    expect(Array.from(read)).toEqual(before);
    y.dispose();
  });

  it('keeps earlier tensors intact when memory grows under them', async () => {
    const b = await wasmBackend();
    const small = fromValues([1, 2, 3], [3], 'float32');
    const grown = b.heapStats().memoryBytes;
    const big = fromValues(new Float32Array(grown / 4 + 1000), [grown / 4 + 1000], 'float32');
    expect(b.heapStats().memoryBytes).toBeGreaterThan(grown);
    expect(Array.from(small.dataSync())).toEqual([1, 2, 3]);
    const sum = ops.add(small, small);
    expect(Array.from(sum.dataSync())).toEqual([2, 4, 6]);
    for (const t of [small, big, sum]) t.dispose();
  });

  it('copies what a tensor is made from (no copy in between): later changes to the array do not reach it', async () => {
    const b = await wasmBackend();
    expect(b.copiesOnWrite).toBe(true);
    const values = Float32Array.of(1, 2, 3);
    const t = fromValues(values, [3], 'float32');
    values[0] = 99;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
    t.dispose();
    // Values viewing the backend's own (unshared) memory are copied out first: this write's
    // allocation grows the memory, which detaches the view.
    const { exports, simd } = await loadKernels({ shared: false });
    const own = new WasmBackend(exports, simd, 'wasm-unshared');
    const n = own.heapStats().memoryBytes / 4;
    const first = own.write(
      Float32Array.from({ length: n }, (_, i) => i + 0.5),
      [n],
      'float32',
    );
    const grown = own.heapStats().memoryBytes;
    const view = new Float32Array(exports.memory.buffer, own.ptr({ dataId: first, shape: [n], dtype: 'float32' }), n);
    const second = own.write(view, [n], 'float32');
    expect(own.heapStats().memoryBytes).toBeGreaterThan(grown);
    const copy = own.readSync(second) as Float32Array;
    expect([copy.length, copy[0], copy[n - 1]]).toEqual([n, 0.5, n - 0.5]);
    own.dispose();
  });

  it('reports tensor bytes in memory() and returns to the baseline after dispose', async () => {
    const b = await wasmBackend();
    const base = memory().backends.wasm!;
    const heapBase = b.heapStats().usedBytes;
    const x = fromValues(new Float32Array(1000), [10, 100], 'float32');
    const y = fromValues([1, 0, 1], [3], 'bool');
    expect(memory().backends.wasm).toEqual({ bytes: base.bytes + 4003, buffers: base.buffers + 2 });
    expect(b.heapStats().usedBytes).toBeGreaterThanOrEqual(heapBase + 4003);
    const z = tidy(() => ops.relu(ops.matmul(ops.reshape(x, [100, 10]), ops.reshape(x, [10, 100]))));
    z.dispose();
    x.dispose();
    y.dispose();
    expect(memory().backends.wasm).toEqual(base);
    expect(b.heapStats().usedBytes).toBe(heapBase);
  });

  it('reuses freed blocks: a repeated step does not grow the heap', async () => {
    const b = await wasmBackend();
    const a = seeded([300, 300], 1);
    const step = () => tidy(() => ops.sum(ops.relu(ops.matmul(a, a)))).dispose();
    step();
    const reserved = b.heapStats().reservedBytes;
    for (let i = 0; i < 5; i++) step();
    expect(b.heapStats().reservedBytes).toBe(reserved);
    a.dispose();
  });
});

describe('fallback to the CPU backend', () => {
  let events: EngineEvent[] = [];
  let off = () => {};
  beforeEach(() => {
    events = [];
    off = onEngineEvent((e) => events.push(e));
  });
  afterEach(() => off());

  it('a fresh backend has run nothing on the CPU', async () => {
    const { exports, simd } = await loadKernels();
    const fresh = new WasmBackend(exports, simd, 'fresh');
    expect(fresh.explain()).toEqual({
      backend: 'fresh',
      simd,
      threads: 1,
      threadsReason: 'one thread by default',
      parallelRuns: 0,
      fallbacks: [],
      summary: `fresh: WebAssembly ${simd} kernels, 1 thread (one thread by default; 0 parallel runs), tensors in WebAssembly memory\nno fallbacks so far`,
    });
  });

  it('runs a primitive without a wasm kernel on the CPU, counts it and announces it once', async () => {
    const b = await wasmBackend();
    const count = () => b.explain().fallbacks.find((f) => f.primitive === 'Random')?.count ?? 0;
    const before = count();
    const random = (seed: number) => () =>
      runKernel('Random', [], { shape: [5, 4], dtype: 'float32', distribution: 'normal', seed, offset: 0, a: 0, b: 1 });
    const r = await onBoth(random(1));
    expect(r.wasm).toEqual(r.cpu);
    const again = await onBoth(random(2));
    expect(again.wasm).toEqual(again.cpu);
    expect(count()).toBe(before + 2);
    const announced = events.filter((e) => e.type === 'fallback' && e.primitive === 'Random');
    expect(announced).toEqual(
      before === 0 ? [{ type: 'fallback', backend: 'wasm', primitive: 'Random', to: 'cpu', reason: 'Random has no wasm kernel yet' }] : [],
    );
    expect(b.explain().summary).toMatch(/Random → cpu ×\d+: Random has no wasm kernel yet/);
  });

  it('falls back per dtype and op, with the reason naming them', async () => {
    const b = await wasmBackend();
    const r = await onBoth(() => ops.sin(seeded([17], 3)));
    expect(r.wasm).toEqual(r.cpu);
    const m = await onBoth(() => ops.matmul(seeded([3, 4], 4, 'int32', -9, 9), seeded([4, 2], 5, 'int32', -9, 9)));
    expect(m.wasm).toEqual(m.cpu);
    const reasons = b.explain().fallbacks.map((f) => f.reason);
    expect(reasons).toContain("Unary 'sin' on float32 has no wasm kernel yet");
    expect(reasons).toContain('MatMul of int32 has no wasm kernel yet');
  });

  it('records nothing and leaks nothing when the CPU kernel rejects the call', async () => {
    const b = await wasmBackend();
    const x = fromValues([1, 2, 3, 4], [2, 2], 'float32');
    const before = b.explain().fallbacks;
    const mem = memory().backends.wasm!;
    expect(() => runKernel('Transpose', [x], { perm: [0, 0] })).toThrow();
    expect(b.explain().fallbacks).toEqual(before);
    expect(memory().backends.wasm).toEqual(mem);
    x.dispose();
  });

  it('frees its CPU copies and every wasm block of the inputs it handed over', async () => {
    const b = await wasmBackend();
    const base = memory().backends.wasm!;
    const used = b.heapStats().usedBytes;
    const y = tidy(() =>
      ops.sin(runKernel('Random', [], { shape: [50, 50], dtype: 'float32', distribution: 'uniform', seed: 3, offset: 0, a: 0, b: 1 })),
    );
    expect(memory().backends.wasm).toEqual({ bytes: base.bytes + 10000, buffers: base.buffers + 1 });
    y.dispose();
    expect(memory().backends.wasm).toEqual(base);
    expect(b.heapStats().usedBytes).toBe(used);
  });
});

describe('loadKernels', () => {
  it('loads the plain SIMD128 build when relaxed SIMD is turned off', async () => {
    expect((await loadKernels({ relaxedSimd: false })).simd).toBe('simd128');
  });

  it('loads the relaxed-SIMD build exactly where the engine validates it (Node ≥ 22, or the V8 flag)', async () => {
    const bytes = Uint8Array.from(atob(relaxedSimdBase64), (c) => c.charCodeAt(0));
    const engine = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    expect((await loadKernels()).simd).toBe(engine.validate(bytes) ? 'relaxed-simd' : 'simd128');
  });
});

describe('out of memory', () => {
  it('says which backend ran out and by how much, and keeps working for smaller tensors', async () => {
    const b = await wasmBackend();
    const before = memory().backends.wasm!;
    // 5 GiB of float32 cannot exist in a 32-bit memory; the allocator asks before anything is written.
    expect(() => b.output([5 * 2 ** 28], 'float32')).toThrow(/out of WebAssembly memory/);
    expect(memory().backends.wasm).toEqual(before);
    const y = ops.add(seeded([8], 1), seeded([8], 2));
    expect(y.dataSync().length).toBe(8);
    y.dispose();
  });

  it('reports its per-tensor limit (maxBytes), so creation refuses a larger tensor before allocating', async () => {
    const b = await wasmBackend();
    // 4 GiB (wasm32), or the shared build's 2 GiB with threads, less what lies below the heap.
    const pages = b.kernels.memory.buffer instanceof SharedArrayBuffer ? 32768 : 65536;
    expect(b.maxBytes).toBeLessThan(pages * 65536);
    expect(b.maxBytes).toBeGreaterThan(pages * 65536 - 2 ** 20);
    const before = { ...memory().backends.wasm!, heap: b.heapStats().memoryBytes };
    const limit = `but backend 'wasm' holds at most ${b.maxBytes} bytes in one tensor.`;
    // Under the engine's 2**31 - 1 elements, over the 4 GiB a 32-bit memory can hold.
    expect(() => zeros([2 ** 30], 'float64')).toThrow(`zeros: a float64 tensor of shape [1073741824] needs 8589934592 bytes, ${limit}`);
    expect(() => randn([2 ** 29, 2])).toThrow(limit);
    expect({ ...memory().backends.wasm!, heap: b.heapStats().memoryBytes }).toEqual(before);
  });
});
