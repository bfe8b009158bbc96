import { cpu, cumulativeImpl } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { fromValues, getBackend, registerBackend, setBackend, tidy } from '@mindts/tensor';
import { randomValue, runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GpujsBackend } from '../gpujsBackend.js';
import { gpujs } from '../index.js';
import { ARGSORT_REASON } from './scan.js';

let b: GpujsBackend;
beforeAll(async () => {
  registerBackend(cpu());
  registerBackend(gpujs({ mode: 'webasm', cpuThreshold: 0 }));
  await setBackend('gpujs');
  b = getBackend() as GpujsBackend;
});

const fallbacksOf = (primitive: string) => b.explain().fallbacks.filter((f) => f.primitive === primitive);

describe('Cumulative on gpu.js', () => {
  it('runs sum and product scans, forward and reverse, on every axis as a gpu.js kernel', async () => {
    const shape = [3, 4, 5];
    const values = Float32Array.from({ length: 60 }, (_, i) => randomValue('uniform', 31, 0, i, 0.5, 1.5));
    for (const op of ['sum', 'prod'] as const) {
      for (const axis of [0, 1, 2]) {
        for (const reverse of [false, true]) {
          const got = tidy(() => runKernel('Cumulative', [fromValues(values, shape, 'float32')], { op, axis, reverse }));
          const want = cumulativeImpl(values, shape, op, axis, reverse, 'float32');
          const data = (await got.data()) as Float32Array;
          got.dispose();
          for (const [i, v] of data.entries())
            expect(Math.abs(v - (want[i] as number))).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[i] as number)));
        }
      }
    }
    expect(fallbacksOf('Cumulative')).toEqual([]);
  });

  it('sends int32 to the CPU backend, exactly, and says why', async () => {
    const x = fromValues([1, 2, 3], [3], 'int32');
    const y = ops.cumsum(x, 0);
    expect(Array.from(await y.data())).toEqual([1, 3, 6]);
    expect(fallbacksOf('Cumulative')[0]?.reason).toMatch(/int32 is not exact in float32 shaders/);
    x.dispose();
    y.dispose();
  });
});

describe('Argsort on gpu.js', () => {
  it('runs on the CPU backend, recorded with its reason, and sorts like it', async () => {
    const x = fromValues([3, 1, 2, 1], [4], 'float32');
    const [v, i] = ops.sort(x);
    expect(Array.from(await v.data())).toEqual([1, 1, 2, 3]);
    expect(Array.from(await i.data())).toEqual([1, 3, 2, 0]);
    expect(fallbacksOf('Argsort')).toEqual([expect.objectContaining({ to: 'cpu', reason: ARGSORT_REASON })]);
    expect(b.explain().summary).toContain(`Argsort → cpu ×1: ${ARGSORT_REASON}`);
    for (const t of [x, v, i]) t.dispose();
  });
});
