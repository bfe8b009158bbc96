import { afterEach, describe, expect, it } from 'vitest';
import * as ms from './index.js';

afterEach(() => {
  for (const name of ms.listBackends()) ms.removeBackend(name);
});

describe('useDefaultBackends (DESIGN §6: gpu.js on a GPU → wasm → cpu)', () => {
  it('picks the wasm backend on this GPU-less machine and reports gpu.js skipped with its reason', async () => {
    const events: ms.EngineEvent[] = [];
    const off = ms.onEngineEvent((e) => events.push(e));
    try {
      const engine = await ms.useDefaultBackends();
      expect(engine.backend.name).toBe('wasm');
      expect(ms.getBackend()).toBe(engine.backend);
      expect(engine.registered).toEqual(['gpujs', 'wasm', 'cpu']);
      expect(ms.listBackends()).toEqual(['gpujs', 'wasm', 'cpu']);
      expect(engine.skipped).toEqual([
        { backend: 'gpujs', reason: expect.stringMatching(/no gpu\.js GPU mode works here \(requireGpu\)/) },
      ]);
      // The same reason reaches engine listeners as a backendSkipped event.
      expect(events.filter((e) => e.type === 'backendSkipped')).toEqual([{ type: 'backendSkipped', ...engine.skipped[0] }]);
      expect((engine.backend as ms.WasmBackend).explain().summary).toMatch(/^wasm: WebAssembly (relaxed-)?simd/);
      expect(await ms.tensor([1, 2, 3], ms.float32).data()).toEqual(new Float32Array([1, 2, 3]));
    } finally {
      off();
    }
  });

  it('is idempotent: a second call registers nothing and keeps the active backend', async () => {
    const first = await ms.useDefaultBackends({ wasm: { threads: 1 } });
    const second = await ms.useDefaultBackends();
    expect(second.backend).toBe(first.backend);
    expect(second.registered).toEqual([]);
    expect(second.skipped).toEqual([]);
  });

  it('keeps a backend the user registered under a chain name, and passes each backend its options', async () => {
    ms.registerBackend(ms.cpu({ priority: 10 }));
    const engine = await ms.useDefaultBackends({ gpujs: false, wasm: { name: 'wasm-1', threads: 1 } });
    expect(engine.registered).toEqual(['wasm-1']);
    expect(engine.backend.name).toBe('cpu');
    expect(ms.listBackends()).toEqual(['cpu', 'wasm-1']);
  });

  it('falls through to the CPU backend when gpu.js and wasm are left out', async () => {
    const engine = await ms.useDefaultBackends({ gpujs: false, wasm: false });
    expect(engine.backend).toBeInstanceOf(ms.CpuBackend);
  });

  it('defaultBackends() builds the chain in priority order without registering it', () => {
    const factories = ms.defaultBackends();
    expect(factories.map((f) => [f.name, f.priority])).toEqual([
      ['gpujs', 3],
      ['wasm', 2],
      ['cpu', 1],
    ]);
    expect(ms.listBackends()).toEqual([]);
  });

  it('rejects bad options naming the option, what it expects and what it got', async () => {
    expect(() => ms.defaultBackends(null as never)).toThrow(/defaultBackends: options must be an object, but got null/);
    expect(() => ms.defaultBackends({ webgl: {} } as never)).toThrow(
      /options\.webgl is not a backend of the chain; expected one of gpujs, wasm, cpu/,
    );
    expect(() => ms.defaultBackends({ wasm: true } as never)).toThrow(/options\.wasm must be an options object or false, but got true/);
    expect(() => ms.defaultBackends({ gpujs: false, wasm: false, cpu: false })).toThrow(/leave out every backend/);
    expect(() => ms.defaultBackends({ gpujs: { requireGpu: true, mode: 'webasm' } })).toThrow(/requireGpu accepts only/);
    await expect(ms.useDefaultBackends({ cpu: 1 } as never)).rejects.toThrow(/options\.cpu must be an options object or false, but got 1/);
    expect(ms.listBackends()).toEqual([]);
  });
});
