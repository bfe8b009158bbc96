import { wasm } from '@mindts/backend-wasm';
import { amp, nn } from '@mindts/cell';
import { batches, loadMnist } from '@mindts/datasets';
import { getBackend, listBackends, memory, registerBackend, setBackend, setSeed, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Callback } from '../callback/callback.js';
import type { RunContext } from '../callback/runContext.js';
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

/**
 * Trains the MLP through `Model` at `ampLevel` from seed 1 and returns its test accuracy. O2 uses a
 * dynamic loss scale starting at 2**16: MindSpore's default start, 2**24, overflows float16 and
 * skips the first 7 of these 282 steps, which alone moves this short run's accuracy by about half
 * a point (0.8955 against 0.9035 from 2**16).
 */
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
    ...(ampLevel === 'O2' ? { lossScaleManager: new amp.DynamicLossScaleManager(2 ** 16) } : {}),
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

/** Records each step's outputs as numbers, and the train Cell's scale, at step end. */
class Steps extends Callback {
  readonly seen: { loss: number; overflow: boolean; used: number; cellScale: number; hostScale: number }[] = [];
  constructor(readonly manager: () => amp.LossScaleManager | null) {
    super();
  }
  override onTrainStepEnd(ctx: RunContext): void {
    const p = ctx.originalArgs();
    const [loss, overflow, used] = p.netOutputs as Tensor[];
    const cell = p.trainNetwork as nn.TrainOneStepWithLossScaleCell;
    this.seen.push({
      loss: loss!.item() as number,
      overflow: overflow!.item() as boolean,
      used: used!.item() as number,
      cellScale: cell.scaleSense.item() as number,
      hostScale: this.manager()!.getLossScale(),
    });
  }
}

describe("Model's loss scale (MindSpore's loss_scale_manager)", () => {
  const data = () => {
    const d = loadMnist({ limit: 256 });
    return { d, batches: (epoch: number) => batches(d.images, d.labels, 32, { shuffle: true, seed: epoch }) };
  };

  it("O2 trains with MindSpore's DynamicLossScaleManager by default: overflowing steps skipped, the host scale following the step's", async () => {
    setSeed(2);
    const { d, batches: feed } = data();
    const net = mlp();
    const model = new Model(net, { lossFn: new nn.CrossEntropyLoss(), optimizer: new nn.SGD(net.trainableParams(), 0.1), ampLevel: 'O2' });
    expect(model.lossScaleManager).toBeInstanceOf(amp.DynamicLossScaleManager);
    const steps = new Steps(() => model.lossScaleManager);
    const before = Array.from(net.trainableParams()[0]!.dataSync());
    const start = memory().numTensors;
    await model.train(2, feed, { callbacks: [steps] });
    const afterFirst = memory().numTensors;
    await model.train(1, feed, { callbacks: [steps] });
    expect(memory().numTensors).toBe(afterFirst);
    expect(afterFirst - start).toBeLessThanOrEqual(4); // the train Cell's scale and counters
    const skipped = steps.seen.filter((s) => s.overflow).length;
    expect(steps.seen[0]).toMatchObject({ overflow: true, used: 2 ** 24, cellScale: 2 ** 23, hostScale: 2 ** 23 });
    expect(skipped).toBeGreaterThan(0);
    expect(skipped).toBeLessThan(steps.seen.length);
    for (const s of steps.seen) expect(s.hostScale).toBe(s.cellScale);
    expect(Array.from(net.trainableParams()[0]!.dataSync())).not.toEqual(before);
    const finite = steps.seen.filter((s) => !s.overflow).map((s) => s.loss);
    expect(finite.at(-1)!).toBeLessThan(finite[0]!);
    net.dispose();
    d.images.dispose();
    d.labels.dispose();
  }, 60_000);

  it('lossScaleManager: null trains O2 without a loss scale; a fixed scale that does not drop multiplies the gradients', async () => {
    setSeed(2);
    const { d, batches: feed } = data();
    const net = mlp();
    const plain = new Model(net, {
      lossFn: new nn.CrossEntropyLoss(),
      optimizer: new nn.SGD(net.trainableParams(), 0.1),
      ampLevel: 'O2',
      lossScaleManager: null,
    });
    expect(plain.lossScaleManager).toBeNull();
    let outputs: unknown;
    await plain.train(1, feed, {
      callbacks: [
        new (class extends Callback {
          override onTrainStepEnd(ctx: RunContext) {
            outputs = ctx.originalArgs().netOutputs;
          }
        })(),
      ],
    });
    expect(Array.isArray(outputs)).toBe(false);
    const net2 = mlp();
    const fixed = new Model(net2, {
      lossFn: new nn.CrossEntropyLoss(),
      optimizer: new nn.SGD(net2.trainableParams(), { learningRate: 0.1, lossScale: 1024 }),
      lossScaleManager: new amp.FixedLossScaleManager(1024, false),
    });
    const before = Array.from(net2.trainableParams()[0]!.dataSync());
    await fixed.train(1, feed);
    expect(Array.from(net2.trainableParams()[0]!.dataSync())).not.toEqual(before);
    for (const t of [d.images, d.labels]) t.dispose();
    net.dispose();
    net2.dispose();
  }, 60_000);

  it('a manager whose update Cell is refused leaves the network unconverted, so a second Model can convert it', () => {
    class Broken extends amp.DynamicLossScaleManager {
      override getUpdateCell(): never {
        return 'not a Cell' as never;
      }
    }
    const net = mlp();
    const optimizer = new nn.SGD(net.trainableParams());
    expect(() => new Model(net, { optimizer, ampLevel: 'O2', lossScaleManager: new Broken() })).toThrow(/scale_sense/);
    const model = new Model(net, { optimizer, ampLevel: 'O2' });
    expect(model.lossScaleManager).toBeInstanceOf(amp.DynamicLossScaleManager);
    net.dispose();
  });

  it('refuses a loss scale without an optimizer, and a manager of another type', () => {
    expect(() => new Model(mlp(), { ampLevel: 'O2', lossScaleManager: new amp.FixedLossScaleManager() })).toThrow(
      "For 'Model', the argument 'optimizer' can not be None when set 'lossScaleManager'.",
    );
    const net = mlp();
    expect(() => new Model(net, { optimizer: new nn.SGD(net.trainableParams()), lossScaleManager: 128 as never })).toThrow(
      "For 'Model', the 'lossScaleManager' must be an amp.LossScaleManager or null, but got number.",
    );
    expect(
      () => new Model(net, { optimizer: new nn.SGD(net.trainableParams()), ampLevel: 'O2', keepBatchnormFp32: 'yes' as never }),
    ).toThrow(/For 'Model', the 'keepBatchnormFp32' must be a bool, but got "yes"/);
  });
});
