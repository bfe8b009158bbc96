import { beforeAll, describe, expect, it } from 'vitest';
import * as ms from './index.js';

const MODES = ['webasm', 'cpu'] as const;

beforeAll(() => {
  if (!ms.listBackends().includes('cpu')) ms.registerBackend(ms.cpu());
  for (const mode of MODES) ms.registerBackend(ms.gpujs({ name: `gpujs-o2-${mode}`, mode, cpuThreshold: 0 }));
});

/** Three SGD steps of a seeded MLP at amp level O2 on the active backend; the losses. */
function o2Steps(): number[] {
  ms.setSeed(3);
  const net = ms.amp.autoMixedPrecision(
    new ms.nn.SequentialCell([new ms.nn.Dense(12, 16, { activation: 'relu' }), new ms.nn.Dense(16, 4)]),
    'O2',
  );
  const loss = new ms.nn.CrossEntropyLoss();
  const opt = new ms.nn.SGD(net.trainableParams(), 0.1);
  const grad = ms.ops.valueAndGrad((x: ms.Tensor, y: ms.Tensor) => loss.call(net.call(x), y), null, opt.parameters);
  const x = ms.rand([8, 12]);
  const y = ms.tensor([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [l, g] = grad(x, y);
    opt.call(g);
    losses.push(l.item() as number);
  }
  net.dispose();
  return losses;
}

describe('amp level O2 on gpu.js', () => {
  it.each(MODES)("trains an MLP with float16 on the device (%s mode): no float16 fallback, the CPU backend's losses", async (mode) => {
    await ms.setBackend('cpu');
    const want = o2Steps();
    await ms.setBackend(`gpujs-o2-${mode}`);
    const backend = ms.getBackend() as ms.GpujsBackend;
    const before = backend.explain().fallbacks.length;
    const losses = o2Steps();
    const fell = backend
      .explain()
      .fallbacks.slice(before)
      .map((f) => `${f.primitive}: ${f.reason}`);
    // The seeded draws run on the CPU backend (every backend draws the same numbers); the labels are int32.
    expect(fell.filter((f) => !f.startsWith('Random:') && !f.includes('int32'))).toEqual([]);
    for (const [i, l] of losses.entries()) expect(l).toBeCloseTo(want[i] as number, 3);
    expect(losses[2] as number).toBeLessThan(losses[0] as number);
  });
});
