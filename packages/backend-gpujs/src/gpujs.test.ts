import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import {
  type EngineEvent,
  getBackend,
  onEngineEvent,
  rand,
  ready,
  registerBackend,
  removeBackend,
  setBackend,
  tensor,
  tidy,
} from '@mindts/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RANDOM_REASON } from './kernels/index.js';
import { type GpujsBackend, gpujs } from './index.js';

beforeAll(() => registerBackend(cpu()));

/** Registers `factory` as the active backend (removing it after the test) and returns the instance. */
const used: string[] = [];
async function activate(options: Parameters<typeof gpujs>[0]): Promise<GpujsBackend> {
  const factory = gpujs(options);
  registerBackend(factory);
  used.push(factory.name);
  await setBackend(factory.name);
  return getBackend() as GpujsBackend;
}
afterEach(() => {
  for (const name of used.splice(0)) removeBackend(name);
});

describe('mode selection', () => {
  it('picks the best mode that works and says why the better ones were skipped', async () => {
    const b = await activate({ name: 'gpujs-auto' });
    // In Node without headless-gl and without navigator.gpu, only WebAssembly works.
    expect(b.mode).toBe('webasm');
    expect(b.modeReason).toMatch(
      /^webgpu: navigator\.gpu is missing; webgl2: .+; webgl: .+; headlessgl: .+'gl'.+; webasm: chosen \(the best mode/,
    );
    expect(b.explain().summary).toContain("gpu.js mode 'webasm'");
  });

  it('uses the requested mode, and rejects one that does not work with the reason', async () => {
    expect((await activate({ name: 'gpujs-js', mode: 'cpu' })).mode).toBe('cpu');
    registerBackend(gpujs({ name: 'gpujs-gl2', mode: 'webgl2' }));
    used.push('gpujs-gl2');
    await expect(setBackend('gpujs-gl2')).rejects.toThrow(
      /the requested gpu\.js mode 'webgl2' does not work here: webgl2: no WebGL2 context/,
    );
  });

  it('with requireGpu, rejects without a GPU mode, naming every mode, so ready() moves on', async () => {
    const factory = gpujs({ name: 'gpujs-gpu', requireGpu: true, priority: 100 });
    await expect(factory.create()).rejects.toThrow(
      /^gpujs: no gpu\.js GPU mode works here \(requireGpu\): webgpu: navigator\.gpu is missing; webgl2: no WebGL2 context.*; webgl: no WebGL context.*; headlessgl: .+'gl'.+; webasm: skipped \(runs on the CPU, and requireGpu asks for a GPU mode\)\.$/,
    );
    registerBackend(factory);
    used.push(factory.name);
    // Re-register the CPU backend so no backend is active and ready() walks the chain.
    removeBackend('cpu');
    registerBackend(cpu());
    expect((await ready()).name).toBe('cpu');
    // Without requireGpu the same chain stops at gpu.js's webasm mode.
    registerBackend(gpujs({ name: 'gpujs-any', priority: 99 }));
    used.push('gpujs-any');
    removeBackend('cpu');
    registerBackend(cpu());
    const any = (await ready()) as GpujsBackend;
    expect([any.name, any.mode]).toEqual(['gpujs-any', 'webasm']);
  });

  it('validates its options', () => {
    expect(() => gpujs({ requireGpu: true, mode: 'webasm' })).toThrow(/requireGpu accepts only webgpu, webgl2, webgl, headlessgl/);
    expect(() => gpujs({ requireGpu: 'yes' as unknown as boolean })).toThrow(/requireGpu must be a boolean/);
    expect(() => gpujs({ mode: 'vulkan' as 'cpu' })).toThrow(/options\.mode must be one of webgpu, webgl2/);
    expect(() => gpujs({ cpuThreshold: -1 })).toThrow(/cpuThreshold must be a non-negative integer/);
    expect(() => gpujs({ strict: true, cpuThreshold: 10 })).toThrow(/strict .* cannot be combined with a cpuThreshold/);
    expect(gpujs().priority).toBeGreaterThan(cpu().priority);
  });
});

describe('fallback to the CPU backend', () => {
  it('is recorded in explain() with its reason and count, and announced once as an engine event', async () => {
    const b = await activate({ name: 'gpujs-fb', mode: 'webasm', cpuThreshold: 0 });
    const events: EngineEvent[] = [];
    const off = onEngineEvent((e) => events.push(e));
    try {
      for (let i = 0; i < 2; i++) tidy(() => rand([4], { seed: 3 }));
      const r = Array.from(await tidy(() => rand([4], { seed: 3 })).data());
      expect(r.every((v) => v >= 0 && v < 1) && new Set(r).size === 4).toBe(true);
      expect(b.explain().fallbacks).toContainEqual({ primitive: 'Random', to: 'cpu', reason: RANDOM_REASON, count: 3 });
      expect(events.filter((e) => e.type === 'fallback' && e.primitive === 'Random')).toEqual([
        { type: 'fallback', backend: 'gpujs-fb', primitive: 'Random', to: 'cpu', reason: RANDOM_REASON },
      ]);
      expect(b.explain().summary).toContain(`Random → cpu ×3: ${RANDOM_REASON}`);
    } finally {
      off();
    }
  });

  it('sends int32 to the CPU backend, keeping its wrap-around semantics', async () => {
    const b = await activate({ name: 'gpujs-int', mode: 'webasm', cpuThreshold: 0 });
    const big = tensor([2 ** 30, 16777217], 'int32');
    expect(Array.from(await ops.add(big, big).data())).toEqual([-(2 ** 31), 33554434]);
    expect(b.explain().fallbacks.map((f) => f.reason)).toContainEqual(expect.stringMatching(/^int32 is not exact in float32/));
  });

  it('forwards small tensors below cpuThreshold and runs larger ones on gpu.js', async () => {
    const b = await activate({ name: 'gpujs-thr', mode: 'webasm', cpuThreshold: 64 });
    const small = tensor(new Float32Array(8).fill(1), 'float32');
    const large = tensor(new Float32Array(64).fill(1), 'float32');
    expect(Array.from(await ops.add(small, small).data())).toEqual(new Array(8).fill(2));
    expect(b.explain().fallbacks).toEqual([
      { primitive: 'Binary', to: 'cpu', reason: 'every tensor is below cpuThreshold (64 elements), where the CPU is faster', count: 1 },
    ]);
    const compiled = b.explain().kernels.compiled;
    expect(Array.from(await ops.add(large, large).data())).toEqual(new Array(64).fill(2));
    expect(b.explain().kernels.compiled).toBe(compiled + 1);
    expect(b.explain().fallbacks).toHaveLength(1);
  });

  it('forwards everything on webasm by default, where gpu.js was measured slower than the CPU', async () => {
    const b = await activate({ name: 'gpujs-default', mode: 'webasm' });
    expect(b.cpuThreshold).toBe(Number.POSITIVE_INFINITY);
    await ops.exp(tensor(new Float32Array(1 << 16), 'float32')).data();
    expect(b.explain().fallbacks[0]?.reason).toMatch(/runs no op faster than the CPU backend \(measured\).*cpuThreshold: 0/);
  });

  it('is an error in strict mode, naming the primitive and the reason', async () => {
    const b = await activate({ name: 'gpujs-strict', mode: 'webasm', strict: true });
    expect(b.cpuThreshold).toBe(0);
    const x = tensor([1, 2, 3], 'float32');
    expect(Array.from(await ops.relu(ops.neg(x)).data())).toEqual([0, 0, 0]);
    expect(Array.from(await ops.concat([x, x], 0).data())).toEqual([1, 2, 3, 1, 2, 3]);
    expect(() => rand([2])).toThrow(`gpujs (strict): Random would run on the CPU backend because ${RANDOM_REASON}.`);
    expect(() => ops.add(tensor([1], 'int32'), tensor([2], 'int32'))).toThrow(/strict.*Binary.*int32/);
    expect(b.explain().fallbacks).toEqual([]);
  });
});
