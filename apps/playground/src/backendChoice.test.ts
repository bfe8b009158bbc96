import { cpu } from '@mindts/backend-cpu';
import { getBackendName, listBackends, registerBackend, removeBackend, tensor } from '@mindts/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { activateBackend, type BackendChoice, releaseBackendsExcept } from './backendChoice.js';

afterEach(() => releaseBackendsExcept('cpu'));

// Node has no WebGL2 and no WebGPU: the page's fallback runs here for real.
describe('activateBackend', () => {
  it('runs the choice itself when it starts, with its own account of itself', async () => {
    const active = await activateBackend('cpu');
    expect(active).toMatchObject({ requested: 'cpu', choice: 'cpu', name: 'cpu', fellBack: [] });
    expect(getBackendName()).toBe('cpu');
    expect(active.summary).toMatch(/^cpu: /);
  });

  it('falls back along the default chain, saying why each step did not start', async () => {
    const active = await activateBackend('gpujs-webgl2');
    expect(active.name).toBe('wasm');
    expect(getBackendName()).toBe('wasm');
    expect(active.fellBack).toEqual([
      { choice: 'gpujs-webgl2', reason: expect.stringMatching(/'webgl2' does not work here.*no WebGL2 context/) },
    ]);
    expect(active.summary).toMatch(/^wasm: WebAssembly (relaxed-simd|simd128) kernels/);
    expect(Array.from(await tensor([1, 2], 'float32').data())).toEqual([1, 2]);
  });

  it('retries a backend that failed when it is asked for again', async () => {
    await activateBackend('gpujs-webgpu');
    expect(listBackends()).not.toContain('gpujs-webgpu');
    const again = await activateBackend('gpujs-webgpu');
    expect(again.fellBack.map((f) => f.choice)).toEqual(['gpujs-webgpu', 'gpujs-webgl2']);
  });

  it('refuses an unknown choice, listing the known ones', async () => {
    await expect(activateBackend('webgl' as BackendChoice)).rejects.toThrow(
      'choice must be one of auto, gpujs-webgpu, gpujs-webgl2, wasm, cpu, but got "webgl"',
    );
  });
});

describe('releaseBackendsExcept', () => {
  it("removes the page's other backends and no one else's", async () => {
    await activateBackend('wasm');
    await activateBackend('cpu');
    const mine = `not-the-page-${Date.now()}`;
    registerBackend(cpu({ name: mine }));
    releaseBackendsExcept('cpu');
    expect(listBackends()).toContain('cpu');
    expect(listBackends()).toContain(mine);
    expect(listBackends()).not.toContain('wasm');
    removeBackend(mine);
  });
});
