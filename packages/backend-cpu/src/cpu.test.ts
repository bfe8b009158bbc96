import { getBackend, listBackends, memory, registerBackend, removeBackend, setBackend, slice, tensor } from '@mindts/tensor';
import type { CorePrimitiveName } from '@mindts/tensor/backend';
import { afterEach, describe, expect, it } from 'vitest';
import { CpuBackend, cpu, cpuKernels } from './index.js';

const CORE: CorePrimitiveName[] = [
  'Unary',
  'Binary',
  'Reduce',
  'MatMul',
  'Reshape',
  'Transpose',
  'StridedSlice',
  'SliceUpdate',
  'Concat',
  'Gather',
  'ScatterAdd',
  'Cast',
  'Fill',
  'Random',
  'Where',
  'BroadcastTo',
  'Conv2D',
  'Pool2D',
  'Cumulative',
  'Argsort',
];

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
});

describe('cpu()', () => {
  it('importing the package registers nothing', () => {
    expect(listBackends()).toEqual([]);
  });

  it('is a factory named cpu with priority 1 and every core kernel', async () => {
    const f = cpu();
    expect(f.name).toBe('cpu');
    expect(f.priority).toBe(1);
    expect(f.kernels).toBe(cpuKernels);
    expect(Object.keys(cpuKernels).sort()).toEqual([...CORE].sort());
    const b = await f.create();
    expect(b).toBeInstanceOf(CpuBackend);
    expect(b.name).toBe('cpu');
  });

  it('registers explicitly and becomes the active backend', () => {
    registerBackend(cpu());
    expect(listBackends()).toEqual(['cpu']);
    expect(getBackend().name).toBe('cpu');
    expect(tensor([1, 2]).backendName).toBe('cpu');
  });

  it('takes a name and a priority for a second instance', async () => {
    registerBackend(cpu());
    registerBackend(cpu({ name: 'cpu-b', priority: 5 }));
    expect(listBackends()).toEqual(['cpu-b', 'cpu']);
    await setBackend('cpu-b');
    const x = tensor([1, 2, 3], 'float32');
    expect(x.backendName).toBe('cpu-b');
    expect(memory().backends['cpu-b']).toEqual({ bytes: 12, buffers: 1 });
    await setBackend('cpu');
    // A kernel on the active backend moves its inputs there.
    const y = x.getItem(slice(1));
    expect(x.backendName).toBe('cpu');
    expect(memory().backends['cpu-b']).toEqual({ bytes: 0, buffers: 0 });
    expect(Array.from(y.dataSync())).toEqual([2, 3]);
    x.dispose();
    y.dispose();
  });

  it('rejects bad options', () => {
    expect(() => cpu({ name: '' })).toThrow(/cpu: options.name must be a non-empty string/);
    expect(() => cpu({ priority: Number.NaN })).toThrow(/cpu: options.priority must be a number, but got NaN/);
  });

  it('a disposed or foreign handle is a clear error', () => {
    const b = new CpuBackend();
    const id = b.write(new Float32Array([1]), [1], 'float32');
    b.disposeData(id);
    expect(() => b.readSync(id)).toThrow(/Backend 'cpu' holds no data for this tensor; it was disposed or belongs to another backend/);
    expect(b.memory()).toEqual({ bytes: 0, buffers: 0 });
  });
});
