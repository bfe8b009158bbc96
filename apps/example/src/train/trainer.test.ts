import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countCorrect, evaluate } from './evaluate.js';
import { LeNet, mlp } from './models.js';
import { Progress } from './progress.js';
import { type TrainOptions, train } from './trainer.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** Trains with a progress stream that samples the live tensor count at every step. */
async function trainCountingTensors(options: TrainOptions) {
  const counts: number[] = [];
  const progress = new Progress({ write: () => counts.push(memory().numTensors) }, 1);
  const result = await train({ ...options, progress });
  return { result, counts };
}

// Measured on a 2-core x86 machine: the MLP reaches 84.1–85.3 % held-out accuracy after 2 epochs
// on 2,000 digits (seeds 1–3), the CNN 82.3–86.4 % on 1,000 held-out digits after 1 epoch (seeds
// 1–2); chance is 10 %. The bounds leave 4–7 points for other platforms' float rounding.
describe('training on MNIST', () => {
  it('MLP 784-128-10, Adam 1e-3, 2 epochs on 2,000 digits: > 80 % held-out accuracy, loss falls, no tensor leaks', async () => {
    const before = memory().numTensors;
    const { result, counts } = await trainCountingTensors({ model: 'mlp', epochs: 2, batchSize: 64, lr: 1e-3, limit: 2000, seed: 1 });
    const [first, second] = result.epochs;
    expect(result.trainImages).toBe(2000);
    expect(result.testImages).toBe(2000);
    expect(result.stepLosses).toHaveLength(2 * 32);
    expect(second?.trainLoss).toBeLessThan(first?.trainLoss ?? 0);
    expect(second?.testAccuracy).toBeGreaterThan(0.8);
    // Every step leaves as many live tensors as the one before: nothing leaks per step.
    expect(new Set(counts.slice(0, 32)).size).toBe(1);
    expect(counts[63]).toBe(counts[0]);
    // The data, the optimizer's state and the net are all freed: nothing outlives the run.
    result.net.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('LeNet-style CNN with BatchNorm and Dropout, Adam 3e-3, 1 epoch on 2,000 digits: > 75 % held-out accuracy', async () => {
    const { result } = await trainCountingTensors({
      model: 'cnn',
      epochs: 1,
      batchSize: 64,
      lr: 3e-3,
      limit: 2000,
      seed: 1,
      testLimit: 1000,
    });
    expect(result.testImages).toBe(1000);
    expect(result.epochs[0]?.testAccuracy).toBeGreaterThan(0.75);
    const net = result.net as LeNet;
    // The moving statistics were learned in training mode and used in evaluation.
    const bn = net.features.at(1) as nn.BatchNorm2d;
    expect(Array.from(bn.movingMean.dataSync()).some((v) => v !== 0)).toBe(true);
    expect(net.training).toBe(true);
    result.net.dispose();
    // About 15 s alone on 2 cores; the margin is for a machine busy with the rest of the suite.
  }, 180_000);
});

describe('jit', () => {
  it('--jit trains the CNN (BatchNorm, Dropout, Adam) with the eager loss curve, step for step, and frees its graphs', async () => {
    const base = { model: 'cnn' as const, epochs: 1, batchSize: 32, lr: 3e-3, limit: 200, testLimit: 100, seed: 4 };
    const before = memory().numTensors;
    const eager = await train(base);
    const jitted = await train({ ...base, jit: true });
    // 200 images in batches of 32: six full batches and one of 8 (a second compiled signature).
    expect(jitted.stepLosses).toHaveLength(7);
    expect(jitted.stepLosses).toEqual(eager.stepLosses);
    expect(jitted.epochs.map((e) => e.testAccuracy)).toEqual(eager.epochs.map((e) => e.testAccuracy));
    eager.net.dispose();
    jitted.net.dispose();
    expect(memory().numTensors).toBe(before);
  }, 120_000);
});

describe('checkpoints', () => {
  it('--resume continues with the same loss curve as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mindts-train-'));
    const base = { model: 'mlp' as const, batchSize: 64, lr: 1e-3, limit: 256, testLimit: 200, seed: 3 };
    const whole = await train({ ...base, epochs: 3, checkpoint: join(dir, 'whole.ckpt') });
    const part = await train({ ...base, epochs: 1, checkpoint: join(dir, 'part.ckpt') });
    part.net.dispose();
    const resumed = await train({ ...base, epochs: 3, checkpoint: join(dir, 'part.ckpt'), resume: true });
    expect(resumed.stepLosses).toEqual(whole.stepLosses);
    expect(resumed.epochs.map((e) => e.testAccuracy)).toEqual(whole.epochs.map((e) => e.testAccuracy));
    expect(Array.from(resumed.net.parametersDict().get('0.weight')?.dataSync() ?? [])).toEqual(
      Array.from(whole.net.parametersDict().get('0.weight')?.dataSync() ?? []),
    );
    whole.net.dispose();
    resumed.net.dispose();
    await expect(train({ ...base, epochs: 2, model: 'cnn', checkpoint: join(dir, 'part.ckpt'), resume: true })).rejects.toThrow(
      /does not fit this model/,
    );
  }, 120_000);
});

describe('evaluate', () => {
  it('counts arg-max hits', () => {
    const logits = tensor(
      [
        [0, 2, 1],
        [3, 0, 0],
        [0, 0, 1],
      ],
      'float32',
    );
    expect(countCorrect(logits, tensor([1, 1, 2], 'int32'))).toBe(2);
  });

  it('measures in inference mode and restores the mode', () => {
    const net = mlp(8);
    net.setTrain(true);
    const images = tensor(
      Array.from({ length: 6 * 784 }, (_, i) => (i % 7) / 7),
      'float32',
      [6, 784],
    );
    const labels = tensor([0, 1, 2, 3, 4, 5], 'int32');
    const loss = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
    const a = evaluate(net, loss, images, labels, 4);
    expect(net.training).toBe(true);
    expect(a.accuracy * 6).toBeCloseTo(Math.round(a.accuracy * 6), 6);
    expect(a.loss).toBeGreaterThan(0);
    // Batches of 4 and 2 give the same mean as one batch of 6.
    expect(evaluate(net, loss, images, labels, 6).loss).toBeCloseTo(a.loss, 5);
    net.dispose();
  });

  it('LeNet maps [n, 784] images to [n, 10] logits', () => {
    const net = new LeNet();
    const y = net.call(tensor(new Array(2 * 784).fill(0.5), 'float32', [2, 784]));
    expect(y.shape).toEqual([2, 10]);
    net.dispose();
  });
});
