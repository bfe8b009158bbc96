import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { getBackend, memory, registerBackend, setBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TensorInfo, tensorInfo, wrapInfo } from '@mindts/tensor/backend';
import type { GpuJs } from './gpujsModule.js';
import { GpujsBackend, gpujs, KERNEL_CACHE_LIMIT } from './index.js';

let b: GpujsBackend;
const dataIdOf = (t: Tensor) => tensorInfo(t).dataId;
const wrap = (info: TensorInfo) => wrapInfo(info, b);
beforeAll(async () => {
  registerBackend(cpu());
  registerBackend(gpujs({ mode: 'webasm', cpuThreshold: 0 }));
  await setBackend('gpujs');
  b = getBackend() as GpujsBackend;
});

describe('kernel cache', () => {
  it('compiles once per primitive, op, shapes and dtype, and reuses the kernel after', async () => {
    const x = tensor(new Float32Array(12).fill(2), 'float32', [3, 4]);
    const y = tensor(new Float32Array(4).fill(3), 'float32');
    const before = b.explain().kernels;
    tidy(() => ops.mul(x, y));
    const once = b.explain().kernels;
    expect(once.compiled).toBe(before.compiled + 1);
    expect(Array.from(await tidy(() => ops.mul(x, y)).data())).toEqual(new Array(12).fill(6));
    expect(b.explain().kernels).toMatchObject({ compiled: once.compiled, hits: once.hits + 1 });
    tidy(() => ops.mul(x, tensor([1, 2, 3, 4], 'float32', [1, 4])));
    expect(b.explain().kernels.compiled).toBe(once.compiled + 1);
  });

  it('compiles again after releaseKernels()', () => {
    const x = tensor([1, 2, 3], 'float32');
    tidy(() => ops.sqrt(x));
    const before = b.explain().kernels.compiled;
    b.releaseKernels();
    expect(b.explain().kernels.cached).toBe(0);
    tidy(() => ops.sqrt(x));
    expect(b.explain().kernels).toMatchObject({ compiled: before + 1, cached: 1 });
    x.dispose();
  });

  it('keeps at most KERNEL_CACHE_LIMIT kernels over a sweep of shapes', () => {
    for (let n = 1; n <= KERNEL_CACHE_LIMIT + 8; n++) tidy(() => ops.neg(tensor(new Float32Array(n), 'float32')));
    expect(b.explain().kernels.cached).toBe(KERNEL_CACHE_LIMIT);
  });
});

describe('a kernel gpu.js cannot build', () => {
  it('runs on the CPU backend instead, with the build error as the reason, and is not retried', async () => {
    const x = tensor([1, -2], 'float32');
    const info = { dataId: {}, shape: [2], dtype: 'float32' as const };
    const plan = {
      key: 'broken',
      shape: [2],
      dtype: 'float32' as const,
      source: () => 'function(a) { return a[this.thread.x] + notDefined; }',
    };
    const run = () => tidy(() => wrap(b.launch('Unary', [{ ...info, dataId: dataIdOf(x) }], { op: 'neg' }, plan)));
    expect(Array.from(await run().data())).toEqual([-1, 2]);
    const compiled = b.explain().kernels.compiled;
    expect(Array.from(await run().data())).toEqual([-1, 2]);
    expect(b.explain().kernels.compiled).toBe(compiled);
    const fb = b.explain().fallbacks.find((f) => f.primitive === 'Unary');
    expect(fb).toMatchObject({
      to: 'cpu',
      count: 2,
      reason: expect.stringMatching(/^gpu\.js could not (build|compile) the generated kernel \(.+\)$/),
    });
  });
});

