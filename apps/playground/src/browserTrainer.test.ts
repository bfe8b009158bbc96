import { nn } from '@mindts/cell';
import { memoryIO, saveCheckpoint } from '@mindts/checkpoint';
import { setBackend } from '@mindts/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activateBackend, releaseBackendsExcept } from './backendChoice.js';
import { BrowserTrainer } from './browserTrainer.js';
import { digitsFromPackage } from './build/digitsFromPackage.js';
import { DIGIT_PIXELS, type Digits, decodeDigits } from './digitsAsset.js';

let digits: Digits;
const options = { batchSize: 32, learningRate: 1e-3, seed: 1 };
const trainers: BrowserTrainer[] = [];
const make = (o = options) => {
  const t = new BrowserTrainer(digits, o);
  trainers.push(t);
  return t;
};
const firstTestDigit = () => digits.test.images.slice(0, DIGIT_PIXELS);
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

beforeAll(async () => {
  await activateBackend('cpu');
  digits = decodeDigits(await digitsFromPackage({ train: 320, test: 100, seed: 1 }));
});

afterEach(async () => {
  for (const t of trainers.splice(0)) t.dispose();
  await setBackend('cpu');
  releaseBackendsExcept('cpu');
});

describe('BrowserTrainer', () => {
  it('learns: the loss falls and the held-out accuracy rises well above chance', async () => {
    const trainer = make();
    for (let i = 0; i < 30; i++) await trainer.trainStep();
    const { losses } = trainer;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(trainer.steps).toBe(30);
    expect(losses).toHaveLength(30);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.3);
    const heldOut = await trainer.evaluate();
    expect(heldOut.count).toBe(100);
    expect(heldOut.accuracy).toBeGreaterThan(0.4);
  });

  it('predicts a probability per digit', async () => {
    const p = await make().predict(firstTestDigit());
    expect(p).toHaveLength(10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await expect(make().predict(new Float32Array(10))).rejects.toThrow('pixels must be a Float32Array of 784 values, but got 10 values');
  });

  it('restores weights, optimizer state, history and the place in the batch order from its checkpoint', async () => {
    const trainer = make();
    // 320 digits in batches of 32: 12 steps end inside the second epoch.
    for (let i = 0; i < 12; i++) await trainer.trainStep();
    const io = memoryIO();
    await trainer.save(io);
    const saved = await trainer.predict(firstTestDigit());
    const losses = [...trainer.losses];
    const nextLoss = await trainer.trainStep();
    expect(maxDiff(await trainer.predict(firstTestDigit()), saved)).toBeGreaterThan(1e-6);
    await trainer.load(io);
    expect(await trainer.predict(firstTestDigit())).toEqual(saved);
    expect(trainer.steps).toBe(12);
    expect(trainer.losses).toEqual(losses);
    // Adam's moments and the next batch came back too: the loaded trainer, and a new one loaded
    // from the same checkpoint, both take the very step the saving one took next.
    expect(await trainer.trainStep()).toBe(nextLoss);
    const other = make();
    await other.load(io);
    expect(await other.trainStep()).toBe(nextLoss);
    expect(await other.predict(firstTestDigit())).toEqual(await trainer.predict(firstTestDigit()));
  });

  it('moves between backends through a checkpoint, predicting the same', async () => {
    const trainer = make();
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    const io = memoryIO();
    await trainer.save(io);
    const onCpu = await trainer.predict(firstTestDigit());
    await activateBackend('wasm');
    const moved = make();
    await moved.load(io);
    expect(maxDiff(await moved.predict(firstTestDigit()), onCpu)).toBeLessThan(1e-5);
    expect(await moved.trainStep()).toBeGreaterThan(0);
  });

  it('refuses checkpoints that are not its own, and stays as it was', async () => {
    const trainer = make();
    const before = await trainer.predict(firstTestDigit());
    const netOnly = memoryIO();
    await saveCheckpoint(trainer.net, netOnly);
    await expect(trainer.load(netOnly)).rejects.toThrow('not saved by the playground: it has no steps and losses entries');
    const other = memoryIO();
    await saveCheckpoint(new nn.Dense(784, 64), other, { appendDict: { steps: '3', losses: '[1,2,3]' } });
    await expect(trainer.load(other)).rejects.toThrow("does not fit the playground's MLP: missing 0.weight, 0.bias");
    expect(await trainer.predict(firstTestDigit())).toEqual(before);
  });

  it('checks its options, naming them', () => {
    expect(() => make({ ...options, batchSize: 0 })).toThrow('batchSize must be an integer in [1, 1024], but got 0');
    expect(() => make({ ...options, learningRate: 5 })).toThrow('learningRate must be a number in (0, 1], but got 5');
    expect(() => make({ ...options, seed: 0.5 })).toThrow('seed must be an integer, but got 0.5');
  });
});
