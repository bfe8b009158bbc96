import { cpu } from '@mindts/backend-cpu';
import { getBackend, listBackends, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { getKernel, type KernelConfig, registerKernel, unregisterKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

/** Runs `fn` with the cpu kernels of `names` sampling the live bytes after each call; returns the most. */
function peakBytes(names: readonly string[], fn: () => void): number {
  const backend = getBackend();
  let peak = backend.memory().bytes;
  const originals: [string, KernelConfig['kernelFunc']][] = [];
  for (const name of names) {
    const kernel = getKernel(name as KernelConfig['name'], 'cpu');
    if (!kernel) continue;
    originals.push([name, kernel]);
    unregisterKernel(name as KernelConfig['name'], 'cpu');
    registerKernel({
      name,
      backendName: 'cpu',
      kernelFunc: (b: never, inputs: never, attrs: never) => {
        const out = kernel(b, inputs, attrs);
        peak = Math.max(peak, backend.memory().bytes);
        return out;
      },
    } as KernelConfig);
  }
  try {
    fn();
  } finally {
    for (const [name, kernelFunc] of originals) {
      unregisterKernel(name as KernelConfig['name'], 'cpu');
      registerKernel({ name, backendName: 'cpu', kernelFunc } as KernelConfig);
    }
  }
  return peak;
}

describe('back-propagation memory', () => {
  it('frees spent gradients as it goes: 64 row slices of a 256 KiB tensor do not hold 64 padded gradients at once', () => {
    const rows = 64;
    const x = tensor(
      Array.from({ length: rows * 1024 }, (_, i) => Math.sin(i)),
      'float32',
    ).reshape([rows, 1024]);
    // Each row's gradient is the row written into zeros of x's shape (256 KiB), then summed.
    const f = (t: Tensor) =>
      ops.split(t, 1, 0).reduce((acc: Tensor, r, i) => ops.add(acc, ops.mul(ops.sum(ops.square(r)), i + 1)), ops.zeros([]));
    const vg = ops.valueAndGrad(f);
    const xBytes = rows * 1024 * 4;
    const before = getBackend().memory().bytes;
    let dx: Tensor | undefined;
    const peak = peakBytes(['SliceUpdate', 'Binary', 'Fill', 'StridedSlice', 'Unary', 'Reduce', 'BroadcastTo', 'Reshape'], () => {
      dx = vg(x)[1];
    });
    // Row r of the gradient is 2·(r + 1)·x[r].
    const g = (dx as Tensor).dataSync();
    const v = x.dataSync();
    for (const k of [0, 1024 + 5, 63 * 1024 + 1023]) expect(g[k]).toBeCloseTo(2 * (Math.floor(k / 1024) + 1) * (v[k] as number), 3);
    // Kept all at once, the padded row gradients alone would take 64 × 256 KiB = 16 MiB.
    expect(peak - before).toBeLessThan(8 * xBytes);
    x.dispose();
  });
});