describe('device residency and memory', () => {
  it('keeps kernel results on the device: no host copies until a read', async () => {
    const base = b.memory();
    const x = tensor([-1, 2, -3, 4], 'float32');
    const y = tidy(() => ops.greater(ops.relu(ops.exp(x)), 2));
    expect(b.memory().hostBytes).toBe(base.hostBytes);
    expect(b.memory().deviceBuffers).toBe(base.deviceBuffers + 2);
    expect(Array.from(await y.data())).toEqual([0, 1, 0, 1]);
    // A bool read makes a host Uint8Array copy; disposing frees both forms.
    expect(b.memory().hostBytes).toBe(base.hostBytes + 4);
    x.dispose();
    y.dispose();
    expect(b.memory()).toEqual(base);
  });

  it('returns to the baseline after dispose, and stays flat over a long loop', () => {
    const base = memory().backends.gpujs;
    let w: Tensor = tensor(new Float32Array(256).fill(0.5), 'float32', [16, 16]);
    const readings: number[] = [];
    for (let step = 0; step < 200; step++) {
      const next = tidy(() => ops.sub(w, ops.mul(ops.matmul(w, w), 0.001)));
      w.dispose();
      w = next;
      if (step % 50 === 49) readings.push(b.memory().bytes);
    }
    expect(new Set(readings).size).toBe(1);
    w.dispose();
    expect(memory().backends.gpujs).toEqual(base);
  });
});

/** A stand-in for a texture mode's gpu.js: results are handles that read back asynchronously. */
function fakeWebGpu() {
  const deleted: number[] = [];
  let next = 0;
  const gpu = {
    createKernel: () => {
      const kernel = (...args: unknown[]) => {
        const id = next++;
        const input = args[0] as Float32Array | { values: Float32Array };
        const values = input instanceof Float32Array ? input.slice() : input.values.map((v) => v * 2);
        return { values, toArray: async () => values, delete: () => deleted.push(id) };
      };
      return Object.assign(kernel, { destroy() {} });
    },
    destroy: async () => {},
  } as unknown as GpuJs;
  return { gpu, deleted };
}

describe('a lost WebGL context', () => {
  it('sends later ops to the CPU backend and refuses to read tensors that lived only on the device', () => {
    const { gpu } = fakeWebGpu();
    let lost = false;
    Object.assign(gpu, { context: { isContextLost: () => lost } });
    const gl = new GpujsBackend({ name: 'fake-webgl2', mode: 'webgl2', modeReason: 'test', gpu, strict: false, cpuThreshold: 0 });
    const info = { dataId: gl.write(new Float32Array([1, -2]), [2], 'float32'), shape: [2], dtype: 'float32' as const };
    const plan = { key: 'k', shape: [2], dtype: 'float32' as const, source: () => '' };
    const onDevice = gl.launch('Unary', [info], { op: 'neg' }, plan);
    lost = true;
    expect(gl.contextLost).toBe(true);
    const after = gl.launch('Unary', [info], { op: 'abs' }, plan);
    expect(Array.from(gl.readSync(after.dataId))).toEqual([1, 2]);
    expect(gl.explain().fallbacks).toEqual([
      { primitive: 'Unary', to: 'cpu', reason: expect.stringMatching(/^the WebGL context was lost/), count: 1 },
    ]);
    expect(() => gl.readSync(onDevice.dataId)).toThrow(/lived only on the device, and the WebGL context was lost/);
  });
});

