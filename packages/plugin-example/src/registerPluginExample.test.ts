import { cpu } from '@mindts/backend-cpu';
import { listInitializers } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { listBackends, registerBackend, removeBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { getKernel, registerKernel, unregisterKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { mish, mishCpu, mishGpujs, mishHost, registerPluginExample } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

describe('registerPluginExample', () => {
  // First in the file: module state is fresh per test file, so nothing has registered yet.
  it('is needed: importing the package registers nothing', () => {
    expect(getKernel('Mish', 'cpu')).toBeUndefined();
    expect(listInitializers()).not.toContain('rademacher');
    expect(() => ops.grad((x: Tensor) => ops.sum(mish(x)))(tensor([1], 'float32'))).toThrow("'Mish' kernel is not registered");
  });

  it('registers each backend kind its own kernel, the gradient and the initializer', () => {
    registerPluginExample();
    expect(getKernel('Mish', 'cpu')).toBe(mishCpu);
    expect(getKernel('Mish', 'wasm')).toBe(mishHost);
    expect(getKernel('Mish', 'gpujs')).toBe(mishGpujs);
    expect(listInitializers()).toContain('rademacher');
    const dx = ops.grad((x: Tensor) => ops.sum(mish(x)))(tensor([0], 'float64'));
    expect(Array.from(dx.dataSync())).toEqual([0.6]);
  });

  it('is idempotent, and adds only what is missing on a later call', () => {
    registerPluginExample();
    registerPluginExample({ cpu: ['cpu', 'cpu-2'], wasm: [], gpujs: [] });
    expect(getKernel('Mish', 'cpu-2')).toBe(mishCpu);
    expect(getKernel('Mish', 'wasm')).toBe(mishHost);
  });

  it('registers the kernels again after removeBackend dropped them', async () => {
    removeBackend('cpu');
    expect(getKernel('Mish', 'cpu')).toBeUndefined();
    registerBackend(cpu());
    await setBackend('cpu');
    registerPluginExample({ wasm: [], gpujs: [] });
    expect(Array.from(mish(tensor([0], 'float32')).dataSync())).toEqual([0]);
  });

  it("refuses to replace someone else's kernel, and says how to", () => {
    const other = mishCpu.bind(null);
    registerKernel({ name: 'Mish', backendName: 'cpu-other', kernelFunc: other });
    expect(() => registerPluginExample({ cpu: ['cpu-other'] })).toThrow(
      "registerPluginExample: backend 'cpu-other' (options.cpu) already has a different 'Mish' kernel, from another plugin or another copy of @mindts/plugin-example; call unregisterKernel('Mish', 'cpu-other') first to replace it.",
    );
    unregisterKernel('Mish', 'cpu-other');
    registerPluginExample({ cpu: ['cpu-other'] });
    expect(getKernel('Mish', 'cpu-other')).toBe(mishCpu);
  });

  it('names the option that is wrong, and what it got', () => {
    expect(() => registerPluginExample({ cpu: 'cpu' as unknown as string[] })).toThrow(
      'registerPluginExample: options.cpu must be an array of backend names, but got "cpu".',
    );
    expect(() => registerPluginExample({ gpujs: [''] })).toThrow('options.gpujs must be an array of backend names, but got [""].');
    expect(() => registerPluginExample({ cpu: ['x'], wasm: ['x'] })).toThrow(
      "registerPluginExample: backend 'x' is named in both options.cpu and options.wasm.",
    );
    expect(() => registerPluginExample(null as unknown as object)).toThrow(
      "For 'registerPluginExample', the options must be an object or undefined, but got null.",
    );
    // Nothing was registered for a call that failed its checks.
    expect(getKernel('Mish', 'x')).toBeUndefined();
  });
});
