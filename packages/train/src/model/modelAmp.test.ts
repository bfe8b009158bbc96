import { wasm } from '@mindts/backend-wasm';
import { nn } from '@mindts/cell';
import { batches, loadMnist } from '@mindts/datasets';
import { getBackend, listBackends, registerBackend, setBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Accuracy } from '../metrics/accuracy.js';
import { Model } from './model.js';

beforeAll(async () => {
  if (!listBackends().includes('wasm')) registerBackend(wasm());
  await setBackend('wasm');
});

/** The example app's MLP (apps/example/src/train/models.ts: 784-128-10, ReLU). */
function mlp(): nn.SequentialCell {
  return new nn.SequentialCell([new nn.Dense(784, 128, { activation: 'relu' }), new nn.Dense(128, 10)]);
}

/** Trains the MLP through `Model` at `ampLevel` from seed 1 and returns its test accuracy. */
async function trainAt(ampLevel: 'O0' | 'O2'): Promise<{ accuracy: number; dtypes: string[] }> {
  setSeed(1);
  const train = loadMnist({ limit: 3000 });
  const test = loadMnist({ split: 'test', limit: 2000 });
  const net = mlp();
  const model = new Model(net, {
    lossFn: new nn.CrossEntropyLoss(),
    optimizer: new nn.Momentum(net.trainableParams(), 0.05, 0.9),
    metrics: { accuracy: new Accuracy() },
    ampLevel,
  });
  try {
    await model.train(3, (epoch: number) => batches(train.images, train.labels, 32, { shuffle: true, seed: epoch }));
    const { accuracy } = await model.eval(batches(test.images, test.labels, 250));
    return { accuracy: accuracy as number, dtypes: [...net.getParameters()].map((p) => p.dtype) };
  } finally {
    net.dispose();
    for (const t of [train.images, train.labels, test.images, test.labels]) t.dispose();
  }
}

describe('Model with ampLevel O2 on the wasm backend', () => {
  it('trains the MNIST MLP to the float32 accuracy (within 0.5 points), float32 master weights, no CPU fallback', async () => {
    const fp32 = await trainAt('O0');
    const before = (getBackend() as ReturnType<typeof getBackend> & { explain(): { fallbacks: readonly unknown[] } }).explain().fallbacks
      .length;
    const o2 = await trainAt('O2');
    console.info(`MNIST MLP, 3000 digits × 3 epochs, test accuracy on 2000: float32 ${fp32.accuracy} · O2 ${o2.accuracy}`);
    expect(fp32.accuracy).toBeGreaterThan(0.85);
    expect(Math.abs(o2.accuracy - fp32.accuracy)).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(o2.dtypes).toEqual(['float32', 'float32', 'float32', 'float32']);
    expect((getBackend() as unknown as { explain(): { fallbacks: readonly unknown[] } }).explain().fallbacks.slice(before)).toEqual([]);
  }, 120_000);
});
