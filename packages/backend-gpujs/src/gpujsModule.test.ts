import { cpu } from '@mindts/backend-cpu';
import { GPU } from 'gpu.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuJsClass } from './gpujsModule.js';

afterEach(() => {
  vi.doUnmock('gpu.js');
  vi.resetModules();
});

/** The narrow types this backend publishes are the part of gpu.js's own types it uses. */
type UsedStatics = Pick<
  GpuJsClass,
  'isWebGPUSupported' | 'isWebGPUAvailable' | 'isWebGL2Supported' | 'isWebGLSupported' | 'isHeadlessGLSupported' | 'isWebAssemblySupported'
>;
const statics: UsedStatics = GPU;
const instance: Pick<InstanceType<GpuJsClass>, 'destroy' | 'context'> = new GPU({ mode: 'cpu' });

describe('loading gpu.js (an optional peer dependency)', () => {
  it('imports the GPU class on first use, once', async () => {
    const { loadGpuJs } = await import('./gpujsModule.js');
    expect(await loadGpuJs()).toBe(GPU);
    expect(loadGpuJs()).toBe(loadGpuJs());
    expect(statics.isWebAssemblySupported).toBe(true);
    await instance.destroy();
  });

  it('without gpu.js, importing the backend works and creating it rejects saying what to install', async () => {
    vi.doMock('gpu.js', () => {
      throw new Error("Cannot find package 'gpu.js' imported from /app/node_modules/@mindts/backend-gpujs/dist/gpujsModule.js");
    });
    const { gpujs } = await import('./index.js');
    const factory = gpujs({ mode: 'webasm' });
    const { registerBackend, removeBackend, ready } = await import('@mindts/tensor');
    await expect(factory.create()).rejects.toThrow(
      /^gpujs: the gpu\.js backend needs the 'gpu\.js' package, which could not be loaded \(.+\)\. It is an optional peer dependency of @mindts\/backend-gpujs, left out of a plain install: run `npm install gpu\.js@2\.24\.1`/,
    );
    // In a chain, the engine moves on to the next backend with that reason.
    registerBackend(gpujs({ requireGpu: true }));
    registerBackend(cpu());
    try {
      expect((await ready()).name).toBe('cpu');
    } finally {
      removeBackend('gpujs');
      removeBackend('cpu');
    }
  });
});