describe('a mode with asynchronous kernels and reads (WebGPU)', () => {
  it('chains kernels on pending results, reads with await t.data(), refuses dataSync() clearly, and deletes handles on dispose', async () => {
    const { gpu, deleted } = fakeWebGpu();
    const wb = new GpujsBackend({ name: 'fake-webgpu', mode: 'webgpu', modeReason: 'test', gpu, strict: false, cpuThreshold: 0 });
    const x = wb.write(new Float32Array([1, -2, 3]), [3], 'float32');
    const info = { dataId: x, shape: [3], dtype: 'float32' as const };
    // The fake doubles its input (the generated source is not run here); the upload copies.
    const plan = { key: 'k', shape: [3], dtype: 'float32' as const, source: () => '' };
    const once = wb.launch('Unary', [info], { op: 'neg' }, plan);
    const twice = wb.launch('Unary', [once], { op: 'neg' }, plan);
    expect(wb.memory()).toMatchObject({ deviceBuffers: 3, hostBytes: 12 });
    expect(() => wb.readSync(twice.dataId)).toThrow(/'webgpu' mode reads tensors back asynchronously; use `await t\.data\(\)`/);
    // A CPU fallback on a pending input: the shape is known now, the values once it is read back.
    const abs = wb.fallback('Unary', [twice], { op: 'abs' }, 'test reason');
    expect(abs.shape).toEqual([3]);
    expect(Array.from(await wb.read(twice.dataId))).toEqual([4, -8, 12]);
    expect(Array.from(await wb.read(abs.dataId))).toEqual([4, 8, 12]);
    expect(wb.explain().fallbacks).toEqual([{ primitive: 'Unary', to: 'cpu', reason: 'test reason', count: 1 }]);
    for (const id of [abs.dataId, twice.dataId, once.dataId, x]) wb.disposeData(id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(deleted.sort()).toEqual([0, 1, 2]);
    expect(wb.memory()).toEqual({ bytes: 0, buffers: 0, deviceBytes: 0, hostBytes: 0, deviceBuffers: 0 });
  });

  it('runs a chain of kernels once its inputs are ready and deletes the intermediates after the last', async () => {
    const { gpu, deleted } = fakeWebGpu();
    const wb = new GpujsBackend({ name: 'fake-webgpu', mode: 'webgpu', modeReason: 'test', gpu, strict: false, cpuThreshold: 0 });
    const info = { dataId: wb.write(new Float32Array([1, -2]), [2], 'float32'), shape: [2], dtype: 'float32' as const };
    const plan = (key: string) => ({ key, shape: [2], dtype: 'float32' as const, source: () => '' });
    // Upload (id 0, copies), stage one (id 1, doubles the upload), stage two (id 2, doubles stage one).
    const stages = [
      { plan: plan('one'), args: [0] },
      { plan: plan('two'), args: [1] },
    ];
    const out = wb.launchChain('MatMul', [info], stages, () => {
      throw new Error('the chain should run');
    });
    expect(out.shape).toEqual([2]);
    expect(Array.from(await wb.read(out.dataId))).toEqual([4, -8]);
    expect(deleted).toEqual([1]);
    expect(wb.explain().kernels.chains).toBe(1);
    wb.disposeData(out.dataId);
    wb.disposeData(info.dataId);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(deleted.sort()).toEqual([0, 1, 2]);
  });

  it('records a chain whose stage gpu.js cannot build, and runs the one-kernel form instead', () => {
    const { gpu } = fakeWebGpu();
    const make = (gpu as unknown as { createKernel: (source: string) => unknown }).createKernel;
    Object.assign(gpu, {
      createKernel: (source: string) => {
        if (source === 'broken') throw new Error('no such function');
        return make(source);
      },
    });
    const gl = new GpujsBackend({ name: 'fake-webgl2', mode: 'webgl2', modeReason: 'test', gpu, strict: false, cpuThreshold: 0 });
    const info = { dataId: gl.write(new Float32Array([1, -2]), [2], 'float32'), shape: [2], dtype: 'float32' as const };
    const plan = (key: string, source: string) => ({ key, shape: [2], dtype: 'float32' as const, source: () => source });
    const one = gl.launch('Unary', [info], { op: 'neg' }, plan('one', 'fine'));
    const out = gl.launchChain('MatMul', [info], [{ plan: plan('stage', 'broken'), args: [0] }], () => one);
    expect(out).toBe(one);
    expect(gl.explain().kernels.chains).toBe(0);
    expect(gl.explain().fallbacks).toEqual([
      { primitive: 'MatMul', to: 'one kernel', reason: 'gpu.js could not compile the generated kernel (no such function)', count: 1 },
    ]);
  });
});
