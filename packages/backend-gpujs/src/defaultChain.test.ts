import { cpu } from '@mindts/backend-cpu';
import { type WasmBackend, wasm } from '@mindts/backend-wasm';
import { type EngineEvent, getBackend, onEngineEvent, ready, registerBackend } from '@mindts/tensor';
import { expect, it } from 'vitest';
import { gpujs } from './index.js';

// DESIGN §6's default chain on a machine without a GPU (this one, and CI): gpu.js asked for a
// GPU mode only, then the wasm backend, then the pure-TS CPU backend. ready() skips gpu.js with
// its reason (an engine event) and activates wasm, whose explain() says what runs.
it('gpujs({ requireGpu }) → wasm → cpu: without a GPU the wasm backend runs, and the skip is announced with its reason', async () => {
  const events: EngineEvent[] = [];
  const off = onEngineEvent((e) => events.push(e));
  try {
    registerBackend(gpujs({ name: 'chain-gpujs', requireGpu: true, priority: 3 }));
    registerBackend(wasm({ name: 'chain-wasm', threads: 1 }));
    registerBackend(cpu({ name: 'chain-cpu' }));
    const active = await ready();
    expect(active.name).toBe('chain-wasm');
    expect(getBackend()).toBe(active);
    const skipped = events.filter((e) => e.type === 'backendSkipped');
    expect(skipped).toEqual([
      { type: 'backendSkipped', backend: 'chain-gpujs', reason: expect.stringMatching(/no gpu\.js GPU mode works here \(requireGpu\)/) },
    ]);
    expect((active as WasmBackend).explain().summary).toMatch(/^chain-wasm: WebAssembly simd128|^chain-wasm: WebAssembly relaxed-simd/);
  } finally {
    off();
  }
});
